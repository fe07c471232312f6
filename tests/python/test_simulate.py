"""simulate(): exact spread on tiny graphs (enumerated live-edge worlds), the CLI's numbers for the
same rng_seed, and the same numbers for any thread count."""
import math
import os

import h5py
import numpy as np
import pytest

import kuchikomi
from conftest import COMMUNITY_LOG, exact_ic, exact_lt, unknown_users_of_results_file, write_lines

# A diamond with a back edge and a tail: several paths to each node, so the enumeration matters.
EDGES = [(0, 1, 0.5), (0, 2, 0.3), (1, 3, 0.6), (2, 3, 0.4), (3, 4, 0.7), (1, 2, 0.2), (4, 0, 0.5)]
LT_EDGES = [(0, 1, 0.5), (0, 2, 0.3), (1, 3, 0.4), (2, 3, 0.4), (3, 4, 0.7), (1, 2, 0.2), (4, 1, 0.3)]


def graph_of(edges, n=5):
    return kuchikomi.Graph.from_edges([u for u, _, _ in edges], [v for _, v, _ in edges],
                                      probabilities=[p for _, _, p in edges], num_nodes=n)


@pytest.mark.parametrize("model,edges,exact", [("ic", EDGES, exact_ic), ("lt", LT_EDGES, exact_lt)])
@pytest.mark.parametrize("seeds", [[0], [1, 2]])
def test_spread_matches_enumeration_within_its_confidence(model, edges, exact, seeds):
    runs = 40_000
    truth, per_node = exact(5, edges, seeds)
    r = kuchikomi.simulate(graph_of(edges), seeds, model=model, runs=runs, rng_seed=11)
    # 5 standard errors of the estimate itself: fails on a wrong model, not on chance (p < 1e-6).
    assert abs(r.mean - truth) <= 5 * r.stddev / math.sqrt(runs) + 1e-12
    for v in range(5):
        p = per_node[v]
        assert abs(r.node_probability[v] - p) <= 5 * math.sqrt(max(0.0, p * (1 - p)) / runs) + 1e-9, v
    assert r.curve[0] == len(seeds) and r.curve[-1] == pytest.approx(r.mean)
    assert r.ci[0] < r.mean < r.ci[1] or r.stddev == 0


def test_result_arrays_are_views_of_the_result():
    r = kuchikomi.simulate(graph_of(EDGES), [0], runs=100, rng_seed=3)
    assert np.shares_memory(r.run_spread, r.run_spread)
    assert r.run_spread.shape == (100,) and r.node_probability.shape == (5,)
    assert r.run_spread.mean() == pytest.approx(r.mean)


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_same_numbers_as_the_cli_for_any_thread_count(tmp_path, cli, threads):
    seeds = ["DaftWullie (1837)", "Blue (26)"]
    target = tmp_path / "target.txt"
    target.write_text("user1271772 (2293)\nJames Wootton (409)\n")
    out = tmp_path / "sim.h5"
    expected = cli("simulate", "--graph", COMMUNITY_LOG, "--model", "ic", "--seeds", ",".join(seeds), "--runs", 3000,
                   "--rng-seed", 42, "--max-steps", 4, "--target", target, "--out", out, "--threads", 2)
    g = kuchikomi.Graph.load(COMMUNITY_LOG)
    r = kuchikomi.simulate(g, seeds, runs=3000, rng_seed=42, max_steps=4, target=target, threads=threads)
    assert r.mean == expected["spread"]["mean"]
    assert r.stddev == expected["spread"]["stddev"]
    assert r.ci == (expected["spread"]["ci95_low"], expected["spread"]["ci95_high"])
    assert r.curve.tolist() == expected["steps"]["cumulative_mean"]
    assert r.target.mean == expected["target"]["mean"]
    assert r.edges_examined == expected["edges_examined"]
    with h5py.File(out) as f:
        assert np.array_equal(r.node_probability, f["nodes/activation_probability"][()])
        assert np.array_equal(r.run_spread, f["spread/run_spread"][()])


def test_precision_mode_and_random_seeds_match_the_cli(tmp_path, cli):
    out = tmp_path / "sim.h5"
    expected = cli("simulate", "--graph", COMMUNITY_LOG, "--model", "lt", "--random-seeds", 3, "--precision", 0.02,
                   "--rng-seed", 9, "--out", out)
    r = kuchikomi.simulate(kuchikomi.Graph.load(COMMUNITY_LOG), model="lt", random_seeds=3, precision=0.02, rng_seed=9)
    assert (r.runs, r.mean, r.converged) == (expected["runs"], expected["spread"]["mean"], expected["converged"])


def test_seeds_by_label_by_id_and_as_numpy_agree():
    g = kuchikomi.Graph.load(COMMUNITY_LOG)
    ids = [g.id_of("Blue (26)"), g.id_of("DaftWullie (1837)")]
    by_label = kuchikomi.simulate(g, ["Blue (26)", "DaftWullie (1837)"], runs=500)
    by_id = kuchikomi.simulate(g, ids, runs=500)
    by_array = kuchikomi.simulate(g, np.array(ids, dtype=np.uint32), runs=500)
    assert by_label.mean == by_id.mean == by_array.mean
    assert list(by_label.seeds) == ids


def test_unknown_users_skipped_as_the_cli_skips_them(tmp_path, cli):
    seeds = ["Nobody (1)", "DaftWullie", "Blue (26)", "Ghost"]  # a display name resolves as in files
    seeds_file = write_lines(tmp_path / "seeds.txt", seeds)
    target = write_lines(tmp_path / "target.txt", ["user1271772 (2293)", "Ghost", "James Wootton (409)"])
    out = tmp_path / "sim.h5"
    expected = cli("simulate", "--graph", COMMUNITY_LOG, "--model", "ic", "--seeds-file", seeds_file, "--target", target,
                   "--unknown-users", "skip", "--runs", 2000, "--rng-seed", 8, "--out", out)
    skipped = unknown_users_of_results_file(out)
    assert skipped == [("seeds", "Nobody (1)"), ("seeds", "Ghost"), ("target", "Ghost")]
    g = kuchikomi.Graph.load(COMMUNITY_LOG)
    for target_given in (target, ["user1271772 (2293)", "Ghost", "James Wootton (409)"]):
        r = kuchikomi.simulate(g, seeds, target=target_given, unknown_users="skip", runs=2000, rng_seed=8)
        assert r.unknown_users == skipped
        assert expected["unknown_users"] == {"count": 3, "by_option": {"--seeds-file": ["Nobody (1)", "Ghost"],
                                                                       "--target": ["Ghost"]}}
        assert r.seeds == [g.id_of("DaftWullie (1837)"), g.id_of("Blue (26)")]
        assert (r.mean, r.target.mean) == (expected["spread"]["mean"], expected["target"]["mean"])
    with pytest.raises(kuchikomi.InputError, match="unknown user 'Nobody \\(1\\)'.*unknown_users=\"skip\""):
        kuchikomi.simulate(g, seeds, runs=10)
    with pytest.raises(kuchikomi.InputError, match="none of the seed users is in the graph"):
        kuchikomi.simulate(g, ["Ghost"], unknown_users="skip", runs=10)
    assert kuchikomi.simulate(g, ["Blue (26)"], unknown_users="skip", runs=10).unknown_users == []

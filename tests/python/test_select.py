"""select(): the CLI's seeds and numbers for the same rng_seed and any thread count, constraints
honoured, and the greedy answer on a graph small enough to check by enumeration."""
import itertools

import pytest

import kuchikomi
from conftest import COMMUNITY_LOG, exact_ic, unknown_users_of_results_file, write_lines


@pytest.fixture(scope="module")
def community():
    return kuchikomi.Graph.load(COMMUNITY_LOG)


@pytest.mark.parametrize("algo,extra", [("imm", {"epsilon": 0.3}), ("opim-c", {}), ("celf", {"mc_runs": 300}),
                                        ("degree-discount", {})])
@pytest.mark.parametrize("threads", [1, 3])
def test_same_seeds_and_numbers_as_the_cli(community, cli, algo, extra, threads):
    args = ["select", "--graph", COMMUNITY_LOG, "--algo", algo, "-k", 4, "--rng-seed", 5, "--evaluate-runs", 2000]
    for key, value in extra.items():
        args += ["--" + key.replace("_", "-"), value]
    expected = cli(*args)
    s = kuchikomi.select(community, 4, algo=algo, rng_seed=5, evaluate_runs=2000, threads=threads, **extra)
    assert s.seeds.tolist() == [seed["id"] for seed in expected["seeds"]]
    assert s.labels == [seed["user"] for seed in expected["seeds"]]
    assert s.gains.tolist() == [seed["marginal_gain"] for seed in expected["seeds"]]
    assert s.guarantee == expected["guarantee"]
    assert s.evaluation["mean"] == expected["evaluation"]["mean"]
    assert s.evaluated_curve == expected["evaluation"]["spread_curve"]
    assert s.rr_layout == expected["rr_layout"] == ("plain" if algo in ("imm", "opim-c") else "")


def test_constraints_exclude_include_costs_and_target(community, cli, tmp_path):
    exclude = tmp_path / "exclude.txt"
    exclude.write_text("DaftWullie (1837)\n")
    include = tmp_path / "include.txt"
    include.write_text("Blue (26)\n")
    costs = tmp_path / "costs.txt"
    costs.write_text("user1271772 (2293),2.5\n")
    expected = cli("select", "--graph", COMMUNITY_LOG, "--algo", "imm", "--epsilon", 0.3, "--budget", 4,
                   "--exclude", exclude, "--include", include, "--costs", costs, "--rng-seed", 2,
                   "--evaluate-runs", 1000)
    s = kuchikomi.select(community, algo="imm", epsilon=0.3, budget=4, exclude=["DaftWullie (1837)"],
                         include=include, costs={"user1271772 (2293)": 2.5}, rng_seed=2, evaluate_runs=1000)
    assert s.labels == [seed["user"] for seed in expected["seeds"]]
    assert s.labels[0] == "Blue (26)" and s.fixed[0]
    assert "DaftWullie (1837)" not in s.labels
    assert s.budget_spent == expected["budget_spent"] <= 4
    assert s.evaluation["mean"] == expected["evaluation"]["mean"]


def test_greedy_picks_the_best_pair_on_a_tiny_graph():
    # Greedy with exact-enough estimates on a graph where the best single node is not in the best pair
    # would differ; here the enumerated best pair is unique and greedy must find a pair within 1-1/e.
    edges = [(0, 1, 0.9), (0, 2, 0.9), (3, 4, 0.8), (3, 5, 0.8), (1, 2, 0.5), (5, 4, 0.5)]
    n = 6
    g = kuchikomi.Graph.from_edges([u for u, _, _ in edges], [v for _, v, _ in edges],
                                   probabilities=[p for _, _, p in edges], num_nodes=n)
    best = max(exact_ic(n, edges, list(pair))[0] for pair in itertools.combinations(range(n), 2))
    s = kuchikomi.select(g, 2, algo="celf", mc_runs=20_000, evaluate_runs=0, rng_seed=3)
    assert sorted(s.seeds.tolist()) == [0, 3]
    assert exact_ic(n, edges, s.seeds.tolist())[0] == pytest.approx(best)
    assert s.evaluation is None


def test_packed_to_fit_max_memory_keeps_the_seeds_and_says_so(community):
    plain = kuchikomi.select(community, 4, algo="imm", epsilon=0.3, evaluate_runs=0)
    assert plain.rr_layout == "plain"
    packed = kuchikomi.select(community, 4, algo="imm", epsilon=0.3, evaluate_runs=0,
                              max_memory=plain.rr_memory_bytes * 85 // 100)
    assert packed.rr_layout in ("packed index", "packed sets and index")
    assert packed.seeds.tolist() == plain.seeds.tolist()
    assert packed.rr_memory_bytes < plain.rr_memory_bytes


def test_algorithms_lists_the_registry():
    assert {"imm", "opim-c", "celf", "celf++", "greedy", "degree"} <= set(kuchikomi.algorithms())


@pytest.mark.parametrize("budget,max_seeds,stop", [(100, 3, "k"), (3, 10, "budget")])
@pytest.mark.parametrize("algo,extra", [("imm", {"epsilon": 0.3}), ("celf", {"mc_runs": 200}),
                                        ("degree-discount", {})])
def test_max_seeds_with_budget_and_the_stop_reason_match_the_cli(community, cli, tmp_path, algo, extra, budget,
                                                                   max_seeds, stop):
    costs = write_lines(tmp_path / "costs.csv", ["user,cost", "DaftWullie (1837),2.5", "user1271772 (2293),1.5",
                                                 "Blue (26),0.75"])
    args = ["select", "--graph", COMMUNITY_LOG, "--algo", algo, "-k", max_seeds, "--budget", budget, "--costs", costs,
            "--rng-seed", 4, "--evaluate-runs", 1000]
    for key, value in extra.items():
        args += ["--" + key.replace("_", "-"), value]
    expected = cli(*args)
    assert (expected["max_seeds"], expected["stopped_by"]) == (max_seeds, stop)  # the case is the one meant
    s = kuchikomi.select(community, algo=algo, budget=budget, max_seeds=max_seeds, costs=costs, rng_seed=4,
                         evaluate_runs=1000, **extra)
    assert s.seeds.tolist() == [seed["id"] for seed in expected["seeds"]]
    assert s.costs.tolist() == [seed["cost"] for seed in expected["seeds"]]
    assert s.estimated_spread == expected["estimated_spread"]
    assert s.evaluation["mean"] == expected["evaluation"]["mean"]
    assert (s.stopped_by, s.stopped_by_text) == (expected["stopped_by"], expected["stopped_by_text"])
    assert s.budget_spent == expected["budget_spent"] <= budget
    assert len(s.seeds) <= max_seeds
    # The same costs as a dict give the same answer.
    by_dict = kuchikomi.select(community, algo=algo, budget=budget, max_seeds=max_seeds, rng_seed=4, evaluate_runs=0,
                               costs={"DaftWullie (1837)": 2.5, "user1271772 (2293)": 1.5, "Blue (26)": 0.75}, **extra)
    assert by_dict.seeds.tolist() == s.seeds.tolist()


def test_k_given_beside_a_budget_caps_the_seeds_as_the_cli_k_does(community, cli, tmp_path):
    costs = write_lines(tmp_path / "costs.csv", ["user,cost", "DaftWullie (1837),2.5", "Blue (26),0.75"])
    expected = cli("select", "--graph", COMMUNITY_LOG, "--algo", "degree-discount", "-k", 2, "--budget", 100,
                   "--costs", costs, "--evaluate-runs", 0)
    s = kuchikomi.select(community, 2, algo="degree-discount", budget=100, costs=costs, evaluate_runs=0)
    assert (expected["max_seeds"], expected["stopped_by"], len(expected["seeds"])) == (2, "k", 2)
    assert (s.seeds.tolist(), s.stopped_by) == ([seed["id"] for seed in expected["seeds"]], "k")
    # Without k the budget alone limits (more than 2 seeds fit in 100).
    assert len(kuchikomi.select(community, algo="degree-discount", budget=100, costs=costs, evaluate_runs=0).seeds) > 2
    with pytest.raises(kuchikomi.UsageError, match="give k or max_seeds"):
        kuchikomi.select(community, 2, algo="degree-discount", budget=100, max_seeds=3, evaluate_runs=0)


def test_no_gain_stop_matches_the_cli(cli, tmp_path):
    # Three users, one edge: after all three are picked nobody is left, within budget and seed cap.
    edges = write_lines(tmp_path / "edges.txt", ["a b", "c b"])
    expected = cli("select", "--graph", edges, "--algo", "celf", "--mc-runs", 100, "-k", 5, "--budget", 10,
                   "--evaluate-runs", 100)
    s = kuchikomi.select(kuchikomi.Graph.load(edges), algo="celf", mc_runs=100, max_seeds=5, budget=10,
                         evaluate_runs=100)
    assert expected["stopped_by"] == "no_gain"
    assert (s.stopped_by, s.labels) == ("no_gain", [seed["user"] for seed in expected["seeds"]])


# Seven users with unequal costs: every algorithm, under each budget and seed cap, keeps both limits
# (by summing the costs of what it added) and stops for the reason it gives (checked by looking at
# every user it did not pick).
TINY_EDGES = [(0, 1, 0.6), (0, 2, 0.5), (1, 3, 0.7), (2, 3, 0.4), (4, 5, 0.9), (5, 6, 0.8), (6, 4, 0.3), (3, 6, 0.2)]
TINY_COSTS = [3.0, 1.0, 2.0, 0.5, 2.5, 1.5, 4.0]


@pytest.mark.parametrize("algo", ["celf", "celf++", "greedy", "imm", "opim-c", "degree", "degree-discount", "pagerank",
                                  "random"])
@pytest.mark.parametrize("budget,max_seeds", [(1.0, None), (3.0, 1), (3.0, 2), (4.5, 2), (6.0, 3), (100.0, None),
                                              (100.0, 4)])
def test_both_limits_hold_on_a_tiny_graph(algo, budget, max_seeds):
    n = 7
    g = kuchikomi.Graph.from_edges([u for u, _, _ in TINY_EDGES], [v for _, v, _ in TINY_EDGES],
                                   probabilities=[p for _, _, p in TINY_EDGES], num_nodes=n)
    extra = {"mc_runs": 500} if algo in ("celf", "celf++", "greedy") else {}
    s = kuchikomi.select(g, algo=algo, budget=budget, max_seeds=max_seeds, costs=TINY_COSTS, exclude=[6],
                         include=[4], evaluate_runs=0, rng_seed=2, **extra)
    added = [u for u, fixed in zip(s.seeds.tolist(), s.fixed) if not fixed]
    assert s.seeds.tolist()[0] == 4 and s.fixed[0] and 6 not in added
    spent = sum(TINY_COSTS[u] for u in added)
    assert s.costs.tolist()[1:] == [TINY_COSTS[u] for u in added]
    assert spent <= budget * (1 + 1e-9) and s.budget_spent == pytest.approx(spent)
    assert max_seeds is None or len(added) <= max_seeds
    left = [u for u in range(n) if u not in s.seeds.tolist() and u != 6]
    affordable = [u for u in left if TINY_COSTS[u] <= (budget - spent) * (1 + 1e-9)]
    if max_seeds is not None and len(added) == max_seeds:
        assert s.stopped_by == "k"
    elif not affordable:
        assert s.stopped_by == "budget"
    else:
        assert s.stopped_by == "no_gain"
    # The greedy family adds a seed whenever one fits and adds anything: here everyone does.
    if algo in ("celf", "celf++", "greedy"):
        assert s.stopped_by != "no_gain"


def test_max_seeds_needs_a_budget_and_at_least_one(community):
    with pytest.raises(kuchikomi.UsageError, match="^max_seeds needs budget"):
        kuchikomi.select(community, 3, max_seeds=2, evaluate_runs=0)
    with pytest.raises(kuchikomi.UsageError, match="^max_seeds must be at least 1"):
        kuchikomi.select(community, budget=3, max_seeds=0, evaluate_runs=0)


def test_unknown_users_skipped_as_the_cli_skips_them(community, cli, tmp_path):
    exclude = write_lines(tmp_path / "exclude.txt", ["Ghost One (1)", "DaftWullie"])  # a display name resolves
    include = write_lines(tmp_path / "include.txt", ["Blue (26)", "Ghost Two (2)"])
    target = write_lines(tmp_path / "target.txt", ["user1271772 (2293)", "Nobody (3)", "glS (55)",
                                                   "James Wootton (409)", "Ghost One (1)"])
    costs = write_lines(tmp_path / "costs.csv", ["user,cost", "Ghost Three (4),2", "glS (55),2.5"])
    out = tmp_path / "sel.h5"
    expected = cli("select", "--graph", COMMUNITY_LOG, "--algo", "imm", "--epsilon", 0.3, "--budget", 4, "-k", 3,
                   "--exclude", exclude, "--include", include, "--target", target, "--costs", costs,
                   "--unknown-users", "skip", "--rng-seed", 3, "--evaluate-runs", 1000, "--out", out)
    skipped = unknown_users_of_results_file(out)
    assert [label for _, label in skipped] == ["Ghost One (1)", "Ghost Two (2)", "Nobody (3)", "Ghost One (1)",
                                               "Ghost Three (4)"]
    lines = lambda path: [line for line in path.read_text().splitlines() if line != "user,cost"]
    for how in ("files", "lists"):
        if how == "files":
            lists = dict(exclude=exclude, include=include, target=target, costs=costs)
        else:
            lists = dict(exclude=lines(exclude), include=lines(include), target=lines(target),
                         costs={"Ghost Three (4)": 2.0, "glS (55)": 2.5})
        s = kuchikomi.select(community, algo="imm", epsilon=0.3, budget=4, max_seeds=3, unknown_users="skip",
                             rng_seed=3, evaluate_runs=1000, **lists)
        assert s.unknown_users == skipped, how
        by_option = {}
        for option, label in s.unknown_users:
            by_option.setdefault("--" + option, []).append(label)
        assert expected["unknown_users"] == {"count": len(skipped), "by_option": by_option}
        assert s.labels == [seed["user"] for seed in expected["seeds"]], how
        assert s.evaluation["mean"] == expected["evaluation"]["target"]["mean"], how  # the target's reach
        assert s.evaluation["all_mean"] == expected["evaluation"]["mean"], how
    # Nothing skipped: an empty list, as the CLI's JSON has no unknown_users key then.
    assert kuchikomi.select(community, 2, algo="degree", unknown_users="skip", evaluate_runs=0).unknown_users == []


def test_unknown_users_are_an_error_by_default(community, tmp_path):
    for lists in (dict(exclude=["Ghost One (1)"]), dict(target=write_lines(tmp_path / "t.txt", ["Blue (26)", "Ghost"])),
                  dict(budget=3, costs={"Blue (26)": 1.0, "Ghost": 2.0})):
        name = next(key for key in lists if key != "budget")
        with pytest.raises(kuchikomi.InputError, match="unknown user 'Ghost.*unknown_users=\"skip\""):
            kuchikomi.select(community, 2, algo="degree", evaluate_runs=0, **lists)
        with pytest.raises(kuchikomi.InputError, match=name if name != "target" else r"t\.txt:2"):
            kuchikomi.select(community, 2, algo="degree", evaluate_runs=0, **lists)
    with pytest.raises(kuchikomi.UsageError, match="^unknown_users must be"):
        kuchikomi.select(community, 2, algo="degree", unknown_users="ignore")
    with pytest.raises(kuchikomi.InputError, match="target segment is empty: none of its users is in the graph"):
        kuchikomi.select(community, 2, algo="degree", target=["Ghost"], unknown_users="skip")
    with pytest.raises(kuchikomi.InputError, match="user id 100000 is not in the graph"):  # ids are never skipped
        kuchikomi.select(community, 2, algo="degree", exclude=[100000], unknown_users="skip")

"""A graph file's records: Graph.load gives the /validation record that `kuchikomi validate --record`
wrote (and the /learning record of `graph learn`) as the CLI's JSON shows them, and select() and
simulate() results carry the validation record as the CLI's JSON graph_validation does."""
import math
import subprocess

import pytest

import kuchikomi
from conftest import CLI, write_lines

DAY = 1293840000  # 2011-01-01T00:00:00Z


def run_cli(*args):
    done = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def validated(tmp_path):
    """The CliLearn test's graph and log: learned by EM up to 2011-01-01, validated on the cascades
    after it and recorded in the file. Returns (graph file, plain graph file)."""
    edges = write_lines(tmp_path / "edges.txt", ["a c", "a d", "b c", "c d", "d a", "e a"])
    plain = tmp_path / "g.h5"
    run_cli("graph", "import", "--edges", edges, "--direction", "forward", "--out", plain)
    rows = [("a", "item1", DAY - 100), ("b", "item1", DAY - 99), ("c", "item1", DAY - 98), ("d", "item1", DAY - 95),
            ("a", "item2", DAY - 100), ("c", "item2", DAY - 90), ("b", "item3", DAY - 100), ("d", "item3", DAY - 99),
            ("d", "item4", DAY + 1), ("a", "item4", DAY + 3), ("a", "item5", DAY), ("zed", "item5", DAY + 1)]
    log = write_lines(tmp_path / "log.csv", ["user,item,time"] + [f"{u},{i},{t}" for u, i, t in rows])
    learned = tmp_path / "em.h5"
    run_cli("graph", "learn", "--graph", plain, "--adoptions", log, "--method", "em", "--until", "2011-01-01",
            "--out", learned)
    run_cli("validate", "--graph", learned, "--adoptions", log, "--since", "2011-01-01", "--model", "ic", "--runs", 500,
            "--seeds", "first", "--record")
    return learned, plain


def test_load_gives_the_records_graph_info_shows(validated, cli):
    learned, plain = validated
    info = cli("graph", "info", learned, quiet=False)
    g = kuchikomi.Graph.load(learned)
    assert info["validation"] is not None and info["validation"]["seed_rule"] == "first"
    assert info["validation"]["metrics"]["items"] == 2
    assert g.validation == info["validation"]
    assert g.learning == info["learning"] and g.learning["method"] == "em"
    # No records: None, as for graphs made in memory.
    assert kuchikomi.Graph.load(plain).validation is None and kuchikomi.Graph.load(plain).learning is None
    assert kuchikomi.Graph.from_edges([0], [1]).validation is None


def test_select_and_simulate_carry_the_validation_record_as_the_cli_does(validated, cli, tmp_path):
    learned, plain = validated
    for path in (learned, plain):
        g = kuchikomi.Graph.load(path)
        expected = cli("select", "--graph", path, "--algo", "degree", "-k", 1, "--evaluate-runs", 100)
        s = kuchikomi.select(g, 1, algo="degree", evaluate_runs=100)
        assert s.graph_validation == expected["graph_validation"], path
        expected = cli("simulate", "--graph", path, "--model", "ic", "--seeds", "a", "--runs", 100, "--out",
                       tmp_path / "sim.h5")
        r = kuchikomi.simulate(g, ["a"], runs=100)
        assert r.graph_validation == expected["graph_validation"], path
        assert r.mean == expected["spread"]["mean"]
    # A record with numbers: the within-2x share is a number in [0, 1] (NaN would show as None).
    within = kuchikomi.select(kuchikomi.Graph.load(learned), 1, algo="degree", evaluate_runs=0).graph_validation
    assert 0 <= within["metrics"]["within_2x"] <= 1 and not math.isnan(within["metrics"]["rmse"])


def test_a_result_keeps_the_record_it_was_computed_with(validated):
    learned, _ = validated
    g = kuchikomi.Graph.load(learned)
    s = kuchikomi.select(g, 1, algo="degree", evaluate_runs=0)
    g.validation["metrics"]["items"] = 99  # a later change to the graph's record is not the result's
    assert s.graph_validation["metrics"]["items"] == 2
    g.validation = None
    assert kuchikomi.simulate(g, ["a"], runs=10).graph_validation is None

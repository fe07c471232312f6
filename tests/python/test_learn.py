"""learn(): the hand log of influence_learning_test.cpp, exact Bernoulli estimates, and the CLI's
EM probabilities for the same inputs."""
import numpy as np
import pytest

import kuchikomi

DAY = 1293840000  # 2011-01-01T00:00:00Z


@pytest.fixture
def inputs(tmp_path):
    #   a->c, a->d, b->c, c->d, d->a, e->a; items 1-3 start before 2011-01-01, items 4-5 on or after it.
    edges = tmp_path / "edges.txt"
    edges.write_text("a c\na d\nb c\nc d\nd a\ne a\n")
    rows = [("a", "item1", DAY - 100), ("b", "item1", DAY - 99), ("c", "item1", DAY - 98), ("d", "item1", DAY - 95),
            ("a", "item2", DAY - 100), ("c", "item2", DAY - 90), ("b", "item3", DAY - 100), ("d", "item3", DAY - 99),
            ("d", "item4", DAY + 1), ("a", "item4", DAY + 3), ("a", "item5", DAY), ("zed", "item5", DAY + 1)]
    log = tmp_path / "log.csv"
    log.write_text("user,item,time\n" + "".join(f"{u},{i},{t}\n" for u, i, t in rows))
    return kuchikomi.import_edges(edges, direction="forward"), edges, log


def probability(g, u, v):
    labels = g.labels
    for s, t, p in zip(g.sources, g.targets, g.probabilities):
        if (labels[s], labels[t]) == (u, v):
            return p
    raise KeyError((u, v))


def test_bernoulli_by_hand(inputs):
    g, _, log = inputs
    learned = kuchikomi.learn(g, log, method="bernoulli", until="2011-01-01", prior="const:0.125")
    # Training = items 1-3: A_a = A_b = A_c = A_d = 2, A_e = 0; c followed a in items 1 and 2, d followed a,
    # c followed b, d followed c once each; a never followed d; e->a has no evidence (prior).
    expected = {("a", "c"): 1.0, ("a", "d"): 0.5, ("b", "c"): 0.5, ("c", "d"): 0.5, ("d", "a"): 0.0, ("e", "a"): 0.125}
    for (u, v), p in expected.items():
        assert probability(learned, u, v) == p, (u, v)
    assert learned.learning["training_items"] == 3 and learned.learning["held_out_items"] == 2
    assert learned.provenance["probability_model"] == "learned:bernoulli"
    assert kuchikomi.learn(g, log, method="bernoulli", until=DAY, prior="const:0.125").probabilities.tolist() == \
        learned.probabilities.tolist()


def test_em_equals_the_cli(inputs, cli, tmp_path):
    g, edges, log = inputs
    cli_graph = tmp_path / "g.h5"
    cli("graph", "import", "--edges", edges, "--direction", "forward", "--out", cli_graph, quiet=False)
    out = tmp_path / "em.h5"
    cli("graph", "learn", "--graph", cli_graph, "--adoptions", log, "--method", "em", "--window", 5, "--out", out,
        quiet=False)
    from_cli = kuchikomi.Graph.load(out)
    for threads in (1, 2):
        learned = kuchikomi.learn(g, log, method="em", window=5, threads=threads)
        assert np.array_equal(learned.probabilities, from_cli.probabilities)


def test_learn_errors(inputs, tmp_path):
    g, _, log = inputs
    with pytest.raises(kuchikomi.UsageError, match="bernoulli"):
        kuchikomi.learn(g, log, method="magic")
    with pytest.raises(kuchikomi.UsageError, match="^until"):
        kuchikomi.learn(g, log, until="yesterday")
    with pytest.raises(kuchikomi.UsageError, match="exclude each other"):
        kuchikomi.learn(g, log, until=DAY, train_items=log)
    with pytest.raises(FileNotFoundError):
        kuchikomi.learn(g, tmp_path / "missing.csv")
    with pytest.raises(kuchikomi.InputError, match="no training items"):
        kuchikomi.learn(g, log, until=0)


def test_validate_equals_the_cli(inputs, cli, tmp_path):
    g, edges, log = inputs
    cli_graph = tmp_path / "g.h5"
    cli("graph", "import", "--edges", edges, "--direction", "forward", "--out", cli_graph, quiet=False)
    learned_file = tmp_path / "b.h5"
    cli("graph", "learn", "--graph", cli_graph, "--adoptions", log, "--method", "bernoulli", "--until", "2011-01-01",
        "--prior", "const:0.125", "--out", learned_file, quiet=False)
    expected = cli("validate", "--graph", learned_file, "--graph", cli_graph, "--adoptions", log, "--since",
                   "2011-01-01", "--model", "ic", "--runs", 500, "--rng-seed", 3, quiet=False)
    learned = kuchikomi.learn(g, log, method="bernoulli", until="2011-01-01", prior="const:0.125")
    got = kuchikomi.validate({"learned": learned, "imported": g}, log, since="2011-01-01", runs=500, rng_seed=3,
                             threads=1)
    assert [m["name"] for m in got["models"]] == ["baseline", "learned", "imported"]
    assert [m["metrics"] for m in got["models"]] == [m["metrics"] for m in expected["models"]]
    assert (got["test_items"], got["training_items"], got["split"]) == \
        (expected["test_items"], expected["training_items"], expected["split"])
    with pytest.raises(kuchikomi.UsageError, match="exactly one of since"):
        kuchikomi.validate(g, log)
    with pytest.raises(kuchikomi.InputError, match="no training items"):
        kuchikomi.validate(g, log, since=0)

"""Graphs from arrays, networkx, files and logs: what goes in comes out (edges, attributes, labels),
and the arrays are views of the graph's own memory."""
import os

import networkx as nx
import numpy as np
import pytest

import kuchikomi
from conftest import COMMUNITY_LOG


def test_from_edges_keeps_edges_in_csr_order_with_their_values():
    g = kuchikomi.Graph.from_edges([2, 0, 0], [0, 2, 1], probabilities=[0.5, 0.25, 1.0], weights=[3, 1, 2],
                                   labels=["a", "b", "c"])
    assert (g.num_nodes, g.num_edges) == (3, 3)
    assert g.labels == ["a", "b", "c"]
    assert g.sources.tolist() == [0, 0, 2] and g.targets.tolist() == [1, 2, 0]
    assert g.probabilities.tolist() == [1.0, 0.25, 0.5]
    assert g.weights.tolist() == [2.0, 1.0, 3.0]
    assert g.offsets.tolist() == [0, 2, 2, 3]
    assert g.provenance["probability_model"] == "const-from-file"


def test_weighted_cascade_is_the_default_without_probabilities():
    # wc: p(u, v) = w(u, v) / sum of v's incoming weights.
    g = kuchikomi.Graph.from_edges([0, 1, 2], [2, 2, 0], weights=[1.0, 3.0, 5.0])
    assert g.probabilities.tolist() == [0.25, 0.75, 1.0]


def test_repeated_pairs_merge_and_self_loops_drop_as_in_graph_build():
    g = kuchikomi.Graph.from_edges([0, 0, 1, 1], [1, 1, 1, 0], weights=[1, 2, 9, 4], prob="uniform:0.5")
    assert g.sources.tolist() == [0, 1] and g.targets.tolist() == [1, 0]
    assert g.weights.tolist() == [3.0, 4.0] and g.counts.tolist() == [2, 1]
    assert g.summary["self_interactions"] == 1


def test_arrays_share_the_graphs_memory_and_are_read_only():
    g = kuchikomi.Graph.from_edges([0, 1], [1, 2], probabilities=[0.5, 0.5])
    a, b = g.probabilities, g.probabilities
    assert np.shares_memory(a, b)  # both views of the graph's own vector, not copies
    assert not a.flags.writeable
    with pytest.raises(ValueError):
        a[0] = 1.0
    del g
    assert a.tolist() == [0.5, 0.5]  # the view keeps the graph alive


def test_networkx_round_trip_keeps_nodes_edges_and_attributes():
    G = nx.DiGraph()
    G.add_edge("alice", "bob", weight=2.0, p=0.5)
    G.add_edge("bob", "carol", weight=1.0, p=0.125)
    G.add_edge(7, "alice", weight=4.0, p=1.0)
    G.add_node("loner")
    g = kuchikomi.Graph.from_networkx(G, probability="p")
    H = g.to_networkx()
    assert set(H.nodes) == set(G.nodes)
    assert set(H.edges) == set(G.edges)
    for u, v, data in G.edges(data=True):
        assert H[u][v]["weight"] == data["weight"]
        assert H[u][v]["probability"] == data["p"]
        assert H[u][v]["count"] == 1


def test_undirected_networkx_graph_gives_both_directions():
    G = nx.path_graph(4)
    g = kuchikomi.Graph.from_networkx(G, prob="uniform:0.3")
    assert g.num_edges == 6
    H = g.to_networkx()
    assert set(H.edges) == {(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 2)}
    assert all(abs(d["probability"] - 0.3) < 1e-7 for _, _, d in H.edges(data=True))


def test_save_and_load_round_trip(tmp_path):
    g = kuchikomi.Graph.from_edges([0, 1, 2], [1, 2, 0], probabilities=[0.1, 0.2, 0.3], labels=["x", "y", "z"])
    path = tmp_path / "g.h5"
    g.save(path)
    h = kuchikomi.Graph.load(path)
    assert h.labels == g.labels
    assert h.sources.tolist() == g.sources.tolist() and h.targets.tolist() == g.targets.tolist()
    assert h.probabilities.tolist() == g.probabilities.tolist()
    assert h.to_networkx().edges(data=True) is not None


def test_build_graph_equals_the_cli_graph_build(tmp_path, cli):
    out = tmp_path / "cli.h5"
    cli("graph", "build", "--log", COMMUNITY_LOG, "--prob", "exp:2", "--min-weight", "2", "--out", out, quiet=False)
    from_cli = kuchikomi.Graph.load(out)
    g = kuchikomi.build_graph(COMMUNITY_LOG, prob="exp:2", min_weight=2)
    assert g.labels == from_cli.labels
    for name in ("offsets", "targets", "probabilities", "weights", "counts"):
        assert np.array_equal(getattr(g, name), getattr(from_cli, name)), name
    assert g.summary["edges"] == g.num_edges


def test_load_reads_an_interaction_log_like_the_cli():
    g = kuchikomi.Graph.load(COMMUNITY_LOG)
    assert (g.num_nodes, g.num_edges) == (402, 1771)
    assert g.id_of("Blue (26)") == g.labels.index("Blue (26)")


def test_id_of_resolves_as_lists_do():
    g = kuchikomi.Graph.load(COMMUNITY_LOG)
    assert g.id_of("Blue") == g.labels.index("Blue (26)")  # a display name one user has
    with pytest.raises(kuchikomi.InputError, match=r"unknown user 'Daftwulie' \(not in the graph\); did you mean 'DaftWullie \(1837\)'"):
        g.id_of("Daftwulie")
    with pytest.raises(kuchikomi.InputError, match="empty user label"):
        g.id_of("")


def test_import_edges_direction(tmp_path):
    path = tmp_path / "edges.txt"
    path.write_text("1 2\n2 3\n")
    reverse = kuchikomi.import_edges(path, prob="uniform:0.5")
    forward = kuchikomi.import_edges(os.fspath(path), direction="forward", prob="uniform:0.5")
    labels = reverse.labels
    assert {(labels[u], labels[v]) for u, v in zip(reverse.sources, reverse.targets)} == {("2", "1"), ("3", "2")}
    labels = forward.labels
    assert {(labels[u], labels[v]) for u, v in zip(forward.sources, forward.targets)} == {("1", "2"), ("2", "3")}

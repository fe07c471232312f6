"""kuchikomi: influence graphs, Monte Carlo spread (independent cascade, linear threshold) and
seed selection with guarantees (IMM, OPIM-C, CELF, CELF++) -- the C++ library behind the
``kuchikomi`` command, with NumPy arrays in and out.

>>> import networkx as nx, kuchikomi
>>> g = kuchikomi.Graph.from_networkx(nx.gnp_random_graph(100, 0.05, seed=1, directed=True), prob="uniform:0.1")
>>> kuchikomi.simulate(g, [0, 1], runs=1000, rng_seed=7).mean            # doctest: +SKIP
>>> kuchikomi.select(g, 5, algo="imm").labels                              # doctest: +SKIP

The same ``rng_seed`` gives the same numbers as the command line, for any number of threads. Long
calls release the GIL and stop on Ctrl-C (KeyboardInterrupt). Bad input raises ``InputError`` or
``UsageError`` (both ValueError) with the command line's messages; a missing file raises
FileNotFoundError.
"""
from ._kuchikomi import (  # noqa: F401
    Graph,
    InputError,
    Reach,
    Selection,
    SimulationResult,
    UsageError,
    __version__,
    algorithms,
    build_graph,
    import_edges,
    learn,
    select,
    simulate,
    validate,
)

__all__ = [
    "Graph", "InputError", "Reach", "Selection", "SimulationResult", "UsageError", "__version__",
    "algorithms", "build_graph", "import_edges", "learn", "select", "simulate", "validate",
]


def _from_networkx(G, weight="weight", probability=None, prob=None, rng_seed=1):
    """A Graph from a networkx graph. Nodes become users labelled str(node); an undirected graph
    gives both directions of every edge. ``weight``: the edge attribute holding interaction
    weights (missing: 1). ``probability``: an edge attribute holding influence probabilities, used
    as they are (prob "const-from-file"); otherwise ``prob`` (default "wc") computes them from the
    weights, as the CLI's --prob does. Parallel edges of a multigraph merge (weights add up).
    The networkx node objects are kept on the graph (``g.networkx_nodes``), so to_networkx() gives
    the same nodes back."""
    import numpy as np

    nodes = list(G.nodes())
    index = {node: i for i, node in enumerate(nodes)}
    edges = list(G.edges(data=True))
    if not G.is_directed():
        edges += [(v, u, data) for u, v, data in edges if u != v]
    sources = np.fromiter((index[u] for u, _, _ in edges), dtype=np.int64, count=len(edges))
    targets = np.fromiter((index[v] for _, v, _ in edges), dtype=np.int64, count=len(edges))
    weights = None
    if weight is not None:
        weights = np.fromiter((d.get(weight, 1.0) for _, _, d in edges), dtype=np.float64, count=len(edges))
    probabilities = None
    if probability is not None:
        missing = [(u, v) for u, v, d in edges if probability not in d]
        if missing:
            raise UsageError(f"probability: edge {missing[0]!r} has no attribute {probability!r}")
        probabilities = np.fromiter((d[probability] for _, _, d in edges), dtype=np.float64, count=len(edges))
    g = Graph.from_edges(sources, targets, probabilities=probabilities, weights=weights,
                         labels=[str(node) for node in nodes], prob=prob, rng_seed=rng_seed)
    g.networkx_nodes = nodes
    return g


def _to_networkx(self, nodes=None):
    """The graph as a networkx DiGraph. Every user is a node (attribute ``label``), every influence
    edge u -> v an edge with attributes ``probability``, ``weight`` and ``count``. Nodes are the
    original networkx nodes for a graph made by from_networkx (``networkx_nodes``), else the labels;
    ``nodes="ids"`` uses the integer ids instead."""
    import networkx as nx

    labels = self.labels
    if nodes == "ids":
        names = range(self.num_nodes)
    elif nodes is None and getattr(self, "networkx_nodes", None) is not None:
        names = self.networkx_nodes
    else:
        names = labels
    D = nx.DiGraph()
    D.add_nodes_from((name, {"label": label}) for name, label in zip(names, labels))
    names = list(names)
    sources, targets = self.sources.tolist(), self.targets.tolist()
    probabilities, weights, counts = self.probabilities.tolist(), self.weights.tolist(), self.counts.tolist()
    D.add_edges_from(
        (names[u], names[v], {"probability": p, "weight": w, "count": c})
        for u, v, p, w, c in zip(sources, targets, probabilities, weights, counts))
    D.graph.update(self.provenance)
    return D


Graph.from_networkx = staticmethod(_from_networkx)
Graph.to_networkx = _to_networkx
# A graph's records (set by Graph.load from a graph file, `learning` also by learn()): None unless set.
Graph.validation = None
Graph.learning = None

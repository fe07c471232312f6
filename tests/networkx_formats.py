"""networkx and kuchikomi read each other's graphs (run by tests/graph_export_test.cpp).

    python3 tests/networkx_formats.py KUCHIKOMI FOLDER

networkx writes GraphML, GEXF and a header CSV; kuchikomi imports each (--direction forward
--prob const-from-file) and exports GraphML, CSV and an edge list; networkx (and the csv module)
read those back, and every edge must come back with its weight and probability (as float32, what
kuchikomi stores). Exits 1 with the differences, 0 when all agree.
"""
import csv
import struct
import subprocess
import sys
from pathlib import Path

import networkx as nx

kuchikomi, folder = sys.argv[1], Path(sys.argv[2])
problems = []


def run(*args):
    r = subprocess.run([kuchikomi, *map(str, args)], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"kuchikomi {' '.join(map(str, args))}: exit {r.returncode}\n{r.stderr}")
    return r.stdout


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def expect_edges(what, got, want):
    """got, want: {(u, v): (weight, probability)}; kuchikomi's values are float32."""
    if set(got) != set(want):
        problems.append(f"{what}: edges {sorted(set(got) ^ set(want))} differ")
        return
    for e, (w, p) in want.items():
        gw, gp = got[e]
        if f32(gw) != f32(w) or f32(gp) != f32(p):
            problems.append(f"{what}: {e} has weight {gw}, probability {gp}; expected {w}, {p}")


def nx_edges(g):
    return {(u, v): (d["weight"], d["probability"]) for u, v, d in g.edges(data=True)}


# Labels with blanks, an ampersand, a quote, non-ASCII; one isolated user.
G = nx.DiGraph()
G.add_node("loner")
for u, v, w, p in [("DaftWullie (1837)", "Blue (26)", 3, 0.1), ("Blue (26)", "Kim & Lee", 1.5, 0.3),
                   ("DaftWullie (1837)", "Kim & Lee", 2, 1.0), ("Kim & Lee", 'say "hi"', 7, 0.05),
                   ('say "hi"', "Zoë", 0.25, 0.9), ("Zoë", "x1", 4, 0.2), ("x1", "x2", 1, 0.7)]:
    G.add_edge(u, v, weight=w, probability=p)
want = nx_edges(G)

nx.write_graphml(G, folder / "nx.graphml")
nx.write_gexf(G, folder / "nx.gexf")
with open(folder / "nx.csv", "w", newline="") as f:  # what pandas' to_csv would write
    out = csv.writer(f)
    out.writerow(["source", "target", "weight", "probability"])
    out.writerows([u, v, d["weight"], d["probability"]] for u, v, d in G.edges(data=True))

for name in ["nx.graphml", "nx.gexf"]:
    h5 = folder / (name + ".h5")
    run("graph", "import", "--edges", folder / name, "--direction", "forward", "--prob", "const-from-file",
        "--out", h5)
    back = folder / (name + ".back.graphml")
    run("graph", "export", h5, "--format", "graphml", "--out", back)
    B = nx.read_graphml(back)
    expect_edges(f"{name} -> kuchikomi -> graphml", nx_edges(B), want)
    if set(B.nodes) != set(G.nodes):
        problems.append(f"{name}: nodes {sorted(set(B.nodes) ^ set(G.nodes))} differ")

run("graph", "import", "--edges", folder / "nx.csv", "--direction", "forward", "--prob", "const-from-file",
    "--out", folder / "csv.h5")
run("graph", "export", folder / "csv.h5", "--format", "graphml", "--out", folder / "csv.graphml")
expect_edges("csv -> kuchikomi -> graphml", nx_edges(nx.read_graphml(folder / "csv.graphml")), want)

# Edge lists split at blanks: the part of the graph whose labels have none.
T = G.subgraph(n for n in G if " " not in n)
tokens = {e: d for e, d in want.items() if e in T.edges}
nx.write_edgelist(T, folder / "t.txt", data=["weight", "probability"])
run("graph", "import", "--edges", folder / "t.txt", "--direction", "forward", "--columns", "u,v,w,p",
    "--prob", "const-from-file", "--out", folder / "t.h5")
run("graph", "export", folder / "t.h5", "--format", "edgelist", "--out", folder / "t.back.txt")
E = nx.read_edgelist(folder / "t.back.txt", create_using=nx.DiGraph, data=[("weight", float), ("probability", float)])
expect_edges("edgelist -> kuchikomi -> edgelist", nx_edges(E), tokens)
if not tokens:
    problems.append("no edge without blanks to test edge lists with")

run("graph", "export", folder / "nx.graphml.h5", "--format", "csv", "--out", folder / "back.csv")
with open(folder / "back.csv", newline="") as f:
    rows = list(csv.DictReader(f))
expect_edges("graphml -> kuchikomi -> csv",
             {(r["source"], r["target"]): (float(r["weight"]), float(r["probability"])) for r in rows}, want)

# An undirected networkx graph: both directions come back.
U = nx.Graph()
U.add_edge("a", "b", weight=2.0, probability=0.5)
nx.write_gexf(U, folder / "u.gexf")
run("graph", "import", "--edges", folder / "u.gexf", "--prob", "const-from-file", "--out", folder / "u.h5")
run("graph", "export", folder / "u.h5", "--format", "graphml", "--out", folder / "u.graphml")
expect_edges("undirected gexf -> kuchikomi -> graphml", nx_edges(nx.read_graphml(folder / "u.graphml")),
             {("a", "b"): (2.0, 0.5), ("b", "a"): (2.0, 0.5)})

for p in problems:
    print(p)
sys.exit(1 if problems else 0)

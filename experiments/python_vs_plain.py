#!/usr/bin/env python3
"""kuchikomi's IC spread on a networkx graph against a plain-Python Monte Carlo on the same graph.

    PYTHONPATH=build/python python3 experiments/python_vs_plain.py [--cli build/kuchikomi]

The graph is the bundled community log as networkx sees it (Graph.load -> to_networkx, weighted-
cascade probabilities), handed back with Graph.from_networkx, as a researcher would. Prints:
  1. agreement: both estimates of the same seed set's spread with their 95% CIs, and whether they
     differ by less than 1.96 combined standard errors;
  2. speed: runs per second of the plain-Python loop (one core) and of kuchikomi.simulate on one
     thread and on every core;
  3. the Python layer's cost: a small call (1 run) and a large one (100,000 runs) timed from Python
     against the simulation time the CLI reports for the same call (`seconds` in --json), which
     excludes loading the graph and writing files.
"""
import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import kuchikomi

HERE = os.path.dirname(os.path.abspath(__file__))
LOG = os.path.join(HERE, "..", "graphs", "quantum_community.csv")
SEEDS = ["DaftWullie (1837)", "Blue (26)", "user1271772 (2293)"]


def plain_ic(G, seeds, runs, rng):
    """Independent cascade the textbook way: per run, a BFS that flips each edge's coin once."""
    spreads = []
    for _ in range(runs):
        active = set(seeds)
        frontier = list(seeds)
        while frontier:
            nxt = []
            for u in frontier:
                for v, data in G[u].items():
                    if v not in active and rng.random() < data["probability"]:
                        active.add(v)
                        nxt.append(v)
            frontier = nxt
        spreads.append(len(active))
    return spreads


def timed(fn, repeat=1):
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", default=os.path.join(HERE, "..", "build", "kuchikomi"))
    parser.add_argument("--plain-runs", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=100_000)
    args = parser.parse_args()

    G = kuchikomi.Graph.load(LOG).to_networkx()  # nodes are labels, edges carry "probability"
    g = kuchikomi.Graph.from_networkx(G, probability="probability")
    print(f"graph: networkx DiGraph with {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
          f"(bundled community log, wc probabilities); seeds: {', '.join(SEEDS)}")

    # 1. Agreement.
    plain_seconds, spreads = timed(lambda: plain_ic(G, SEEDS, args.plain_runs, random.Random(1)))
    plain_mean = statistics.fmean(spreads)
    plain_se = statistics.stdev(spreads) / math.sqrt(len(spreads))
    r = kuchikomi.simulate(g, SEEDS, runs=args.runs, rng_seed=1)
    k_se = r.stddev / math.sqrt(r.runs)
    z = abs(r.mean - plain_mean) / math.hypot(plain_se, k_se)
    print("\n1. agreement (mean users reached, 95% CI)")
    print(f"  plain Python  {args.plain_runs:>7} runs  {plain_mean:8.3f}  [{plain_mean - 1.96 * plain_se:.3f}, "
          f"{plain_mean + 1.96 * plain_se:.3f}]")
    print(f"  kuchikomi     {r.runs:>7} runs  {r.mean:8.3f}  [{r.ci[0]:.3f}, {r.ci[1]:.3f}]")
    print(f"  difference {r.mean - plain_mean:+.3f} = {z:.2f} combined standard errors: "
          f"{'agree' if z < 1.96 else 'DISAGREE'} at 95%")

    # 2. Speed.
    one_thread, _ = timed(lambda: kuchikomi.simulate(g, SEEDS, runs=args.runs, threads=1, node_probability=False), 3)
    all_threads, _ = timed(lambda: kuchikomi.simulate(g, SEEDS, runs=args.runs, node_probability=False), 3)
    cores = os.cpu_count()
    print("\n2. runs per second")
    print(f"  plain Python (1 core)         {args.plain_runs / plain_seconds:12,.0f}")
    print(f"  kuchikomi.simulate, 1 thread  {args.runs / one_thread:12,.0f}  "
          f"({plain_seconds / args.plain_runs / (one_thread / args.runs):,.0f}x)")
    print(f"  kuchikomi.simulate, {cores} threads {args.runs / all_threads:12,.0f}")

    # 3. The Python layer's cost against the CLI's own simulation time for the same call.
    print("\n3. Python-layer overhead (1 thread): python call vs the CLI's simulation time for the same runs")
    with tempfile.TemporaryDirectory() as folder:
        for runs in (1, args.runs):
            repeat = 200 if runs == 1 else 5
            py_seconds, _ = timed(lambda: kuchikomi.simulate(g, SEEDS, runs=runs, threads=1), repeat)
            cli_seconds = math.inf
            for _ in range(5):
                out = subprocess.run([args.cli, "simulate", "--graph", LOG, "--model", "ic", "--seeds", ",".join(SEEDS),
                                      "--runs", str(runs), "--threads", "1", "--out", os.path.join(folder, "s.h5"),
                                      "--json", "--quiet"], check=True, capture_output=True, text=True).stdout
                cli_seconds = min(cli_seconds, json.loads(out)["seconds"])
            print(f"  runs {runs:>7}: python {py_seconds * 1e3:10.3f} ms  CLI simulation {cli_seconds * 1e3:10.3f} ms  "
                  f"overhead {(py_seconds - cli_seconds) * 1e3:+8.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Reproduction: M. E. J. Newman, "Spread of epidemic disease on networks", Phys. Rev. E 66, 016128 (2002).

Newman shows that an SIR epidemic with uniform transmissibility T on a configuration-model network
(random graph with a given degree distribution p_k) is bond percolation with occupation probability
T, and solves it exactly with generating functions G0(x) = sum_k p_k x^k, G1(x) = G0'(x) / G0'(1):

  * epidemic threshold         T_c = 1 / G1'(1) = <k> / (<k^2> - <k>)
  * mean outbreak size, T < T_c: <s> = 1 + T G0'(1) / (1 - T G1'(1))        (patient zero included)
  * epidemic size, T > T_c:      S = 1 - G0(1 + (u - 1) T), u the smallest root of u = G1(1 + (u - 1) T)

Independent cascade with probability T on both arcs of every undirected edge is exactly this process
(each edge is tried at most once, from the side reached first), so `kuchikomi simulate --random-seeds 1`
on a graph from `kuchikomi graph generate --kind config` must reproduce these numbers: the mean spread
below the threshold, and above it both the probability that a random user starts a large outbreak
and the size of such an outbreak (both equal S for undirected graphs).

The predictions are evaluated for the degree sequence of the generated graph (self-loops and repeated
pairs erased), so the comparison is free of the sampling noise of the degrees; the nominal
distribution's threshold is printed too. Outbreaks larger than 1% of the users count as large: every
T used above the threshold has S >= 0.1 (giant outbreaks of >= 10,000 users of 100,000) while finite
outbreaks stay far below 1,000.

Usage: experiments/reproduce_newman2002.py [--kuchikomi build/kuchikomi] [--out experiments/results/newman2002]
Writes newman2002.csv (one row per graph and T), table.md and outbreaks_vs_T.png into --out.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

NODES = 100_000
GRAPH_SEED = 7
SIM_SEED = 1
# (degree distribution, T below the threshold, T above it)
SETTINGS = [
    ("poisson:4", [0.05, 0.10, 0.15, 0.20], [0.30, 0.35, 0.40, 0.50, 0.60, 0.80]),
    ("powerlaw-cutoff:2,10", [0.05, 0.10, 0.15, 0.20, 0.25], [0.45, 0.50, 0.60, 0.70, 0.80, 0.90]),
]
RUNS_BELOW = 100_000
RUNS_ABOVE = 10_000
LARGE = 0.01  # an outbreak reaching more than this share of the users is an epidemic
Z95 = 1.959963984540054


def nominal_pmf(spec):
    """p_0..p_K of the distribution named like `kuchikomi graph generate --degrees` (tail < 1e-15 cut)."""
    kind, params = spec.split(":")
    if kind == "poisson":
        c = float(params)
        k = np.arange(0, int(c + 40 * math.sqrt(c) + 50))
        logp = -c + k * math.log(c) - np.array([math.lgamma(x + 1) for x in k])
        p = np.exp(logp)
    else:
        tau, kappa = (float(x) for x in params.split(","))
        k = np.arange(0, int(kappa * 40) + 10)
        p = np.zeros(len(k))
        p[1:] = k[1:] ** -tau * np.exp(-k[1:] / kappa)
    return p / p.sum()


def moments(pmf):
    k = np.arange(len(pmf))
    return float((k * pmf).sum()), float((k * k * pmf).sum())


def threshold(pmf):
    mean, second = moments(pmf)
    return mean / (second - mean)


def mean_outbreak(pmf, t):
    mean, second = moments(pmf)
    return 1 + t * mean / (1 - t * (second - mean) / mean)


def epidemic_size(pmf, t):
    k = np.arange(len(pmf))
    mean = (k * pmf).sum()
    g0 = lambda x: (pmf * x ** k).sum()
    g1 = lambda x: (k[1:] * pmf[1:] * x ** (k[1:] - 1)).sum() / mean
    u = 0.0
    for _ in range(100_000):  # monotone from 0 up to the smallest fixed point
        nxt = g1(1 + (u - 1) * t)
        if abs(nxt - u) < 1e-15:
            break
        u = nxt
    return 1 - g0(1 + (u - 1) * t)


def run(cmd):
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), done.stderr))
    return done.stdout


def realised_pmf(graph_path):
    with h5py.File(graph_path, "r") as g:
        degree = np.diff(g["forward/offsets"][:]).astype(np.int64)
    return np.bincount(degree) / len(degree)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kuchikomi", default="build/kuchikomi")
    ap.add_argument("--out", default="experiments/results/newman2002")
    ap.add_argument("--threads", default="0")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for spec, below, above in SETTINGS:
            for t in below + above:
                graph = os.path.join(tmp, "g.h5")
                sim = os.path.join(tmp, "s.h5")
                run([args.kuchikomi, "graph", "generate", "--kind", "config", "--nodes", str(NODES), "--degrees", spec,
                     "--rng-seed", str(GRAPH_SEED), "--prob", "uniform:%g" % t, "--out", graph, "--json"])
                pmf = realised_pmf(graph)
                runs = RUNS_BELOW if t in below else RUNS_ABOVE
                summary = json.loads(run([args.kuchikomi, "simulate", "--graph", graph, "--model", "ic",
                                          "--random-seeds", "1", "--runs", str(runs), "--rng-seed", str(SIM_SEED),
                                          "--threads", args.threads, "--out", sim, "--json", "--quiet"]))
                with h5py.File(sim, "r") as f:
                    spread = f["spread/run_spread"][:].astype(np.float64)
                row = {"degrees": spec, "nodes": NODES, "mean_degree": moments(pmf)[0],
                       "T_c": threshold(pmf), "T_c_nominal": threshold(nominal_pmf(spec)), "T": t, "runs": runs,
                       "seconds": summary["seconds"]}
                if t in below:
                    theory = mean_outbreak(pmf, t)
                    half = Z95 * spread.std(ddof=1) / math.sqrt(runs)
                    row.update(quantity="mean outbreak <s>", newman=theory, ours=spread.mean(), ci95=half)
                    rows.append(row)
                else:
                    theory = epidemic_size(pmf, t)
                    large = spread[spread > LARGE * NODES]
                    p = len(large) / runs
                    rows.append(dict(row, quantity="P(epidemic)", newman=theory, ours=p,
                                     ci95=Z95 * math.sqrt(p * (1 - p) / runs)))
                    size = large / NODES
                    rows.append(dict(row, quantity="epidemic size S", newman=theory, ours=size.mean(),
                                     ci95=Z95 * size.std(ddof=1) / math.sqrt(len(size))))
                print("%-22s T=%.2f  %-18s Newman %.4f  ours %.4f ± %.4f" %
                      (spec, t, rows[-1]["quantity"], rows[-1]["newman"], rows[-1]["ours"], rows[-1]["ci95"]),
                      flush=True)
    for r in rows:
        r["within_ci"] = abs(r["ours"] - r["newman"]) <= r["ci95"]
        r["z"] = (r["ours"] - r["newman"]) / (r["ci95"] / Z95) if r["ci95"] > 0 else 0.0
    with open(os.path.join(args.out, "newman2002.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(args.out, "table.md"), "w") as f:
        f.write("| degrees | T | quantity | Newman 2002 | kuchikomi ± 95% CI | difference |\n"
                "|---|---:|---|---:|---:|---:|\n")
        for r in rows:
            f.write("| %s | %.2f | %s | %.4f | %.4f ± %.4f | %+.4f |\n" %
                    (r["degrees"], r["T"], r["quantity"], r["newman"], r["ours"], r["ci95"], r["ours"] - r["newman"]))
    plot(rows, os.path.join(args.out, "outbreaks_vs_T.png"))
    print("wrote %s/{newman2002.csv,table.md,outbreaks_vs_T.png}" % args.out)


def plot(rows, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 7.5), sharex=True)
    for spec, color in zip([s for s, _, _ in SETTINGS], ["tab:blue", "tab:orange"]):
        pmf = nominal_pmf(spec)
        these = [r for r in rows if r["degrees"] == spec]
        tc = these[0]["T_c"]
        grid_above = np.linspace(tc + 1e-4, 1.0, 200)
        top.plot(grid_above, [epidemic_size(pmf, t) for t in grid_above], color=color, label="Newman, " + spec)
        grid_below = np.linspace(0.0, tc * 0.97, 200)
        bottom.plot(grid_below, [mean_outbreak(pmf, t) for t in grid_below], color=color, label="Newman, " + spec)
        for quantity, marker, axis in (("epidemic size S", "o", top), ("P(epidemic)", "x", top),
                                       ("mean outbreak <s>", "o", bottom)):
            pts = [r for r in these if r["quantity"] == quantity]
            axis.errorbar([r["T"] for r in pts], [r["ours"] for r in pts], yerr=[r["ci95"] for r in pts],
                          fmt=marker, color=color, label="kuchikomi " + quantity, ms=5, capsize=2)
    top.set_ylabel("epidemic size / probability")
    top.legend(fontsize=7)
    bottom.set_ylabel("mean outbreak size <s>")
    bottom.set_yscale("log")
    bottom.set_xlabel("transmissibility T (IC probability on every edge)")
    bottom.legend(fontsize=7)
    top.set_title("Newman 2002 exact solution vs kuchikomi IC, configuration model, n = %d" % NODES, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Figures from a kuchikomi experiment results folder (results.h5 of `kuchikomi experiment run`).

    /usr/bin/python3 scripts/plot.py experiments/results/algorithms [--out DIR] [--format png|svg|both]

Draws, into the results folder unless --out is given (Debian's python3-matplotlib and python3-h5py):
  spread_vs_k_GRAPH_MODEL      evaluated spread vs k per algorithm, 95% CI bands (mean over repetitions)
  time_vs_k_GRAPH_MODEL        selection time vs k per algorithm, log scale
  activations_per_step_GRAPH   mean new activations per round, IC vs LT (same algorithm and k)
  reach_histogram_GRAPH        distribution of the number of users reached (largest k)
  scaling_time, scaling_memory selection time / peak memory vs graph size, per thread count
                               (generated graphs only: format = rmat / powerlaw)
Figures needing more than one k value (or graph size) are skipped when the grid has only one.
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_file import algorithm_key, evaluation, group, own_evaluation, read_cells  # noqa: E402

def save(fig, out, name, formats):
    written = []
    for fmt in formats:
        path = os.path.join(out, "%s.%s" % (name, fmt))
        fig.savefig(path, dpi=110, bbox_inches="tight")
        written.append(path)
    plt.close(fig)
    for path in written:
        print("wrote", path)


def safe(text):
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)


def mean(values):
    values = list(values)
    return sum(values) / len(values)


def spread_and_time(cells, out, formats):
    # One thread setting per curve: the fewest threads run (0 = all cores only when nothing else ran),
    # never an average of all-core and one-thread times.
    setting = min((x["threads"] for x in cells if x["threads"] > 0), default=0)
    single_thread = [c for c in cells if c["threads"] == setting]
    for (graph, model), group_cells in group(single_thread, "graph", "model").items():
        ks = sorted({c["k"] for c in group_cells})
        if len(ks) < 2:
            continue
        by_algorithm = group(group_cells, "algorithm")
        fig, ax = plt.subplots(figsize=(6.4, 4.4))
        fig_t, ax_t = plt.subplots(figsize=(6.4, 4.4))
        for (algorithm,), acells in sorted(by_algorithm.items(), key=lambda item: algorithm_key(item[0][0])):
            points = []
            for (k,), kcells in sorted(group(acells, "k").items()):
                evals = [own_evaluation(c) for c in kcells]
                points.append((k, mean(e["mean"] for e in evals), mean(e["ci95_low"] for e in evals),
                               mean(e["ci95_high"] for e in evals), mean(c["select_seconds"] for c in kcells)))
            xs = [p[0] for p in points]
            line, = ax.plot(xs, [p[1] for p in points], marker="o", ms=3, label=algorithm)
            ax.fill_between(xs, [p[2] for p in points], [p[3] for p in points], color=line.get_color(), alpha=0.2)
            ax_t.plot(xs, [max(p[4], 1e-5) for p in points], marker="o", ms=3, label=algorithm)
        runs = group_cells[0]["evaluations"][0]["runs"]
        ax.set_title("%s, %s: evaluated spread (%d runs, 95%% CI)" % (graph, model.upper(), runs))
        ax.set_xlabel("k (seeds)")
        ax.set_ylabel("expected users reached")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        save(fig, out, "spread_vs_k_%s_%s" % (safe(graph), safe(model)), formats)
        ax_t.set_title("%s, %s: selection time" % (graph, model.upper()))
        ax_t.set_xlabel("k (seeds)")
        ax_t.set_ylabel("seconds (log scale)")
        ax_t.set_yscale("log")
        ax_t.grid(alpha=0.3, which="both")
        ax_t.legend(fontsize=8)
        save(fig_t, out, "time_vs_k_%s_%s" % (safe(graph), safe(model)), formats)


def pick(cells):
    """The cell to show for a graph: preferred algorithm, largest k, first repetition."""
    return sorted(cells, key=lambda c: (algorithm_key(c["algorithm"]), -c["k"], c["repetition"]))[0]


def activations(cells, out, formats):
    for (graph,), gcells in group(cells, "graph").items():
        series = []  # (label, new_per_step)
        both = [c for c in gcells if evaluation(c, "ic") is not None and evaluation(c, "lt") is not None]
        if both:
            c = pick([x for x in both if x["model"] == "ic"] or both)
            for m in ("ic", "lt"):
                series.append(("%s (seeds: %s, %s k=%d)" % (m.upper(), c["algorithm"], c["model"].upper(), c["k"]),
                               evaluation(c, m)["new_per_step"]))
        else:
            ic = [c for c in gcells if c["model"] == "ic"]
            lt = [c for c in gcells if c["model"] == "lt"]
            if not ic or not lt:
                continue
            c = pick(ic)
            twin = [x for x in lt if x["algorithm"] == c["algorithm"] and x["k"] == c["k"]]
            if not twin:
                continue
            for x in (c, twin[0]):
                series.append(("%s (%s, k=%d)" % (x["model"].upper(), x["algorithm"], x["k"]),
                               own_evaluation(x)["new_per_step"]))
        fig, ax = plt.subplots(figsize=(6.4, 4.4))
        for label, values in series:
            ax.plot(range(len(values)), values, marker="o", ms=3, label=label)
        ax.set_yscale("log")
        ax.set_title("%s: mean new activations per round" % graph)
        ax.set_xlabel("round (0 = seeds)")
        ax.set_ylabel("users activated in the round (log scale)")
        ax.grid(alpha=0.3, which="both")
        ax.legend(fontsize=8)
        save(fig, out, "activations_per_step_%s" % safe(graph), formats)


def histograms(cells, out, formats):
    for (graph,), gcells in group(cells, "graph").items():
        fig, ax = plt.subplots(figsize=(6.4, 4.4))
        for (model,), mcells in group(gcells, "model").items():
            c = pick(mcells)
            e = own_evaluation(c)
            edges, counts = list(e["histogram_edges"]), list(e["histogram_counts"])
            if not counts:
                continue
            if len(edges) == len(counts):  # degenerate: one value
                edges = edges + [edges[-1] + 1]
            ax.stairs(counts, edges, fill=True, alpha=0.45,
                      label="%s: %s k=%d (mean %.1f)" % (model.upper(), c["algorithm"], c["k"], e["mean"]))
        ax.set_title("%s: users reached per run (%d runs)" % (graph, gcells[0]["evaluations"][0]["runs"]))
        ax.set_xlabel("users reached (seeds included)")
        ax.set_ylabel("runs")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
        save(fig, out, "reach_histogram_%s" % safe(graph), formats)


def scaling(cells, out, formats):
    # Only for synthetic graphs (graph size is then the experiment's variable).
    cells = [c for c in cells if c["graph_identity"].startswith(("format=rmat", "format=powerlaw"))]
    sizes = sorted({c["edges"] for c in cells})
    threads = sorted({c["threads"] for c in cells})
    if len(sizes) < 2:
        return
    for metric, ylabel, name in (("select_seconds", "selection time, s", "scaling_time"),
                                 ("peak_rss_bytes", "peak RSS during selection, MiB", "scaling_memory")):
        fig, ax = plt.subplots(figsize=(6.4, 4.4))
        names = sorted({c["algorithm"] for c in cells}, key=algorithm_key)
        colours = {a: "C%d" % i for i, a in enumerate(names)}  # one colour per algorithm, style per thread count
        for (algorithm, t), acells in sorted(group(cells, "algorithm", "threads").items(),
                                             key=lambda item: (algorithm_key(item[0][0]), item[0][1])):
            points = sorted((c["edges"], mean(x[metric] for x in acells if x["edges"] == c["edges"])) for c in acells)
            points = sorted(dict(points).items())
            scale = 1 / 2 ** 20 if metric == "peak_rss_bytes" else 1
            label = algorithm + ("" if len(threads) == 1 else ", %s thread%s" % (t or "all", "" if t == 1 else "s"))
            ax.plot([p[0] for p in points], [max(p[1] * scale, 1e-5) for p in points], marker="o", ms=3,
                    color=colours[algorithm], linestyle="-" if t == threads[-1] else "--", label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("edges (log scale)")
        ax.set_ylabel(ylabel + " (log scale)")
        ax.set_title("%s vs graph size (k = %s)" % (ylabel.split(",")[0], "/".join(str(k) for k in sorted({c["k"] for c in cells}))))
        ax.grid(alpha=0.3, which="both")
        ax.legend(fontsize=7, ncol=2)
        save(fig, out, name, formats)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", help="results folder (or its results.h5)")
    parser.add_argument("--out", help="folder for the figures (default: the results folder)")
    parser.add_argument("--format", choices=["png", "svg", "both"], default="png")
    args = parser.parse_args()
    folder = args.results if os.path.isdir(args.results) else os.path.dirname(args.results)
    out = args.out or folder
    os.makedirs(out, exist_ok=True)
    formats = ["png", "svg"] if args.format == "both" else [args.format]
    cells = read_cells(args.results)
    if not cells:
        sys.exit("plot.py: %s holds no cells" % args.results)
    spread_and_time(cells, out, formats)
    activations(cells, out, formats)
    histograms(cells, out, formats)
    scaling(cells, out, formats)


if __name__ == "__main__":
    main()

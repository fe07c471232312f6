#!/usr/bin/env python3
"""Which probability model predicts real cascades? Every model validated on the same held-out items.

For each real set (the four cascade sets of ../shared/datasets/cascades, Android and Christianity
counted apart, and the Stack Exchange tag logs of Cardano and Quantum Computing):
  1. inputs: scripts/convert_cascades.py / scripts/stackexchange_logs.py into --work;
  2. graphs: the set's graph with every assumed model (wc, uniform:0.01, uniform:0.1, trivalency,
     exp:5) and with the four learned ones (graph learn --method bernoulli, jaccard,
     partial-credit, em on the training items; prior zero, no window), timed with /usr/bin/time;
  3. kuchikomi validate with all nine graphs on the held-out items (time split at the 80th
     percentile of item start times, or the set's own train/test split), IC, --runs per item,
     seeds = initiators.
Writes to --out (committed): summary.csv (one row per set and model, baseline included),
timings.csv (learning and validation time and peak memory), NAME-scatter.png (predicted vs actual
reach per item, one panel per model); per-item CSVs stay in --work.

Usage: /usr/bin/python3 experiments/learned_influence.py [--runs 100] [--threads 2] [--only douban ...]
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ASSUMED = ["wc", "uniform:0.01", "uniform:0.1", "trivalency", "exp:5"]
LEARNED = ["bernoulli", "jaccard", "partial-credit", "em"]
CASCADE_SETS = ["douban", "android", "christianity", "lastfm", "ciaodvd"]
SE_SETS = {"se-cardano": "stackexchange-cardano", "se-quantumcomputing": "stackexchange-quantumcomputing"}


def run(command, timed=False):
    """Runs a command; returns (stdout, seconds, peak KB) and fails loudly."""
    full = (["/usr/bin/time", "-f", "%e %M"] if timed else []) + command
    started = time.time()
    done = subprocess.run(full, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
    seconds, peak_kb = time.time() - started, 0
    if timed:
        last = done.stderr.strip().splitlines()[-1].split()
        seconds, peak_kb = float(last[0]), int(last[1])
    return done.stdout, seconds, peak_kb


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kuchikomi", default=os.path.join(ROOT, "build", "kuchikomi"))
    parser.add_argument("--datasets", default=os.path.join(ROOT, "..", "shared", "datasets"))
    parser.add_argument("--work", default="/tmp/kuchikomi-learned-influence")
    parser.add_argument("--out", default=os.path.join(HERE, "results", "learned_influence"))
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--only", nargs="*", default=CASCADE_SETS + list(SE_SETS))
    args = parser.parse_args()
    k = args.kuchikomi
    data = os.path.join(args.work, "data")
    os.makedirs(args.out, exist_ok=True)

    summary_rows, timing_rows = [], []
    for name in args.only:
        src = os.path.join(data, name)
        if not os.path.exists(os.path.join(src, "split.json")):
            if name in SE_SETS:
                run([sys.executable, os.path.join(ROOT, "scripts", "stackexchange_logs.py"),
                     os.path.join(args.datasets, SE_SETS[name]), src])
            else:
                run([sys.executable, os.path.join(ROOT, "scripts", "convert_cascades.py"), data,
                     "--datasets", args.datasets, "--only", name])
        split = json.load(open(os.path.join(src, "split.json")))
        adoptions = os.path.join(src, "adoptions.csv")
        if "until" in split:
            learn_split = ["--until", str(split["until"])]
            test_split = ["--since", str(split["until"])]
        else:
            learn_split = ["--train-items", os.path.join(src, split["train_items"])]
            test_split = ["--test-items", os.path.join(src, split["test_items"])]
        work = os.path.join(args.work, name)
        os.makedirs(work, exist_ok=True)
        graphs = []
        for model in ASSUMED:
            path = os.path.join(work, model.replace(":", "") + ".h5")
            if name in SE_SETS:
                run([k, "graph", "build", "--log", os.path.join(src, "interactions.csv"), "--prob", model, "--out", path])
            else:
                run([k, "graph", "import", "--edges", os.path.join(src, "edges.txt"), "--direction", "forward",
                     "--prob", model, "--out", path])
            graphs.append(path)
        for method in LEARNED:
            path = os.path.join(work, "learned-" + method + ".h5")
            out, seconds, peak = run([k, "graph", "learn", "--graph", graphs[0], "--adoptions", adoptions, "--method",
                                      method, "--out", path, "--json", "--threads", str(args.threads)] + learn_split,
                                     timed=True)
            record = json.loads(out)["learning"]
            timing_rows.append({"dataset": name, "step": "learn " + method, "seconds": seconds, "peak_mb": peak / 1024,
                                "adoptions": record["training_adoptions"], "inner_seconds": record["seconds"],
                                "note": (f"{record['em']['iterations']} EM steps" if "em" in record else "")})
            graphs.append(path)
        items_csv = os.path.join(work, "items.csv")
        command = [k, "validate", "--adoptions", adoptions, "--model", "ic", "--runs", str(args.runs), "--json",
                   "--csv", items_csv, "--threads", str(args.threads)] + test_split
        for g in graphs:
            command += ["--graph", g]
        out, seconds, peak = run(command, timed=True)
        table = json.loads(out)
        timing_rows.append({"dataset": name, "step": f"validate {len(graphs)} graphs", "seconds": seconds,
                            "peak_mb": peak / 1024, "adoptions": "", "inner_seconds": "",
                            "note": f"{table['test_items']} test items x {args.runs} runs"})
        for row in table["models"]:
            m = row["metrics"]
            model = "baseline" if row["baseline"] else row["probability_model"]
            summary_rows.append({"dataset": name, "model": model, "test_items": m["items"], "rmse": m["rmse"],
                                 "mae": m["mae"], "mean_log_ratio": m["mean_log_ratio"], "spearman": m["spearman"],
                                 "within_2x": m["within_2x"], "mean_auc": m["mean_auc"],
                                 "mean_average_precision": m["mean_average_precision"], "seconds": row["seconds"]})
        scatter(items_csv, os.path.join(args.out, name + "-scatter.png"), name)
        print(f"{name}: done ({seconds:.0f} s validation)", file=sys.stderr)

    write_csv(os.path.join(args.out, "summary.csv"), summary_rows)
    write_csv(os.path.join(args.out, "timings.csv"), timing_rows)


def write_csv(path, rows):
    if not rows:
        return
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:.4g}" if isinstance(v, float) else ("" if v is None else v)) for k, v in row.items()})


def scatter(items_csv, png, title):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    by_model = {}
    with open(items_csv) as f:
        for row in csv.DictReader(f):
            model = "baseline" if row["model"] == "baseline" else row["probability_model"]
            by_model.setdefault(model, ([], []))
            by_model[model][0].append(float(row["actual"]))
            by_model[model][1].append(float(row["predicted"]))
    models = list(by_model)
    columns = 5
    rows = (len(models) + columns - 1) // columns
    fig, axes = plt.subplots(rows, columns, figsize=(3.0 * columns, 3.0 * rows), sharex=True, sharey=True)
    top = max(max(max(a), max(p)) for a, p in by_model.values())
    for ax, model in zip(axes.flat, models):
        actual, predicted = by_model[model]
        within = sum(0.5 <= p / a <= 2 for a, p in zip(actual, predicted)) / len(actual)
        ax.scatter(actual, predicted, s=4, alpha=0.4)
        ax.plot([1, top], [1, top], color="black", lw=0.8)
        ax.fill_between([1, top], [0.5, top / 2], [2, top * 2], color="grey", alpha=0.15)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(f"{model}\nwithin 2x: {100 * within:.0f}%", fontsize=9)
    for ax in axes.flat[len(models):]:
        ax.axis("off")
    fig.supxlabel("actual reach (adopters in the graph)")
    fig.supylabel("predicted reach (mean of simulations)")
    fig.suptitle(f"{title}: held-out items, IC, seeds = initiators")
    fig.tight_layout()
    fig.savefig(png, dpi=80)
    plt.close(fig)


if __name__ == "__main__":
    main()

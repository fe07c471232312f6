#!/usr/bin/env python3
"""Tables (markdown) from kuchikomi experiment results folders, reproducible from the committed files.

    /usr/bin/python3 scripts/analyze.py table DIR          spread (and time) per algorithm x k, per graph and model
    /usr/bin/python3 scripts/analyze.py models DIR         model sensitivity: Kendall tau of algorithm rankings
                                                           under different evaluation models; overlap of seeds
                                                           chosen under IC vs LT
    /usr/bin/python3 scripts/analyze.py probabilities DIR  overlap of each graph variant's seeds with the
                                                           first graph's (the reference), per algorithm and k
    /usr/bin/python3 scripts/analyze.py scaling DIR        time and memory per graph size and thread count
"""
import argparse
import itertools
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_file import algorithm_key, evaluation, group, own_evaluation, read_cells  # noqa: E402

def algorithms_in(cells):
    names = {c["algorithm"] for c in cells}
    return sorted(names, key=algorithm_key)


def kendall_tau_b(x, y):
    """Kendall's tau-b of two equally long score lists (ties handled as in tau-b)."""
    concordant = discordant = ties_x = ties_y = 0
    for i, j in itertools.combinations(range(len(x)), 2):
        dx, dy = x[i] - x[j], y[i] - y[j]
        if dx == 0 and dy == 0:
            continue
        if dx == 0:
            ties_x += 1
        elif dy == 0:
            ties_y += 1
        elif (dx > 0) == (dy > 0):
            concordant += 1
        else:
            discordant += 1
    denominator = ((concordant + discordant + ties_x) * (concordant + discordant + ties_y)) ** 0.5
    return (concordant - discordant) / denominator if denominator else float("nan")


def table(cells):
    for (graph, model), gcells in group(cells, "graph", "model").items():
        ks = sorted({c["k"] for c in gcells})
        algorithms = algorithms_in(gcells)
        c0 = gcells[0]
        print("### %s (%d nodes, %d edges), %s: evaluated spread (mean of %d runs; ±95%% CI half-width) "
              "and selection time" % (graph, c0["nodes"], c0["edges"], model.upper(), own_evaluation(c0)["runs"]))
        print()
        print("| algorithm | " + " | ".join("k=%d" % k for k in ks) + " | time at k=%d |" % ks[-1])
        print("|---|" + "---:|" * (len(ks) + 1))
        for a in algorithms:
            row, time = [], ""
            for k in ks:
                kc = [c for c in gcells if c["algorithm"] == a and c["k"] == k]
                if not kc:
                    row.append("–")
                    continue
                e = [own_evaluation(c) for c in kc]
                m = sum(x["mean"] for x in e) / len(e)
                h = sum((x["ci95_high"] - x["ci95_low"]) / 2 for x in e) / len(e)
                row.append("%.1f ±%.1f" % (m, h))
                if k == ks[-1]:
                    time = fmt_seconds(sum(c["select_seconds"] for c in kc) / len(kc))
            print("| %s | %s | %s |" % (a, " | ".join(row), time or "–"))
        print()


def fmt_seconds(s):
    return "%.2g s" % s if s < 10 else "%.0f s" % s


def models(cells):
    eval_models = [e["model"] for e in cells[0]["evaluations"]]
    print("### Spread of each seed set under every evaluation model")
    print()
    print("| graph | chosen under | k | algorithm | " + " | ".join("spread under %s" % m.upper() for m in eval_models) + " |")
    print("|---|---|---:|---|" + "---:|" * len(eval_models))
    for c in sorted(cells, key=lambda c: (c["graph"], c["model"], c["k"], algorithm_key(c["algorithm"]))):
        print("| %s | %s | %d | %s | %s |" % (c["graph"], c["model"].upper(), c["k"], c["algorithm"],
                                             " | ".join("%.1f" % evaluation(c, m)["mean"] for m in eval_models)))
    print()
    print("### Do the evaluation models rank the algorithms alike? Kendall tau-b between rankings")
    print()
    pairs = list(itertools.combinations(eval_models, 2))
    print("| graph | chosen under | k | " + " | ".join("%s vs %s" % (a.upper(), b.upper()) for a, b in pairs) +
          " | best under each model |")
    print("|---|---|---:|" + "---:|" * len(pairs) + "---|")
    for (graph, model, k), gcells in group(cells, "graph", "model", "k").items():
        algos = algorithms_in(gcells)
        score = {m: [evaluation(next(c for c in gcells if c["algorithm"] == a), m)["mean"] for a in algos]
                 for m in eval_models}
        taus = ["%.2f" % kendall_tau_b(score[a], score[b]) for a, b in pairs]
        best = ", ".join("%s: %s" % (m.upper(), algos[max(range(len(algos)), key=lambda i: score[m][i])]) for m in eval_models)
        print("| %s | %s | %d | %s | %s |" % (graph, model.upper(), k, " | ".join(taus), best))
    print()
    print("### Do IC and LT pick the same users? Overlap of the seed sets chosen under IC and under LT")
    print()
    print("| graph | k | " + " | ".join(algorithms_in(cells)) + " |")
    print("|---|---:|" + "---:|" * len(algorithms_in(cells)))
    for (graph, k), gcells in group(cells, "graph", "k").items():
        row = []
        for a in algorithms_in(cells):
            ic = [c for c in gcells if c["algorithm"] == a and c["model"] == "ic"]
            lt = [c for c in gcells if c["algorithm"] == a and c["model"] == "lt"]
            if ic and lt:
                row.append("%d/%d" % (len(set(ic[0]["seeds"]) & set(lt[0]["seeds"])), k))
            else:
                row.append("–")
        print("| %s | %d | %s |" % (graph, k, " | ".join(row)))
    print()


def probabilities(cells):
    graphs = list(group(cells, "graph").keys())
    reference = graphs[0][0]
    print("### Overlap with the seeds chosen on `%s`, and evaluated spread (each on its own graph)" % reference)
    print()
    for (algorithm, k), acells in sorted(group(cells, "algorithm", "k").items(),
                                         key=lambda item: (algorithm_key(item[0][0]), item[0][1])):
        ref = next(c for c in acells if c["graph"] == reference)
        print("**%s, k = %d**" % (algorithm, k))
        print()
        print("| graph variant | overlap with %s | spread | top 3 seeds |" % reference)
        print("|---|---:|---:|---|")
        for c in acells:
            print("| %s | %d/%d | %.1f | %s |" % (c["graph"], len(set(c["seeds"]) & set(ref["seeds"])), k,
                                                 own_evaluation(c)["mean"], "; ".join(c["seeds"][:3])))
        print()
    print("### Same graph variant, different algorithms: overlap between algorithms' seed sets (largest k)")
    print()
    kmax = max(c["k"] for c in cells)
    algos = algorithms_in(cells)
    pairs = list(itertools.combinations(algos, 2))
    print("| graph variant | " + " | ".join("%s / %s" % p for p in pairs) + " |")
    print("|---|" + "---:|" * len(pairs))
    for (graph,), gcells in group(cells, "graph").items():
        seeds = {c["algorithm"]: set(c["seeds"]) for c in gcells if c["k"] == kmax}
        print("| %s | %s |" % (graph, " | ".join("%d/%d" % (len(seeds[a] & seeds[b]), kmax) for a, b in pairs)))
    print()


def scaling(cells):
    print("| graph | nodes | edges | algorithm | threads | selection time | peak RSS | RR sets | RR memory | spread |")
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for c in sorted(cells, key=lambda c: (c["edges"], algorithm_key(c["algorithm"]), c["threads"])):
        print("| %s | %d | %d | %s | %s | %s | %.0f MiB | %s | %s | %.1f |" % (
            c["graph"], c["nodes"], c["edges"], c["algorithm"], c["threads"] or "all", fmt_seconds(c["select_seconds"]),
            c["peak_rss_bytes"] / 2 ** 20, c["rr_sets"] or "–",
            "%.1f MiB" % (c["rr_memory_bytes"] / 2 ** 20) if c["rr_memory_bytes"] else "–", own_evaluation(c)["mean"]))
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("analysis", choices=["table", "models", "probabilities", "scaling"])
    parser.add_argument("results", help="results folder (or its results.h5)")
    args = parser.parse_args()
    cells = read_cells(args.results)
    if not cells:
        sys.exit("analyze.py: %s holds no cells" % args.results)
    {"table": table, "models": models, "probabilities": probabilities, "scaling": scaling}[args.analysis](cells)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Wall time and peak memory of RIS selection, many runs per command (issue 16's quiet pass).

compare_ris.sh gives each tool's seed quality and a min of five `/usr/bin/time` runs, whose 10 ms
resolution cannot tell runs of 20-30 ms apart. This times each command N times with perf_counter
around the whole process and takes its peak RSS from wait4, for kuchikomi's RIS algorithms at each
thread count and, when given, SUBSIM (github.com/qtguo/subsim, built by you) on graphs that
compare_ris.sh (or `subsim -func=format`) has already formatted in SUBSIM_DIR under the same names.

  experiments/time_ris.py [--subsim PATH --subsim-dir DIR] [--runs 10] [--threads 1,2]
                          [--algos opim-c,hist,imm] GRAPH.h5 ...
"""
import argparse, os, statistics, subprocess, sys, time

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("graphs", nargs="+")
ap.add_argument("--kuchikomi", default=os.path.join(here, "build", "kuchikomi"))
ap.add_argument("--subsim"); ap.add_argument("--subsim-dir")
ap.add_argument("--runs", type=int, default=10); ap.add_argument("-k", type=int, default=50)
ap.add_argument("--eps", default="0.1"); ap.add_argument("--threads", default="1,2")
ap.add_argument("--algos", default="opim-c,opim-c-until-stable,hist,imm")
args = ap.parse_args()
if args.subsim and not args.subsim_dir: ap.error("--subsim needs --subsim-dir (where its formatted graphs are)")

def run(label, cmd):
    walls, rss = [], 0
    for _ in range(args.runs):
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.perf_counter() - start)
        if status != 0:
            print(f"| {label} | failed (status {status}) | | |", flush=True); return
        rss = max(rss, usage.ru_maxrss)
    print(f"| {label} | {min(walls) * 1000:.1f} ms | {statistics.median(walls) * 1000:.1f} ms | {rss / 1024:.1f} MB |", flush=True)

print(f"k = {args.k}, epsilon {args.eps}, {args.runs} runs each; {os.cpu_count()} cores\n")
print("| graph, tool, threads | min wall | median wall | max peak RSS |\n|---|---:|---:|---:|")
for g in args.graphs:
    name = os.path.splitext(os.path.basename(g))[0]
    for t in args.threads.split(","):
        for a in args.algos.split(","):
            run(f"{name}, kuchikomi {a}, {t}", [args.kuchikomi, "select", "--graph", g, "--algo", a, "-k", str(args.k),
                                              "--epsilon", args.eps, "--evaluate-runs", "0", "--threads", t, "--json", "--quiet"])
    if args.subsim:
        run(f"{name}, SUBSIM, 1", [args.subsim, "-func=im", f"-gname={name}", f"-dir={args.subsim_dir}",
                                  f"-seedsize={args.k}", f"-eps={args.eps}", "-outpath=" + os.path.join(args.subsim_dir, "result")])

#!/usr/bin/python3
"""Wall time and peak memory of RIS selection, many runs per command (issue 16's quiet pass).

compare_ris.sh gives each tool's seed quality and a min of five `/usr/bin/time` runs, whose 10 ms
resolution cannot tell runs of 20-30 ms apart. This times each command N times with perf_counter
around the whole process and takes its peak RSS from GNU time (`/usr/bin/time -f %M`; see below),
for kuchikomi's RIS algorithms at each
thread count and, when given, SUBSIM (github.com/qtguo/subsim, built by you) on graphs that
compare_ris.sh (or `subsim -func=format`) has already formatted in SUBSIM_DIR under the same names.

  experiments/time_ris.py [--subsim PATH --subsim-dir DIR] [--runs 10] [--threads 1,2]
                          [--algos opim-c,hist,imm] GRAPH.h5 ...

Why not wait4's ru_maxrss directly: at exec, Linux records the peak RSS of the memory image being
replaced as the new program's, and a child forked (or vforked) from this script replaces a copy of
the script's image. Every figure would then be at least this Python process's RSS (10-15 MB), above
what small runs really use. GNU time is a small C program, so its child starts from ~1 MB. Without
/usr/bin/time the script falls back to wait4 and prints that floor.
"""
import argparse, os, statistics, subprocess, sys, tempfile, time

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

GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
rss_file = tempfile.NamedTemporaryFile(prefix="time_ris_", suffix=".txt", delete=False).name

def once(cmd):
    """(wall seconds, exit status, peak RSS in KB) of one run."""
    wrapped = [GNU_TIME, "-f", "%M", "-o", rss_file] + cmd if GNU_TIME else cmd
    start = time.perf_counter()
    p = subprocess.Popen(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if not GNU_TIME: return wall, status, usage.ru_maxrss
    with open(rss_file) as f: lines = f.read().split()
    return wall, status, int(lines[-1]) if lines and lines[-1].isdigit() else 0

def run(label, cmd):
    walls, rss = [], 0
    for _ in range(args.runs):
        wall, status, peak = once(cmd)
        walls.append(wall)
        if status != 0:
            print(f"| {label} | failed (status {status}) | | |", flush=True); return
        rss = max(rss, peak)
    print(f"| {label} | {min(walls) * 1000:.1f} ms | {statistics.median(walls) * 1000:.1f} ms | {rss / 1024:.1f} MB |", flush=True)

print(f"k = {args.k}, epsilon {args.eps}, {args.runs} runs each; {os.cpu_count()} cores; peak RSS from "
      + ("GNU time" if GNU_TIME else f"wait4, at least {once(['/bin/true'])[2] / 1024:.1f} MB (this script's own; no /usr/bin/time)")
      + "\n")
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
os.unlink(rss_file)

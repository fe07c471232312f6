#!/usr/bin/python3
"""The packed RR index under a memory cap: what it saves, what it costs, and that seeds stay the same.

By default the node -> sets index holds plain 4-byte set ids; when the cap (--max-memory, or the
machine's memory) leaves too little room for them, it is packed (gap + LEB128 bytes,
include/kuchikomi/selection/rr_index.hpp). For each graph and thread count this runs the algorithm
uncapped (plain index), then under caps from 98% of that run's RR memory down in 2% steps while
40%, and times the lowest cap that worked against the uncapped run (a cap can fail where a lower one
succeeds: the layout is chosen from estimates before sampling, and a sample packed late may not
leave room for a second sample's index; such failures are clean and counted). Every
capped run's seeds and spread estimate must equal the uncapped run's; a difference is reported
and makes the script exit 1.

  experiments/packed_index.py [--kuchikomi PATH] [--algo imm] [--threads 1,2] [--runs 5] GRAPH.h5 ...

Peak RSS comes from GNU time (/usr/bin/time -f %M), as in time_ris.py.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("graphs", nargs="+")
ap.add_argument("--kuchikomi", default=os.path.join(here, "build", "kuchikomi"))
ap.add_argument("--algo", default="imm"); ap.add_argument("-k", type=int, default=50)
ap.add_argument("--eps", default="0.1"); ap.add_argument("--threads", default="1,2")
ap.add_argument("--runs", type=int, default=5)
args = ap.parse_args()
if not os.access("/usr/bin/time", os.X_OK): sys.exit("needs GNU time at /usr/bin/time (apt-get install time)")
rss_file = tempfile.NamedTemporaryFile(prefix="packed_index_", suffix=".txt", delete=False).name

def command(graph, threads, cap=None):
    cmd = [args.kuchikomi, "select", "--graph", graph, "--algo", args.algo, "-k", str(args.k), "--epsilon", args.eps,
           "--evaluate-runs", "0", "--threads", str(threads), "--json", "--quiet"]
    return cmd + (["--max-memory", str(cap)] if cap else [])

def result(cmd):
    """(seeds, estimate, RR memory bytes) of one run, or None when it is refused."""
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0: return None
    d = json.loads(p.stdout)
    return [s["id"] for s in d["seeds"]], d.get("estimated_spread"), d["rr_memory_bytes"]

def timed(cmd):
    """min wall (s) and max peak RSS (MB) over --runs runs."""
    walls, rss = [], 0
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
        with open(rss_file) as f: rss = max(rss, int(f.read().split()[-1]))
    return min(walls), rss / 1024

print(f"{args.algo}, k = {args.k}, epsilon {args.eps}, {args.runs} runs each (min wall, max peak RSS); {os.cpu_count()} cores\n")
print("| graph, threads | plain: time, peak RSS, RR memory | packed: time, peak RSS, RR memory | cap | seeds |")
print("|---|---:|---:|---:|---|")
failed = False
for graph in args.graphs:
    name = os.path.splitext(os.path.basename(graph))[0]
    for t in args.threads.split(","):
        plain = result(command(graph, t))
        if plain is None: sys.exit(f"{name}: the uncapped run failed")
        lowest, refused = None, []
        for pct in range(98, 38, -2):
            cap = plain[2] * pct // 100
            capped = result(command(graph, t, cap))
            if capped is None:
                refused.append(cap)
                continue
            if capped[:2] != plain[:2]:
                failed = True
                print(f"| {name}, {t} | seeds or estimate differ under a cap of {cap} bytes | | | |", flush=True)
            if capped[2] < plain[2]: lowest = (cap, capped[2])
        if lowest is None:
            print(f"| {name}, {t} | no cap below the plain run's memory worked | | | |", flush=True)
            continue
        plain_wall, plain_rss = timed(command(graph, t))
        packed_wall, packed_rss = timed(command(graph, t, lowest[0]))
        print(f"| {name}, {t} | {plain_wall * 1000:.0f} ms, {plain_rss:.1f} MB, {plain[2] / 1e6:.1f} MB "
              f"| {packed_wall * 1000:.0f} ms, {packed_rss:.1f} MB, {lowest[1] / 1e6:.1f} MB "
              f"| {lowest[0] / 1e6:.1f} MB ({sum(c > lowest[0] for c in refused)} higher caps refused) | same |",
              flush=True)
os.unlink(rss_file)
sys.exit(1 if failed else 0)

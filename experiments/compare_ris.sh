#!/usr/bin/env bash
# Side-by-side RIS comparison (issue 16): kuchikomi's RIS algorithms and, when their paths are given,
# SUBSIM (github.com/qtguo/subsim, SUBSIM and SUBSIM+HIST) and OPIM-C (github.com/tangj90/OPIM,
# OPIM1.1) built by you from their public repositories (this script never downloads or builds them),
# on the same graphs with the same probabilities: each graph is exported once from its kuchikomi
# file (scripts/export_ris_graph.py, "n m" + "u v p" lines, formatted by each tool with the stored
# probabilities: SUBSIM -pdist=weights, OPIM -mode=w then -pdist=load).
#
# Every tool runs REPEATS times; the table gives the minimum wall time and the largest peak RSS
# (/usr/bin/time, the whole process: loading included), and judges the seed set of the last run of
# each with the same kuchikomi simulation (simulate --seeds-file, EVAL_RUNS runs, one rng seed).
# SUBSIM and OPIM seed their generators from the clock, so their seed sets vary from run to run;
# kuchikomi's are the same every run (--rng-seed).
#
#   experiments/compare_ris.sh [--subsim PATH] [--opimc PATH] GRAPH.h5 [GRAPH.h5 ...] > table.md
#
# Environment (or the flags --k --eps --repeats --eval-runs --threads --algos --work):
#   K=50 EPS=0.1 REPEATS=5 EVAL_RUNS=20000 THREADS=1 (selection threads; evaluation uses all cores)
#   ALGOS="opim-c opim-c-until-stable hist imm"   KUCHIKOMI=build/kuchikomi
#   SUBSIM=/path/to/subsim  OPIMC=/path/to/OPIM1.1.o  WORK=scratch folder (default: a fresh mktemp -d)
# Caveat: SUBSIM's -pdist=wc reads only the first in-probability of a node (it assumes 1/indeg);
# kuchikomi's weighted WC (w / sum w) is not uniform per node, hence -pdist=weights here.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
K=${K:-50} EPS=${EPS:-0.1} REPEATS=${REPEATS:-5} EVAL_RUNS=${EVAL_RUNS:-20000} THREADS=${THREADS:-1}
ALGOS=${ALGOS:-"opim-c opim-c-until-stable hist imm"}
KUCHIKOMI=${KUCHIKOMI:-$here/build/kuchikomi}
SUBSIM=${SUBSIM:-} OPIMC=${OPIMC:-} WORK=${WORK:-}
graphs=()
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --subsim) SUBSIM=$2; shift 2 ;;
    --opimc) OPIMC=$2; shift 2 ;;
    --k) K=$2; shift 2 ;;
    --eps) EPS=$2; shift 2 ;;
    --repeats) REPEATS=$2; shift 2 ;;
    --eval-runs) EVAL_RUNS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --algos) ALGOS=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "compare_ris.sh: unknown option $1" >&2; usage ;;
    *) graphs+=("$1"); shift ;;
  esac
done
[ ${#graphs[@]} -gt 0 ] || usage
for tool in "$KUCHIKOMI" ${SUBSIM:+"$SUBSIM"} ${OPIMC:+"$OPIMC"}; do
  [ -x "$tool" ] || { echo "compare_ris.sh: $tool is not an executable" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "compare_ris.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
for g in "${graphs[@]}"; do [ -r "$g" ] || { echo "compare_ris.sh: cannot read $g" >&2; exit 1; }; done
[ -n "$WORK" ] || WORK=$(mktemp -d "${TMPDIR:-/tmp}/compare_ris.XXXXXX")
mkdir -p "$WORK"
SUBSIM=${SUBSIM:+$(readlink -f "$SUBSIM")} OPIMC=${OPIMC:+$(readlink -f "$OPIMC")}

# timed LOG CMD...: runs CMD with its output in LOG; appends "wall_s rss_kb" to LOG.times. A tool
# that fails (SUBSIM + HIST crashes on some graphs) gets a row saying so; the others still run.
timed() {
  local log=$1; shift
  if ! /usr/bin/time -f "%e %M" -o "$log.time" "$@" > "$log" 2>&1; then
    echo "compare_ris.sh: failed: $* (see $log)" >&2
    return 1
  fi
  cat "$log.time" >> "$log.times"
}
# failed_row GRAPH TOOL LOG: the table row of a tool that failed, with the reason /usr/bin/time gave
failed_row() { echo "| $1 | $2 | failed: $(grep -m1 -E 'signal|exit status' "$3.time" || echo 'see its log') | | |"; }
# min wall time and max RSS (MB) of LOG.times
summary() { awk 'NR == 1 || $1 < w { w = $1 } $2 > r { r = $2 } END { printf "%.2f s | %.0f MB", w, r / 1024 }' "$1.times"; }
# the spread of the seeds (labels, one per line) in FILE under the common yardstick
judge() {
  "$KUCHIKOMI" simulate --graph "$1" --model ic --seeds-file "$2" --runs "$EVAL_RUNS" --rng-seed 1 --json --quiet \
      --out "$2.sim.h5" | /usr/bin/python3 -c '
import json, sys
s = json.load(sys.stdin)["spread"]
print("%.1f ± %.1f" % (s["mean"], s["ci95_half_width"]))'
}
# dense ids (one per line) -> labels, through the exported label file
to_labels() { /usr/bin/python3 -c '
import sys
labels = open(sys.argv[1], encoding="utf-8").read().split("\n")
for line in open(sys.argv[2]):
    if line.strip(): print(labels[int(line.split()[0])])' "$1" "$2"; }

echo "| graph | tool | min wall (of $REPEATS) | max RSS | spread ($EVAL_RUNS runs, 95% CI) |"
echo "|---|---|---:|---:|---:|"
for g in "${graphs[@]}"; do
  name=$(basename "$g" .h5)
  dir=$WORK/$name
  mkdir -p "$dir"
  for algo in $ALGOS; do
    log=$dir/kuchikomi-$algo
    rm -f "$log.times"
    ok=1
    for ((i = 0; i < REPEATS; ++i)); do
      timed "$log" "$KUCHIKOMI" select --graph "$g" --algo "$algo" -k "$K" --epsilon "$EPS" --evaluate-runs 0 \
          --threads "$THREADS" --csv "$log.csv" --quiet || { ok=0; break; }
    done
    [ $ok = 1 ] || { failed_row "$name" "kuchikomi $algo" "$log"; continue; }
    /usr/bin/python3 -c '
import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")): print(row["user"])' "$log.csv" > "$log.seeds"
    echo "| $name | kuchikomi $algo | $(summary "$log") | $(judge "$g" "$log.seeds") |"
  done
  if [ -n "$SUBSIM$OPIMC" ]; then
    [ -s "$dir/$name.labels" ] || "$here/scripts/export_ris_graph.py" "$g" "$dir/$name" "$dir/$name.labels"
  fi
  if [ -n "$SUBSIM" ]; then
    [ -s "$dir/$name.vec.rvs.graph" ] || (cd "$dir" && "$SUBSIM" -func=format -gname="$name" -dir="$dir" -pdist=weights > format.log 2>&1)
    for variant in subsim hist; do
      log=$dir/subsim-$variant
      rm -f "$log.times"
      extra=(); [ "$variant" = hist ] && extra=(-hist=1)
      ok=1
      for ((i = 0; i < REPEATS; ++i)); do
        rm -rf "$log.out"
        timed "$log" "$SUBSIM" -func=im -gname="$name" -dir="$dir" -seedsize="$K" -eps="$EPS" -outpath="$log.out" \
            "${extra[@]}" || { ok=0; break; }
      done
      [ $ok = 1 ] || { failed_row "$name" "SUBSIM${extra:+ + HIST}" "$log"; continue; }
      to_labels "$dir/$name.labels" "$(ls "$log.out"/seed/seed_* | head -1)" > "$log.seeds"
      echo "| $name | SUBSIM${extra:+ + HIST} | $(summary "$log") | $(judge "$g" "$log.seeds") |"
    done
  fi
  if [ -n "$OPIMC" ]; then
    odir=$dir/opim
    mkdir -p "$odir"
    [ -e "$odir/$name" ] || ln -s "$dir/$name" "$odir/$name"
    ls "$odir/$name".* > /dev/null 2>&1 || (cd "$odir" && "$OPIMC" -func=0 -gname="$name" -dir="$odir" -mode=w > format.log 2>&1)
    log=$dir/opimc
    rm -f "$log.times"
    ok=1
    for ((i = 0; i < REPEATS; ++i)); do
      rm -rf "$log.out"
      timed "$log" "$OPIMC" -func=1 -gname="$name" -dir="$odir" -alg=opim-c -mode=2 -seedsize="$K" -eps="$EPS" \
          -model=IC -pdist=load -outpath="$log.out" || { ok=0; break; }
    done
    [ $ok = 1 ] || { failed_row "$name" "OPIM-C (OPIM1.1)" "$log"; continue; }
    to_labels "$dir/$name.labels" "$(ls "$log.out"/seed/seed_* | head -1)" > "$log.seeds"
    echo "| $name | OPIM-C (OPIM1.1) | $(summary "$log") | $(judge "$g" "$log.seeds") |"
  fi
done
echo
echo "k = $K, epsilon $EPS, IC with the graph files' probabilities, selection on $THREADS thread(s); wall time and"
echo "RSS of the whole process (loading included), min and max of $REPEATS runs; spread of the last run's seeds by"
echo "kuchikomi simulate ($EVAL_RUNS runs, rng seed 1). $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)."

#!/usr/bin/env bash
# Fuzzes the file parsers: builds the libFuzzer targets of tests/fuzz with Clang (ASan + UBSan) in
# build-fuzz/, makes their seed corpus and dictionaries (scripts/make_fuzz_corpus.py), and runs each
# target for SECONDS (default 60), one after the other.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]       TARGET: interaction_log, edge_list, ... (default: all
#                                               tests/fuzz/fuzz_*.cpp)
#
# Prints executions and executions per second per target and in total. Exits non-zero when a target
# crashed, leaked, hung (-timeout), ran out of memory (-rss_limit_mb) or failed one of its checks; the
# input that did it is kept in build-fuzz/crashes/TARGET/ and the report in build-fuzz/logs/TARGET.log.
# Replay one input:  build-fuzz/tests/fuzz/fuzz_TARGET build-fuzz/crashes/TARGET/crash-...
# Inputs that reached new code are kept in build-fuzz/work/TARGET/, so a later run goes on from them.
# One process per target: on two cores, libFuzzer's -jobs/-workers would only share the same cores.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
seconds=${1:-60}
shift $(($# > 0 ? 1 : 0))
case "$seconds" in '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;; esac

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name#fuzz_}")
  done
fi

scripts/install_deps.sh --fuzz
cmake -S . -B "$BUILD_DIR" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKUCHIKOMI_BUILD_FUZZERS=ON -DKUCHIKOMI_BUILD_TESTS=OFF -DKUCHIKOMI_BUILD_BENCHMARKS=OFF \
  -DKUCHIKOMI_WITH_MPI=OFF >/dev/null
# HDF5 seeds (graph and results files) are written by the kuchikomi executable of this build.
corpus_args=()
case " ${targets[*]} " in
  *" graph_file "* | *" results_file "*)
    cmake --build "$BUILD_DIR" -j "$(nproc)" --target kuchikomi
    corpus_args=(--kuchikomi "$BUILD_DIR/kuchikomi")
    ;;
esac
cmake --build "$BUILD_DIR" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"
python3 scripts/make_fuzz_corpus.py "$BUILD_DIR/corpus" "${corpus_args[@]}" >/dev/null

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
failed=()
total_runs=0
total_seconds=0
printf '\n%-16s %12s %10s %8s  %s\n' target executions exec/s cov result
for t in "${targets[@]}"; do
  mkdir -p "$BUILD_DIR/work/$t" "$BUILD_DIR/corpus/$t" "$BUILD_DIR/crashes/$t" "$BUILD_DIR/logs"
  dictionary=()
  [ -f "$BUILD_DIR/corpus/$t.dict" ] && dictionary=("-dict=$BUILD_DIR/corpus/$t.dict")
  log="$BUILD_DIR/logs/$t.log"
  start=$(date +%s)
  # New inputs go to the first folder (work/), the seeds are read from the second.
  status=0
  "$BUILD_DIR/tests/fuzz/fuzz_$t" "$BUILD_DIR/work/$t" "$BUILD_DIR/corpus/$t" "${dictionary[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$BUILD_DIR/crashes/$t/" >"$log" 2>&1 || status=$?
  elapsed=$(($(date +%s) - start))
  runs=$(awk '/stat::number_of_executed_units:/ {print $2}' "$log" | tail -n 1)
  rate=$(awk '/stat::average_exec_per_sec:/ {print $2}' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  total_runs=$((total_runs + ${runs:-0}))
  total_seconds=$((total_seconds + elapsed))
  result=ok
  if [ "$status" -ne 0 ]; then
    result="FAILED (exit $status): see $log, input in $BUILD_DIR/crashes/$t/"
    failed+=("$t")
  fi
  printf '%-16s %12s %10s %8s  %s\n' "$t" "${runs:-?}" "${rate:-?}" "${cov:-?}" "$result"
done
printf '%-16s %12s %10s\n' total "$total_runs" "$((total_runs / (total_seconds > 0 ? total_seconds : 1)))"

if [ ${#failed[@]} -gt 0 ]; then
  for t in "${failed[@]}"; do
    echo
    echo "== fuzz_$t: the end of $BUILD_DIR/logs/$t.log"
    tail -n 40 "$BUILD_DIR/logs/$t.log"
  done
  exit 1
fi

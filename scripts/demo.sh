#!/usr/bin/env bash
# The main job on the bundled data: installs what is missing, builds kuchikomi, turns the Quantum
# Computing Stack Exchange interaction log in graphs/ into an influence graph, picks 10 ambassadors
# with every algorithm, judges each seed set by the same independent Monte Carlo evaluation, and
# prints a comparison table, and writes an HTML report of the IMM plan. Everything it writes goes to
# out/ (OUT_DIR to change).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
OUT_DIR=${OUT_DIR:-out}
K=${K:-10}

scripts/install_deps.sh
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)" --target kuchikomi
kuchikomi="$BUILD_DIR/kuchikomi"
mkdir -p "$OUT_DIR"

echo
echo "== 1. interaction log -> influence graph (weighted cascade probabilities)"
"$kuchikomi" graph build --log graphs/quantum_community.csv --prob wc --out "$OUT_DIR/quantum.h5"
"$kuchikomi" graph info "$OUT_DIR/quantum.h5" --json >"$OUT_DIR/quantum-info.json"

echo
echo "== 2. pick $K ambassadors with each algorithm (IC model), evaluate each set with 10,000 runs"
algorithms=(imm opim-c opim-c-until-stable hist celf celf++ degree-discount pagerank degree random)
for algo in "${algorithms[@]}"; do
  "$kuchikomi" select --graph "$OUT_DIR/quantum.h5" --model ic --algo "$algo" -k "$K" \
    --epsilon 0.1 --mc-runs 2000 --evaluate-runs 10000 --rng-seed 1 \
    --out "$OUT_DIR/select-$algo.h5" --csv "$OUT_DIR/select-$algo.csv" --json >"$OUT_DIR/select-$algo.json"
  echo "   $algo done"
done

echo
echo "== 3. results (full details in $OUT_DIR/select-*.json, seeds as CSV in $OUT_DIR/select-*.csv)"
python3 - "$OUT_DIR" "${algorithms[@]}" <<'EOF'
import json, sys
out, algos = sys.argv[1], sys.argv[2:]
info = json.load(open(f"{out}/quantum-info.json"))
print(f"graph: {info['nodes']} users, {info['edges']} influence edges")
print(f"{'algorithm':<20}{'reach (95% CI)':>24}{'% users':>9}{'select s':>10}  top 3 ambassadors")
for algo in algos:
    r = json.load(open(f"{out}/select-{algo}.json"))
    ev = r["evaluation"]
    ci = f"{ev['mean']:.1f} [{ev['ci95_low']:.1f}, {ev['ci95_high']:.1f}]"
    top = ", ".join(s["user"] for s in r["seeds"][:3])
    secs = r["phase_seconds"].get("total", 0.0)
    print(f"{algo:<20}{ci:>24}{100 * ev['mean'] / info['nodes']:>8.1f}%{secs:>10.3f}  {top}")
EOF

"$kuchikomi" report "$OUT_DIR/select-imm.h5" --out "$OUT_DIR/report.html" --quiet \
  --title "Quantum Computing Stack Exchange: $K ambassadors (IMM)"
echo
echo "report for campaign planners (open in a browser): $OUT_DIR/report.html"

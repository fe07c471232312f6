#!/usr/bin/env bash
# Regenerates experiments/results/report/{report.html,report.png}: the HTML report of a real
# selection on the bundled Quantum Computing Stack Exchange community, and a headless-Chromium
# screenshot of it. Usage: scripts/make_report_screenshot.sh [path/to/kuchikomi]  (default build/kuchikomi)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
kuchikomi="$(realpath "${1:-$repo/build/kuchikomi}")"
out="$repo/experiments/results/report"
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$kuchikomi" ] || { echo "no kuchikomi binary at $kuchikomi (build first, or pass its path)" >&2; exit 1; }
[ -x "$chromium" ] || { echo "no Chromium at $chromium (scripts/install_deps.sh installs Debian's chromium)" >&2; exit 1; }
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
ln -s "$repo/graphs" graphs  # relative paths, so the page names inputs as the repository does
"$kuchikomi" graph build --log graphs/quantum_community.csv --out quantum_community.h5 > /dev/null
"$kuchikomi" select --graph quantum_community.h5 --algo opim-c -k 10 --epsilon 0.1 --rng-seed 1 \
  --evaluate-runs 10000 --out selection.h5 --quiet
"$kuchikomi" report selection.h5 --out report.html --title "Quantum Computing Stack Exchange: 10 ambassadors (OPIM-C)" > /dev/null
cp report.html "$out/report.html"
# The whole page at 1100 px wide (headless Chromium captures the window, so make it tall enough).
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/profile" \
  --hide-scrollbars --window-size=1100,4250 --screenshot="$out/report.png" "file://$work/report.html" 2> /dev/null
echo "wrote $out/report.html and $out/report.png"

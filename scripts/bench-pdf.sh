#!/usr/bin/env bash
# Times `casebook pdf` against the route users take today, headless
# Chromium printing the compilation's print view to PDF, on the shared
# synthetic corpus, in one run: wall time, peak memory and page count of
# both, for the one compilation of each corpus (the generator puts every
# tenth case in it: 200 members at 2,000 cases, 2,000 at 20,000).
#
#   scripts/bench-pdf.sh [N ...]          default: 2000 20000
#   RUNS=3 CHROMIUM_BIN=/usr/bin/chromium scripts/bench-pdf.sh 2000
#
# Needs the system's CJK fonts (fonts-noto-cjk), Chromium, and pdfinfo
# (poppler-utils) for page counts. Chromium opens the offline build from
# file:// (relative links, no server in the measurement) and is given
# CHROMIUM_TIMEOUT seconds (default 600); a run that fails or times out is
# reported as such, with its peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=("${@:-2000 20000}")
read -r -a SIZES <<< "${SIZES[*]}"
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-$ROOT/bench-out}
GEN=${GEN:-$ROOT/../shared/bench/gen.py}
CHROMIUM_BIN=${CHROMIUM_BIN:-/usr/bin/chromium}
CHROMIUM_TIMEOUT=${CHROMIUM_TIMEOUT:-600}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/casebook-bench-pdf.XXXX")
trap 'rm -rf "$OUT"' EXIT

cargo build --release -q
BIN="$ROOT/target/release/casebook"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo "casebook $($BIN --version | awk '{print $2}'), $("$CHROMIUM_BIN" --version 2>/dev/null | tail -n1)"

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# run_timed LOG CMD...: appends "wall rss_kib status" to LOG.
run_timed() {
  local log=$1; shift
  local status=0
  /usr/bin/time -f '%e %M' -o "$OUT/t" "$@" > "$OUT/cmd.log" 2>&1 || status=$?
  echo "$(cat "$OUT/t" | tail -n1) $status" >> "$log"
}

printf '\n| N | members | tool | wall s (median of %s) | peak RSS MiB | pages | note |\n|---:|---:|---|---:|---:|---:|---|\n' "$RUNS" > "$OUT/table"
for n in "${SIZES[@]}"; do
  site="$BENCH_DIR/n$n/casebook"
  [ -d "$site" ] || python3 "$GEN" --n "$n" --out "$BENCH_DIR/n$n" > /dev/null
  slug=$(basename "$(ls "$site"/content/compilations/*.md | head -n1)" .md)
  slug=$(awk -F'"' '/^slug *=/ {print $2; exit}' "$site/content/compilations/$slug.md" || true)
  [ -n "$slug" ] || slug=$(basename "$(ls "$site"/content/compilations/*.md | head -n1)" .md)
  # casebook: one warm-up (its summary line gives the members), then RUNS timed runs.
  : > "$OUT/cb.log"
  members=$("$BIN" --root "$site" pdf "$slug" -o "$OUT/cb.pdf" 2>&1 | sed -n 's/^typeset \([0-9]*\) case.*/\1/p')
  for _ in $(seq "$RUNS"); do run_timed "$OUT/cb.log" "$BIN" --root "$site" -q pdf "$slug" -o "$OUT/cb.pdf"; done
  cb_wall=$(awk '{print $1}' "$OUT/cb.log" | median)
  cb_rss=$(awk '{printf "%.0f\n", $2/1024}' "$OUT/cb.log" | median)
  printf '| %s | %s | casebook pdf | %s | %s | %s | |\n' "$n" "$members" "$cb_wall" "$cb_rss" "$(pages "$OUT/cb.pdf")" >> "$OUT/table"

  # Chromium: the offline build's print view, from file://.
  rm -rf "$OUT/site"
  "$BIN" --root "$site" -q build --offline -o "$OUT/site"
  page="$OUT/site/compilations/$slug/print/index.html"
  : > "$OUT/ch.log"
  for _ in $(seq "$RUNS"); do
    rm -rf "$OUT/profile" "$OUT/ch.pdf"
    run_timed "$OUT/ch.log" timeout "$CHROMIUM_TIMEOUT" "$CHROMIUM_BIN" --headless --no-sandbox --disable-gpu \
      --disable-background-networking --disable-component-update --disable-sync --no-first-run \
      --user-data-dir="$OUT/profile" --no-pdf-header-footer --print-to-pdf="$OUT/ch.pdf" "file://$page"
  done
  ch_wall=$(awk '{print $1}' "$OUT/ch.log" | median)
  ch_rss=$(awk '{printf "%.0f\n", $2/1024}' "$OUT/ch.log" | median)
  ch_fail=$(awk '$3 != 0' "$OUT/ch.log" | wc -l)
  note=""
  [ "$ch_fail" -gt 0 ] && note="$ch_fail of $RUNS runs failed or timed out (${CHROMIUM_TIMEOUT} s)"
  [ -s "$OUT/ch.pdf" ] && ch_pages=$(pages "$OUT/ch.pdf") || ch_pages="–"
  printf '| %s | %s | Chromium print-to-pdf | %s | %s | %s | %s |\n' "$n" "$members" "$ch_wall" "$ch_rss" "$ch_pages" "$note" >> "$OUT/table"
done
cat "$OUT/table"
echo
echo "Peak RSS of Chromium is its browser process as /usr/bin/time sees it (the largest of the process tree's members it waited for)."

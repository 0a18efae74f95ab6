#!/usr/bin/env bash
# Times `casebook docx` against pandoc (Markdown → .docx) on the same cases,
# in one run: the one compilation of the shared synthetic corpus (the
# generator puts every tenth case in it: 200 members at 2,000 cases). pandoc
# gets the members' Markdown bodies in compilation order, each under its
# title, in one file (front matter removed: pandoc would print TOML as
# text), with its own contents (--toc); that file is made outside the
# timing. Wall time and peak memory, median of RUNS.
#
#   scripts/bench-word.sh [N ...]          default: 2000
#   RUNS=5 scripts/bench-word.sh 2000 20000
#
# Needs pandoc (Debian: pandoc) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=("${@:-2000}")
read -r -a SIZES <<< "${SIZES[*]}"
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-$ROOT/bench-out}
GEN=${GEN:-$ROOT/../shared/bench/gen.py}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/casebook-bench-word.XXXX")
trap 'rm -rf "$OUT"' EXIT

cargo build --release -q
BIN="$ROOT/target/release/casebook"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo "casebook $($BIN --version | awk '{print $2}'), $(pandoc --version | sed -n 1p)"

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
run_timed() {
  local log=$1; shift
  /usr/bin/time -f '%e %M' -o "$OUT/t" "$@" > "$OUT/cmd.log" 2>&1
  tail -n1 "$OUT/t" >> "$log"
}
row() { # row LOG N MEMBERS TOOL FILE
  printf '| %s | %s | %s | %s | %s | %s |\n' "$2" "$3" "$4" \
    "$(awk '{print $1}' "$1" | median)" "$(awk '{printf "%.0f\n", $2/1024}' "$1" | median)" \
    "$(du -k "$5" | awk '{print $1}')" >> "$OUT/table"
}

printf '\n| N | members | tool | wall s (median of %s) | peak RSS MiB | file KiB |\n|---:|---:|---|---:|---:|---:|\n' "$RUNS" > "$OUT/table"
for n in "${SIZES[@]}"; do
  site="$BENCH_DIR/n$n/casebook"
  [ -d "$site" ] || python3 "$GEN" --n "$n" --out "$BENCH_DIR/n$n" > /dev/null
  slug=$(basename "$(ls "$site"/content/compilations/*.md | head -n1)" .md)
  members=$("$BIN" --root "$site" docx "$slug" -o "$OUT/cb.docx" 2>&1 | sed -n 's/^wrote \([0-9]*\) case.*/\1/p')
  : > "$OUT/cb.log"
  for _ in $(seq "$RUNS"); do run_timed "$OUT/cb.log" "$BIN" --root "$site" -q docx "$slug" -o "$OUT/cb.docx"; done
  row "$OUT/cb.log" "$n" "$members" "casebook docx" "$OUT/cb.docx"

  # The same members for pandoc: the cases whose front matter names the
  # compilation (in file order; the order does not change the work).
  python3 - "$site" "$slug" > "$OUT/members.md" 2> "$OUT/members.n" <<'PY'
import pathlib, re, sys
site, slug = pathlib.Path(sys.argv[1]), sys.argv[2]
n = 0
for f in sorted((site / "content/cases").rglob("*.md")):
    text = f.read_text(encoding="utf-8")
    m = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n(.*)", text, re.S)
    if not m or f'"{slug}"' not in m.group(1):
        continue
    title = re.search(r'^title = "(.*)"$', m.group(1), re.M).group(1)
    print(f"# {title}\n\n{m.group(2)}\n")
    n += 1
print(n, file=sys.stderr)
PY
  : > "$OUT/pd.log"
  for _ in $(seq "$RUNS"); do run_timed "$OUT/pd.log" pandoc -f markdown -t docx --toc -o "$OUT/pd.docx" "$OUT/members.md"; done
  row "$OUT/pd.log" "$n" "$(cat "$OUT/members.n")" "pandoc markdown → docx" "$OUT/pd.docx"
done
cat "$OUT/table"

#!/usr/bin/env bash
# Times casebook's Word import and export against pandoc, in one run.
#
# Import: IMPORT_N (default 100) submissions, copies of the committed
# county submission (tests/fixtures/word, made by python-docx), each with
# its own title so none clashes. `casebook import DIR` into a new site
# (reading, writing the cases and their pictures, then checking the site)
# against pandoc run once per file (docx → markdown, pictures extracted),
# as an editor would use it: pandoc reads one .docx per run.
#
# Export: `casebook docx` against pandoc (Markdown → .docx) on the same
# cases: the one compilation of the shared synthetic corpus (the
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

# Import.
IMPORT_N=${IMPORT_N:-100}
mkdir -p "$OUT/in"
python3 - "$ROOT/tests/fixtures/word/county-submission.docx" "$OUT/in" "$IMPORT_N" <<'PY'
import sys, zipfile
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
title = "某某县“一窗通办”改革破解企业办事难"
with zipfile.ZipFile(src) as z:
    parts = [(i, z.read(i.filename)) for i in z.infolist()]
for k in range(1, n + 1):
    with zipfile.ZipFile(f"{out}/submission-{k:03}.docx", "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert title in text, "the fixture's title changed"
                data = text.replace(title, f"{title}（第{k}号）", 1).encode("utf-8")
            z.writestr(info, data)
PY
: > "$OUT/ci.log"
for _ in $(seq "$RUNS"); do
  rm -rf "$OUT/site"; "$BIN" -q init "$OUT/site" > /dev/null
  run_timed "$OUT/ci.log" "$BIN" --root "$OUT/site" -q import "$OUT/in"
done
imported=$(find "$OUT/site/content/cases" -name index.md -newer "$OUT/site/casebook.toml" | wc -l)
[ "$imported" = "$IMPORT_N" ] || { echo "casebook imported $imported of $IMPORT_N" >&2; cat "$OUT/cmd.log" >&2; exit 1; }
: > "$OUT/pi.log"
for _ in $(seq "$RUNS"); do
  rm -rf "$OUT/pd"; mkdir -p "$OUT/pd"
  run_timed "$OUT/pi.log" bash -c 'for f in "$1"/*.docx; do b=$(basename "$f" .docx); pandoc -f docx -t markdown --extract-media="$2/$b" -o "$2/$b.md" "$f" || exit 1; done' _ "$OUT/in" "$OUT/pd"
done
printf '\n| submissions | tool | wall s (median of %s) | peak RSS MiB |\n|---:|---|---:|---:|\n' "$RUNS" > "$OUT/import"
for t in "ci:casebook import DIR" "pi:pandoc docx → markdown, once per file"; do
  printf '| %s | %s | %s | %s |\n' "$IMPORT_N" "${t#*:}" "$(awk '{print $1}' "$OUT/${t%%:*}.log" | median)" \
    "$(awk '{printf "%.0f\n", $2/1024}' "$OUT/${t%%:*}.log" | median)" >> "$OUT/import"
done
cat "$OUT/import"

# Export.
printf '\n| N | members | tool | wall s (median of %s) | peak RSS MiB | file KiB |\n|---:|---:|---|---:|---:|---:|\n' "$RUNS" > "$OUT/table"
for n in "${SIZES[@]}"; do
  site="$BENCH_DIR/n$n/casebook"
  [ -d "$site" ] || python3 "$GEN" --n "$n" --out "$BENCH_DIR/n$n" > /dev/null
  slug=$(basename "$(ls "$site"/content/compilations/*.md | head -n1)" .md)
  members=$("$BIN" --root "$site" --lang en docx "$slug" -o "$OUT/cb.docx" 2>&1 | sed -n 's/^wrote \([0-9]*\) case.*/\1/p')
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

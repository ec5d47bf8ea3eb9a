"""Text lines of a PDF page with the typeface they are set in, and the page furniture around them.

pdfium already groups characters into lines (the CR LF it generates between them), so a line costs
a handful of calls — the font of one representative glyph, the loose boxes of its first and last
glyph — instead of several calls per character. That is what keeps a 45-page report within a few
times pdfium's own raw text extraction. 公文 headings share the body's size and differ only by
typeface (黑体/楷体 against 仿宋), so the font name travels with every line.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor import ticks
from extractor.normalize import normalize

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_HAN = re.compile(r"[\u3400-\u9fff]")  # the glyphs that show a line's Chinese typeface
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]) (?=[^ ])|(?<=[^ ]) (?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])")
_SYMBOL = re.compile(r"[\uf020-\uf0ff]")  # symbol-font codes (Wingdings tick boxes) as pdfium reports them
_BOLD_NAME = re.compile(r"bold|heavy|black|semibold|demi|w[6-9]\b|粗", re.I)


@dataclass(slots=True)
class Line:
    """One visual line; coordinates are PDF points measured from the top-left of the page."""

    text: str
    page: int  # 1-based
    x0: float
    top: float
    x1: float
    bottom: float
    font: str = ""  # base font name without the subset prefix; "" when the line came from OCR
    size: float = 0.0  # font size in points (OCR: estimated from the box height)
    bold: bool = False
    number: int = 0  # 1-based position among the page's lines, for Location.line
    furniture: bool = False
    confidence: float | None = None  # OCR only

    @property
    def style(self) -> tuple[str, bool, int]:
        return (self.font, self.bold, round(self.size))


@dataclass(frozen=True, slots=True)
class Frame:
    """From PDF page space (y up, /Rotate not applied) to the page as a reader sees it (top-left
    origin, rotation applied): a user who turned a landscape table page still gets rows as rows."""

    x0: float
    y0: float
    w: float
    h: float
    rotation: int

    @classmethod
    def of(cls, page: pdfium.PdfPage) -> Frame:
        left, bottom, right, top = page.get_cropbox()
        return cls(left, bottom, right - left, top - bottom, page.get_rotation() % 360)

    @property
    def width(self) -> float:
        return self.h if self.rotation in (90, 270) else self.w

    @property
    def height(self) -> float:
        return self.w if self.rotation in (90, 270) else self.h

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.x0, y - self.y0
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.w - x, y
        if self.rotation == 270:
            return self.h - y, self.w - x
        return x, self.h - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """A page-space rectangle as (x0, top, x1, bottom) in reading space."""
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    def page_box(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        """The inverse of `box`: (left, bottom, right, top) in page space."""
        corners = [self._unpoint(x0, top), self._unpoint(x1, bottom)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return min(xs), min(ys), max(xs), max(ys)

    def _unpoint(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            px, py = y, x
        elif self.rotation == 180:
            px, py = self.w - x, y
        elif self.rotation == 270:
            px, py = self.w - y, self.h - x
        else:
            px, py = x, self.h - y
        return px + self.x0, py + self.y0


def read_lines(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, page_no: int, text: str | None = None,
               ) -> list[Line]:
    """`text` is the page's full text if the caller already has it."""
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    if n <= 0:
        return []
    if text is None:
        text = textpage.get_text_range(0, n)
    if len(text) != n:  # characters outside the BMP: fall back to one code point per char index
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(n))
    frame = Frame.of(page)
    probe = _Probe(raw)
    lines: list[Line] = []
    start = 0
    while start < n:
        end = text.find("\r\n", start)
        if end < 0:
            end = n
        seg = text[start:end]
        stripped = seg.strip()
        if stripped:
            first = start + len(seg) - len(seg.lstrip())
            last = start + len(seg.rstrip()) - 1
            lines.append(probe.line(text, first, last, page_no, frame))
        start = end + 2
    for k, line in enumerate(lines, 1):
        line.number = k
    return lines


class _Probe:
    """The ctypes buffers reused for every line of a page."""

    def __init__(self, raw: object) -> None:
        self.raw = raw
        self.rect = pdfium_c.FS_RECTF()
        self.rect_p = ctypes.byref(self.rect)
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.flags_p = ctypes.byref(self.flags)
        self.bold_fonts: dict[str, bool] = {}

    def box(self, i: int) -> tuple[float, float, float, float]:
        """Loose box of char i (font ascent to descent) as (left, bottom, right, top) in page space."""
        pdfium_c.FPDFText_GetLooseCharBox(self.raw, i, self.rect_p)
        r = self.rect
        return r.left, r.bottom, r.right, r.top

    def line(self, text: str, first: int, last: int, page_no: int, frame: Frame) -> Line:
        x0, top0, x1, bottom0 = frame.box(*self.box(first))
        x2, top1, x3, bottom1 = frame.box(*self.box(last))
        seg = text[first : last + 1]
        # The typeface of the last Chinese glyph: a bold run-in lead ("一是加强组织领导。" in 黑体,
        # then body text) must not make its line look like a heading line.
        tail = first
        if _HAN.search(seg):
            tail = first + next(k for k in range(len(seg) - 1, -1, -1) if "\u3400" <= seg[k] <= "\u9fff")
        font, size, bold = self.font(tail)
        top, bottom = min(top0, top1), max(bottom0, bottom1)
        if size < 2:  # text drawn at 1 pt and scaled by the matrix: the box tells the real size
            size = (bottom - top) / 1.2
        return Line(text=self.clean(seg, first), page=page_no, x0=min(x0, x2), top=top, x1=max(x1, x3),
                    bottom=bottom, font=font, size=round(size, 1), bold=bold)

    def font_name(self, i: int) -> str:
        got = pdfium_c.FPDFText_GetFontInfo(self.raw, i, self.name, len(self.name), self.flags_p)
        name = self.name.value.decode("utf-8", "replace") if got else ""
        return name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name

    def font(self, i: int) -> tuple[str, float, bool]:
        name = self.font_name(i)
        size = pdfium_c.FPDFText_GetFontSize(self.raw, i)
        bold = self.bold_fonts.get(name)
        if bold is None:
            bold = self.bold_fonts[name] = (pdfium_c.FPDFText_GetFontWeight(self.raw, i) >= 600
                                            or bool(_BOLD_NAME.search(name)))
        if not bold:
            obj = pdfium_c.FPDFText_GetTextObject(self.raw, i)
            bold = bool(obj) and (pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
                                  == pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE)
        return name, float(size), bold

    def clean(self, seg: str, first: int) -> str:
        """Drop the spaces pdfium invents for the visual gap between Chinese and Latin/digits
        ("2023 年度"), keeping typed ones; turn Wingdings tick boxes into their glyphs."""
        if " " in seg:
            drop = [m.start() for m in _CJK_GAP.finditer(seg)
                    if pdfium_c.FPDFText_IsGenerated(self.raw, first + m.start()) == 1]
            if _SYMBOL.search(seg):
                seg = "".join(self.symbol(ch, first + k) if _SYMBOL.match(ch) else ch for k, ch in enumerate(seg))
            for k in reversed(drop):
                seg = seg[:k] + seg[k + 1 :]
        elif _SYMBOL.search(seg):
            seg = "".join(self.symbol(ch, first + k) if _SYMBOL.match(ch) else ch for k, ch in enumerate(seg))
        return _CONTROL.sub("", seg)

    def symbol(self, ch: str, i: int) -> str:
        font = self.font(i)[0]
        family = re.split(r"[-,]", font, maxsplit=1)[0]
        return ticks.symbol_glyph(family, ord(ch)) or "\x00"  # one char either way; NUL is cleaned out


def join_text(left: str, right: str) -> str:
    """Join a wrapped line onto the text before it: Chinese joins without a space, Latin words with one."""
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if a.isascii() and b.isascii() and a.isalnum() and b.isalnum():
        return f"{left} {right}"
    return left + right


# --- furniture: running headers and footers, page numbers, the table of contents ----------------

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?|\d{1,4})$")
_TOC_LINE = re.compile(r"^(?P<t>.*\S)\s*(?:[.．。·…⋯_]\s*){3,}(?P<p>\d{1,4})$")
_TOC_TITLES = {"目录", "目次"}
_BAND = 0.12  # top/bottom share of the page where running headers and footers live


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def is_toc_line(text: str) -> bool:
    t = text.strip()
    return bool(t) and t[-1].isdigit() and _TOC_LINE.match(t) is not None


def mark_furniture(pages: list[list[Line]], heights: list[float]) -> None:
    """Set `furniture` on running headers/footers (the same text in the top or bottom band of
    several pages, digits ignored; or a small-print first line in the top band), page numbers,
    and table-of-contents lines."""
    bands: list[list[Line]] = []
    for lines, height in zip(pages, heights, strict=True):
        band = [ln for ln in lines if ln.top < _BAND * height or ln.bottom > (1 - _BAND) * height]
        bands.append(band)
    repeats = Counter(key for band in bands for key in {_repeat_key(ln) for ln in band})
    need = max(2, round(0.4 * len(pages)))
    sizes = sorted(ln.size for lines in pages for ln in lines if len(ln.text) > 10)
    small = 0.75 * sizes[len(sizes) // 2] if sizes else 0.0
    for lines, band, height in zip(pages, bands, heights, strict=True):
        for ln in band:
            if is_page_number(ln.text) or (len(pages) > 1 and repeats[_repeat_key(ln)] >= need):
                ln.furniture = True
            elif ln is lines[0] and ln.bottom < 0.5 * _BAND * height and ln.size < small:
                ln.furniture = True  # a running header that appears on one page only
    for lines in pages:
        _mark_toc(lines)


def _repeat_key(line: Line) -> str:
    return re.sub(r"\d+", "#", normalize(line.text))


def _mark_toc(lines: list[Line]) -> None:
    toc_page = False
    for ln in lines:
        if ln.furniture:
            continue
        norm = normalize(ln.text)
        if norm in _TOC_TITLES:
            ln.furniture = toc_page = True
        elif is_toc_line(ln.text) or (toc_page and len(ln.text) <= 50 and re.search(r"\D\s*\d{1,4}$", ln.text)):
            ln.furniture = True

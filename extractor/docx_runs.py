"""One paragraph's runs: the text Word displays and the run formatting heading detection needs.

Deleted revisions, hidden runs and placeholder prompts are skipped; tick boxes drawn as checkbox
controls, FORMCHECKBOX fields or Wingdings symbols come out as ☑/☐; text boxes are read once (the
mc:Choice branch, not also its VML fallback) and returned apart, as lines of their own. Pictures
are counted (DrawingML pic:pic, VML v:imagedata, also read once), since a scanned certificate is
evidence although it has no text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from lxml import etree

from extractor import ticks
from extractor.docx_styles import Style, Styles
from extractor.docx_xml import (
    M_NS,
    MC_ALTERNATE,
    MC_CHOICE,
    W14_CHECKBOX,
    W14_CHECKED,
    W14_VAL,
    W_CUSTOMXML,
    W_R,
    W_RPR,
    W_SDT,
    W_SDTCONTENT,
    W_SDTPR,
    W_T,
    W_VAL,
    int_attr,
    on,
    w,
)

_TAB, _PTAB, _BR, _CR, _SYM, _LRPB = w("tab"), w("ptab"), w("br"), w("cr"), w("sym"), w("lastRenderedPageBreak")
_FLDCHAR, _NBH, _DRAWING, _PICT, _TXBX = w("fldChar"), w("noBreakHyphen"), w("drawing"), w("pict"), w("txbxContent")
_B, _SZ, _VANISH, _RSTYLE, _RFONTS = w("b"), w("sz"), w("vanish"), w("rStyle"), w("rFonts")
_CONTAINERS = {w("hyperlink"), w("ins"), w("moveTo"), w("smartTag"), W_CUSTOMXML, w("fldSimple"), w("dir"), w("bdo")}
_MATH = {f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"}
_M_T = f"{{{M_NS}}}t"
_PUA = re.compile("[\uf020-\uf0ff]")
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_OBJECT = w("object")


class TextReader(Protocol):
    """What the collector needs of the body reader (extractor.docx_text.TextReader): the styles,
    the page count it keeps, and the lines of a text box read the way cells are."""

    styles: Styles
    pages: str | None
    page: int

    def container_lines(self, el: etree._Element) -> list[str]: ...


class RunCollector:
    """One paragraph's runs (children of w:p, in order), walked once: the displayed text and the
    formatting heading detection weighs (all bold, largest size) come from the same pass."""

    __slots__ = ("all_bold", "any_text", "first_page", "images", "parts", "reader", "size", "style", "textboxes")

    def __init__(self, reader: TextReader, style: Style) -> None:
        self.reader = reader
        self.style = style
        self.parts: list[str] = []
        self.textboxes: list[str] = []
        self.images = 0
        self.all_bold = True
        self.any_text = False
        self.size = 0
        self.first_page: int | None = None

    def children(self, el: etree._Element) -> None:
        for c in el:
            tag = c.tag
            if tag == W_R:
                self.run(c)
            elif tag in _CONTAINERS:
                self.children(c)
            elif tag == W_SDT:
                self.sdt(c)
            elif tag in _MATH:
                self.parts.extend(t.text or "" for t in c.iter(_M_T))

    def sdt(self, sdt: etree._Element) -> None:
        pr = sdt.find(W_SDTPR)
        if pr is not None:
            box = pr.find(W14_CHECKBOX)
            if box is not None:
                checked = box.find(W14_CHECKED)
                ticked = checked is not None and checked.get(W14_VAL) in ("1", "true", "on")
                self.parts.append(ticks.TICKED if ticked else ticks.UNTICKED)
                return
            if pr.find(w("showingPlcHdr")) is not None:
                return  # the grey prompt text, not an answer
        content = sdt.find(W_SDTCONTENT)
        if content is not None:
            self.children(content)

    def run(self, r: etree._Element) -> None:
        bold = size = font = None
        rpr = r.find(W_RPR)
        if rpr is not None:
            for c in rpr:
                tag = c.tag
                if tag == _B:
                    bold = on(c)
                elif tag == _SZ:
                    size = int_attr(c)
                elif tag == _VANISH and on(c):
                    return
                elif tag == _RSTYLE:
                    cs = self.reader.styles.character(c.get(W_VAL, ""))
                    if cs is not None:
                        bold = cs.bold if bold is None else bold
                        size = cs.size if size is None else size
                elif tag == _RFONTS:
                    font = c.get(w("ascii")) or c.get(w("hAnsi"))
        start = len(self.parts)
        for c in r:
            tag = c.tag
            if tag == W_T:
                t = c.text
                if t:
                    self.parts.append(_symbols(t, font) if font and _PUA.search(t) else t)
                    if self.first_page is None and not t.isspace():
                        self.first_page = self.reader.page
            elif tag in (_TAB, _PTAB):
                self.parts.append("\t")
            elif tag == _BR:
                kind = c.get(w("type"))
                if kind == "page":
                    self._page_break("explicit")
                elif kind != "column":
                    self.parts.append("\n")
            elif tag == _CR:
                self.parts.append("\n")
            elif tag == _LRPB:
                self._page_break("rendered")
            elif tag == _SYM:
                code = c.get(w("char"), "")
                glyph = ticks.symbol_glyph(c.get(w("font"), ""), int(code, 16)) if _is_hex(code) else None
                if glyph:
                    self.parts.append(glyph)
            elif tag == _FLDCHAR:
                box = c.find(f"{w('ffData')}/{w('checkBox')}")
                if box is not None and c.get(w("fldCharType")) == "begin":
                    checked = box.find(w("checked"))
                    ticked = on(checked) if checked is not None else on(box.find(w("default")))
                    self.parts.append(ticks.TICKED if ticked else ticks.UNTICKED)
            elif tag == _NBH:
                self.parts.append("-")
            elif tag in (_DRAWING, _PICT, _OBJECT):
                self._graphic(c)
            elif tag == MC_ALTERNATE:
                choice = c.find(MC_CHOICE)
                if choice is not None:
                    self._graphic(choice)
        if len(self.parts) == start:
            return
        if any(s.strip() for s in self.parts[start:]):
            self.any_text = True
            if self.all_bold:
                if bold is None:
                    bold = self.style.bold
                self.all_bold = bool(bold)
        size = size or self.style.size or self.reader.styles.default_size
        if size > self.size:
            self.size = size

    def _page_break(self, kind: str) -> None:
        if self.reader.pages == kind:
            self.reader.page += 1

    def _graphic(self, el: etree._Element) -> None:
        """A drawing, VML picture or embedded object: its text boxes, and the pictures it shows."""
        self._textboxes(el.iter(_TXBX))
        self.images += sum(1 for _ in el.iter(_PIC, _IMAGEDATA))

    def _textboxes(self, boxes: Iterable[etree._Element]) -> None:
        for box in boxes:
            self.textboxes.extend(self.reader.container_lines(box))


def _is_hex(code: str) -> bool:
    try:
        int(code, 16)
    except ValueError:
        return False
    return bool(code)


def _symbols(text: str, font: str) -> str:
    """U+F0xx characters typed in a Wingdings font: the tick glyph they show."""
    return "".join((ticks.symbol_glyph(font, ord(ch)) or ch) if "\uf020" <= ch <= "\uf0ff" else ch for ch in text)

"""The displayed text of a Word paragraph, read straight from the XML, with what a heading needs.

What Word shows is not what python-docx's `paragraph.text` returns: the automatic number is in
numbering.xml, a ticked box may be a w14:checkbox control, a FORMCHECKBOX field or a Wingdings
w:sym, deleted revisions and hidden runs are not shown, and a placeholder ("单击此处输入文字") is
not the applicant's text. One pass over each paragraph's runs collects the text together with the
facts heading detection needs (style, outline level, bold, size, alignment) and the page it starts
on, without building python-docx objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from extractor import ticks
from extractor.docx_numbering import Label, Numbering
from extractor.docx_styles import Style, Styles
from extractor.docx_tables import iter_cells, iter_rows
from extractor.docx_xml import (
    M_NS,
    MC_ALTERNATE,
    MC_CHOICE,
    W14_CHECKBOX,
    W14_CHECKED,
    W14_VAL,
    W_CUSTOMXML,
    W_ILVL,
    W_NUMID,
    W_NUMPR,
    W_P,
    W_PPR,
    W_R,
    W_RPR,
    W_SDT,
    W_SDTCONTENT,
    W_SDTPR,
    W_STYLE,
    W_T,
    W_TBL,
    W_VAL,
    int_attr,
    on,
    w,
)

_TAB, _PTAB, _BR, _CR, _SYM, _LRPB = w("tab"), w("ptab"), w("br"), w("cr"), w("sym"), w("lastRenderedPageBreak")
_FLDCHAR, _NBH, _DRAWING, _PICT = w("fldChar"), w("noBreakHyphen"), w("drawing"), w("pict")
_B, _SZ, _VANISH, _RSTYLE, _RFONTS = w("b"), w("sz"), w("vanish"), w("rStyle"), w("rFonts")
_OUTLINE, _JC, _PBB, _SECTPR, _TXBX = w("outlineLvl"), w("jc"), w("pageBreakBefore"), w("sectPr"), w("txbxContent")
_CONTAINERS = {w("hyperlink"), w("ins"), w("moveTo"), w("smartTag"), W_CUSTOMXML, w("fldSimple"), w("dir"), w("bdo")}
_MATH = {f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"}
_M_T = f"{{{M_NS}}}t"
_PUA = re.compile("[\uf020-\uf0ff]")


@dataclass(slots=True)
class ParaInfo:
    text: str  # as displayed: automatic number included, ticks normalised, ends stripped
    label: Label | None
    style: Style
    outline: int | None  # 1-based outline level, paragraph first, then the style chain
    outline_direct: bool  # set on the paragraph itself (as WPS does), not inherited from a style
    bold: bool  # every visible character bold
    size: int  # largest font size used, half-points
    center: bool
    page: int | None
    textboxes: list[str] = field(default_factory=list)


class TextReader:
    """Reads paragraphs in document order (numbering counters and the page count depend on it).

    `pages` is "rendered" (count Word's w:lastRenderedPageBreak), "explicit" (hard page breaks,
    page-break-before and section breaks) or None when the file carries no page information.
    """

    def __init__(self, styles: Styles, numbering: Numbering | None, pages: str | None) -> None:
        self.styles = styles
        self.numbering = numbering
        self.pages = pages
        self.page = 1
        self._pending_break = False
        self._started = False

    @property
    def current_page(self) -> int | None:
        return self.page if self.pages else None

    def before_block(self) -> bool:
        """A section break at the end of the previous paragraph starts a new page here."""
        broke = self._pending_break
        if broke:
            self.page += 1
            self._pending_break = False
        self._started = True
        return broke

    def paragraph(self, p: etree._Element) -> ParaInfo:
        started = self._started
        broke = self.before_block()
        style_id = num_id = None
        ilvl = outline = None
        center = break_before = ends_section = None
        ppr = p.find(W_PPR)
        if ppr is not None:
            for c in ppr:
                tag = c.tag
                if tag == W_STYLE:
                    style_id = c.get(W_VAL)
                elif tag == W_NUMPR:
                    n = c.find(W_NUMID)
                    num_id = n.get(W_VAL) if n is not None else None
                    ilvl = int_attr(c.find(W_ILVL))
                elif tag == _OUTLINE:
                    outline = int_attr(c)
                elif tag == _JC:
                    center = c.get(W_VAL) == "center"
                elif tag == _PBB:
                    break_before = on(c)
                elif tag == _SECTPR and self.pages == "explicit":
                    kind = c.find(w("type"))
                    ends_section = kind is None or kind.get(W_VAL) != "continuous"
        style = self.styles.paragraph(style_id)
        if self.pages == "explicit" and started and not broke and (
                break_before if break_before is not None else style.page_break_before):
            self.page += 1
        label = self._label(style, num_id, ilvl)
        run = _RunState(self, style)
        run.children(p)
        text = "".join(run.parts)
        if label is not None:
            text = label.join(text)
        text = ticks.normalize(text).strip()
        direct = outline is not None
        level = (outline + 1 if outline is not None and 0 <= outline < 9 else None) if direct else style.outline or None
        info = ParaInfo(text=text, label=label, style=style, outline=level, outline_direct=direct,
                        bold=run.any_text and run.all_bold, size=run.size,
                        center=center if center is not None else bool(style.center),
                        page=(run.first_page or self.page) if self.pages else None, textboxes=run.textboxes)
        self._pending_break = bool(ends_section)  # a sectPr in a paragraph breaks *after* it
        return info

    def _label(self, style: Style, num_id: str | None, ilvl: int | None) -> Label | None:
        if self.numbering is None:
            return None
        if num_id is None and style.num_id:
            num_id = style.num_id
            if ilvl is None:
                ilvl = style.num_ilvl if style.num_ilvl is not None else self.numbering.level_for_style(num_id, style.id)
        if not num_id or num_id == "0":
            return None
        return self.numbering.render(num_id, ilvl or 0)

    def container_lines(self, el: etree._Element) -> list[str]:
        """Text lines of a cell or text box: its paragraphs, nested tables flattened row by row."""
        lines: list[str] = []
        for c in el:
            tag = c.tag
            if tag == W_P:
                info = self.paragraph(c)
                if info.text:
                    lines.append(info.text)
                lines.extend(info.textboxes)
            elif tag == W_TBL:
                for tr in iter_rows(c):
                    cells = [self.cell_text(tc) for tc in iter_cells(tr)]
                    if any(cells):
                        lines.append("\t".join(cells))
            elif tag == W_SDT:
                content = c.find(W_SDTCONTENT)
                if content is not None:
                    lines.extend(self.container_lines(content))
            elif tag == W_CUSTOMXML:
                lines.extend(self.container_lines(c))
        return lines

    def cell_text(self, tc: etree._Element) -> str:
        return "\n".join(self.container_lines(tc))


class _RunState:
    """Accumulates one paragraph's runs."""

    __slots__ = ("all_bold", "any_text", "first_page", "parts", "reader", "size", "style", "textboxes")

    def __init__(self, reader: TextReader, style: Style) -> None:
        self.reader = reader
        self.style = style
        self.parts: list[str] = []
        self.textboxes: list[str] = []
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
            elif tag in (_DRAWING, _PICT):
                self._textboxes(c.iter(_TXBX))
            elif tag == MC_ALTERNATE:
                choice = c.find(MC_CHOICE)
                if choice is not None:
                    self._textboxes(choice.iter(_TXBX))
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

    def _textboxes(self, boxes: object) -> None:
        for box in boxes:  # type: ignore[attr-defined]
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

"""The displayed text of a Word paragraph, read straight from the XML, with what a heading needs.

What Word shows is not what python-docx's `paragraph.text` returns: the automatic number is in
numbering.xml, a ticked box may be a w14:checkbox control, a FORMCHECKBOX field or a Wingdings
w:sym, deleted revisions and hidden runs are not shown, and a placeholder ("单击此处输入文字") is
not the applicant's text. One pass over each paragraph's runs collects the text together with the
facts heading detection needs (style, outline level, bold, size, alignment) and the page it starts
on, without building python-docx objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from extractor import ticks
from extractor.docx_numbering import Label, Numbering
from extractor.docx_runs import RunCollector
from extractor.docx_styles import Style, Styles
from extractor.docx_tables import iter_cells, iter_rows
from extractor.docx_xml import (
    W_CUSTOMXML,
    W_ILVL,
    W_NUMID,
    W_NUMPR,
    W_P,
    W_PPR,
    W_SDT,
    W_SDTCONTENT,
    W_STYLE,
    W_TBL,
    W_VAL,
    int_attr,
    on,
    w,
)

_OUTLINE, _JC, _PBB, _SECTPR = w("outlineLvl"), w("jc"), w("pageBreakBefore"), w("sectPr")


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
    images: int = 0  # pictures shown in the paragraph


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
        run = RunCollector(self, style)
        run.children(p)
        text = "".join(run.parts)
        if label is not None:
            text = label.join(text)
        text = ticks.normalize(text).strip()
        info = ParaInfo(text=text, label=label, style=style, outline=_outline(outline, style),
                        outline_direct=outline is not None,
                        bold=run.any_text and run.all_bold, size=run.size,
                        center=center if center is not None else bool(style.center),
                        page=(run.first_page or self.page) if self.pages else None, textboxes=run.textboxes,
                        images=run.images)
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
        return self._container(el)[0]

    def cell_content(self, tc: etree._Element) -> tuple[str, int]:
        """A cell's text and the pictures it shows: scans pasted into a form's evidence box are its
        content although they carry no text."""
        lines, images = self._container(tc)
        return "\n".join(lines), images

    def _container(self, el: etree._Element) -> tuple[list[str], int]:
        """Lines and pictures of a cell or text box, its nested tables' cells included."""
        lines: list[str] = []
        images = 0
        for c in el:
            tag = c.tag
            if tag == W_P:
                info = self.paragraph(c)
                if info.text:
                    lines.append(info.text)
                lines.extend(info.textboxes)
                images += info.images
            elif tag == W_TBL:
                for tr in iter_rows(c):
                    cells = [self.cell_content(tc) for tc in iter_cells(tr)]
                    images += sum(n for _, n in cells)
                    if any(text for text, _ in cells):
                        lines.append("\t".join(text for text, _ in cells))
            elif tag == W_SDT:
                content = c.find(W_SDTCONTENT)
                if content is not None:
                    more, n = self._container(content)
                    lines.extend(more)
                    images += n
            elif tag == W_CUSTOMXML:
                more, n = self._container(c)
                lines.extend(more)
                images += n
        return lines, images


def _outline(direct: int | None, style: Style) -> int | None:
    """1-based outline level: the paragraph's own w:outlineLvl (as WPS writes it) before the style's;
    Word's level 9, like a style's 0 here, means body text."""
    if direct is not None:
        return direct + 1 if 0 <= direct < 9 else None
    return style.outline or None

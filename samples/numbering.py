"""Word automatic numbering for python-docx documents (python-docx cannot write it).

Applicants' reports often number headings with Word's multilevel lists: the paragraph text is
"集群总体情况" and Word displays "一、集群总体情况" from numbering.xml. To test that the extractor
renders those numbers, the samples write real abstractNum/num definitions:

    numbered_heading(doc, "集群总体情况", level=1)                       # 一、
    numbered_heading(doc, "集群产业结构发展情况", level=2)               # （一）
    num = new_list(doc, [("decimal", "%1.")])
    numbered_paragraph(doc, "加快推进……。", num)                          # 1.
    link_style(doc, "Heading 1", heading_list(doc), level=1)              # numbering from the style

In lvl_text, %N is Word's placeholder for the counter of level N (so level 2 of the Chinese outline
is "（%2）"). Suffix "nothing" puts the title right after the number, as Chinese reports do.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph as DocxParagraph

# The conventional Chinese outline: 一、 （一） 1. （1） ① and decimals below.
CHINESE_OUTLINE: tuple[tuple[str, str], ...] = (
    ("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）"),
    ("decimalEnclosedCircle", "%5"), ("decimal", "%6."), ("decimal", "%7."), ("decimal", "%8."), ("decimal", "%9."),
)

_HEADING_LISTS: weakref.WeakKeyDictionary[object, str] = weakref.WeakKeyDictionary()


def _numbering(doc: DocxDocument):  # -> CT_Numbering
    return doc.part.numbering_part.element


def _next_id(doc: DocxDocument, tag: str, attr: str) -> int:
    ids = [int(el.get(qn(attr))) for el in _numbering(doc).iter(qn(tag)) if el.get(qn(attr), "").isdigit()]
    return max(ids, default=0) + 1


def new_abstract(doc: DocxDocument, levels: Sequence[tuple[str, str]], *, start: int = 1,
                 suffix: str = "nothing") -> str:
    """Define a list (abstractNum) with one (numFmt, lvlText) per level; returns its id."""
    aid = str(_next_id(doc, "w:abstractNum", "w:abstractNumId"))
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:suff w:val="{suffix}"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    el = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
                   f'<w:multiLevelType w:val="{"multilevel" if len(levels) > 1 else "singleLevel"}"/>{lvls}'
                   f"</w:abstractNum>")
    numbering = _numbering(doc)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:  # the schema wants every abstractNum before the first num
        first_num.addprevious(el)
    else:
        numbering.append(el)
    return aid


def new_num(doc: DocxDocument, abstract_id: str, *, restart: dict[int, int] | None = None) -> str:
    """A list instance (w:num) of `abstract_id`; `restart` = {level: start} writes startOverrides."""
    nid = str(_next_id(doc, "w:num", "w:numId"))
    overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl - 1}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                        for lvl, start in (restart or {}).items())
    _numbering(doc).append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}">'
                                     f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))
    return nid


def new_list(doc: DocxDocument, levels: Sequence[tuple[str, str]], *, start: int = 1) -> str:
    """A fresh list with its own counters; returns the numId to number paragraphs with."""
    return new_num(doc, new_abstract(doc, levels, start=start))


def set_number(paragraph: DocxParagraph, num_id: str, level: int = 1) -> DocxParagraph:
    """Number an existing paragraph: w:numPr with w:ilvl = level - 1 and w:numId."""
    ppr = paragraph._p.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    numpr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/><w:numId w:val="{num_id}"/></w:numPr>')
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(numpr)
    else:
        ppr.insert(0, numpr)
    return paragraph


def numbered_paragraph(doc: DocxDocument, text: str, num_id: str, level: int = 1, *,
                       bold: bool = False, style: str | None = None) -> DocxParagraph:
    p = doc.add_paragraph(style=style)
    p.add_run(text).bold = bold
    return set_number(p, num_id, level)


def heading_list(doc: DocxDocument) -> str:
    """The document's one heading list (the Chinese outline), created on first use; its numId."""
    key = doc.part
    if key not in _HEADING_LISTS:
        _HEADING_LISTS[key] = new_list(doc, CHINESE_OUTLINE)
    return _HEADING_LISTS[key]


def _set_level(doc: DocxDocument, num_id: str, level: int, fmt: str | None, lvl_text: str | None) -> None:
    """Make the heading list's level use fmt/lvl_text (before the document is saved)."""
    num = next(n for n in _numbering(doc).iter(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    aid = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in _numbering(doc).iter(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == aid)
    lvl = next(lv for lv in abstract.iter(qn("w:lvl")) if lv.get(qn("w:ilvl")) == str(level - 1))
    if fmt is not None:
        lvl.find(qn("w:numFmt")).set(qn("w:val"), fmt)
    if lvl_text is not None:
        lvl.find(qn("w:lvlText")).set(qn("w:val"), lvl_text)


def numbered_heading(doc: DocxDocument, title: str, level: int = 1, fmt: str | None = None,
                     lvl_text: str | None = None, *, style: str | None = None, bold: bool = True) -> DocxParagraph:
    """A heading numbered by the document's heading list: the text holds only the title.

    fmt/lvl_text override the outline's level (e.g. fmt="ideographTraditional", lvl_text="%1、"
    for 甲、乙、); `style` (e.g. "Heading 1") adds a heading style on top of the number.
    """
    num_id = heading_list(doc)
    if fmt is not None or lvl_text is not None:
        _set_level(doc, num_id, level, fmt, lvl_text)
    return numbered_paragraph(doc, title, num_id, level, bold=bold, style=style)


def link_style(doc: DocxDocument, style_name: str, num_id: str, level: int = 1) -> None:
    """Put the numbering on a paragraph style, as Word's "link level to style" does: paragraphs in
    that style are numbered without a numPr of their own."""
    style = doc.styles[style_name].element
    ppr = style.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level - 1}"/>'
                            f'<w:numId w:val="{num_id}"/></w:numPr>'))

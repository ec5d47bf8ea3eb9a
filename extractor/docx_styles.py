"""Paragraph and character styles, resolved once through their basedOn chains.

Whether a line is a heading often lives in the style rather than the paragraph: Word's "heading 1"
carries outline level 0 and bold; WPS names it 标题 1 or hangs the outline level on a custom style
based on another; a style can even carry the automatic numbering. Resolving each style's chain
once keeps the per-paragraph work to a dictionary look-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from extractor.docx_xml import W_ILVL, W_NUMID, W_NUMPR, W_PPR, W_RPR, W_VAL, int_attr, on, w

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = {"title", "标题", "主标题"}
_TOC_NAME = re.compile(r"^(?:toc|目录)\s*(?:\d|heading|标题)?$", re.IGNORECASE)


@dataclass(slots=True)
class Style:
    """The effective properties of one style (its own, else inherited along basedOn)."""

    id: str
    name: str
    based_on: str | None = None
    outline: int | None = None  # 1-based outline level; None for body text (Word's 9)
    num_id: str | None = None
    num_ilvl: int | None = None
    bold: bool | None = None
    size: int | None = None  # half-points
    center: bool | None = None
    page_break_before: bool | None = None

    @property
    def heading_level(self) -> int | None:
        """Level from the style *name* (heading 1 / 标题 1), the way Word's navigation pane sees it."""
        m = _HEADING_NAME.match(self.name.strip())
        return int(m.group(1)) if m else None

    @property
    def is_title(self) -> bool:
        return self.name.strip().lower() in _TITLE_NAMES

    @property
    def is_toc(self) -> bool:
        return _TOC_NAME.match(self.name.strip()) is not None


_INHERITED = ("outline", "num_id", "num_ilvl", "bold", "size", "center", "page_break_before")


class Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, Style] = {}
        self.default_paragraph: Style = Style(id="", name="Normal")
        self.default_size = 21  # Word's built-in default, 10.5 pt (五号)
        if root is None:
            return
        self._read_defaults(root)
        default_id = None
        for el in root.iter(w("style")):
            sid = el.get(w("styleId")) or ""
            name_el = el.find(w("name"))
            style = _own(el, sid, name_el.get(W_VAL, sid) if name_el is not None else sid)
            self.by_id[sid] = style
            if el.get(w("type"), "paragraph") == "paragraph" and el.get(w("default")) in ("1", "true", "on"):
                default_id = sid
        for sid in self.by_id:
            self._resolve(sid, set())
        if default_id not in self.by_id:  # LibreOffice omits w:default; Word's own is "Normal"
            default_id = next((sid for sid, st in self.by_id.items() if st.name in ("Normal", "正文")), None)
        if default_id in self.by_id:
            self.default_paragraph = self.by_id[default_id]

    def _read_defaults(self, root: etree._Element) -> None:
        rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{W_RPR}")
        if rpr is not None:
            size = int_attr(rpr.find(w("sz")))
            if size:
                self.default_size = size

    def _resolve(self, sid: str, seen: set[str]) -> Style:
        style = self.by_id[sid]
        parent_id = style.based_on
        if parent_id and parent_id in self.by_id and parent_id not in seen:
            seen.add(sid)
            parent = self._resolve(parent_id, seen)
            for attr in _INHERITED:
                if getattr(style, attr) is None:
                    setattr(style, attr, getattr(parent, attr))
            style.based_on = None  # resolved: later look-ups need not walk again
        return style

    def paragraph(self, style_id: str | None) -> Style:
        if style_id is None:
            return self.default_paragraph
        return self.by_id.get(style_id, self.default_paragraph)

    def character(self, style_id: str) -> Style | None:
        return self.by_id.get(style_id)

    @property
    def body_size(self) -> int:
        return self.default_paragraph.size or self.default_size


def _own(el: etree._Element, sid: str, name: str) -> Style:
    style = Style(id=sid, name=name)
    based = el.find(w("basedOn"))
    if based is not None:
        style.based_on = based.get(W_VAL)
    ppr = el.find(W_PPR)
    if ppr is not None:
        lvl = int_attr(ppr.find(w("outlineLvl")))
        if lvl is not None:
            style.outline = lvl + 1 if 0 <= lvl < 9 else 0  # 0 = explicitly body text, stops inheritance
        numpr = ppr.find(W_NUMPR)
        if numpr is not None:
            num = numpr.find(W_NUMID)
            style.num_id = num.get(W_VAL) if num is not None else None
            style.num_ilvl = int_attr(numpr.find(W_ILVL))
        jc = ppr.find(w("jc"))
        if jc is not None:
            style.center = jc.get(W_VAL) == "center"
        pbb = ppr.find(w("pageBreakBefore"))
        if pbb is not None:
            style.page_break_before = on(pbb)
    rpr = el.find(W_RPR)
    if rpr is not None:
        b = rpr.find(w("b"))
        if b is not None:
            style.bold = on(b)
        size = int_attr(rpr.find(w("sz")))
        if size:
            style.size = size
    return style

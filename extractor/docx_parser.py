"""Word .docx → Document, reading the package's XML directly.

The body is walked once with lxml (w:body children in order) instead of through python-docx
objects: that is what makes automatic numbers, merged cells, checkbox controls and page breaks
visible, and it is several times faster. Parts are found through the package relationships and
read with the zip's declared sizes checked first, so a zip bomb or a billion-laughs part is
refused or left unexpanded rather than exhausting the worker.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from typing import ClassVar

from lxml import etree

from extractor.base import OVER_LIMIT, UNREADABLE, ExtractError, Format, Limits, Source
from extractor.containers import open_zip
from extractor.docx_numbering import Numbering
from extractor.docx_outline import Line, build_blocks
from extractor.docx_pictures import picture_seals, relationship_targets
from extractor.docx_styles import Styles
from extractor.docx_tables import build_table, frame_cell
from extractor.docx_text import TextReader
from extractor.docx_xml import W_CUSTOMXML, W_P, W_SDT, W_SDTCONTENT, W_SDTPR, W_TBL, W_VAL, parse_part, w
from extractor.model import Document, Location, Meta, Paragraph, Table

_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


class _Package:
    """The zip, checked for bombs, and the parts the main document's relationships name."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        self.zip = open_zip(data, limits, "Word 文档")
        self.infos = {i.filename: i for i in self.zip.infolist()}
        rels = self._rels("_rels/.rels", "")
        self.main = rels.get("officeDocument", ["word/document.xml"])[0]
        self.rels_name = posixpath.join(posixpath.dirname(self.main), "_rels", posixpath.basename(self.main) + ".rels")
        self.doc_rels = self._rels(self.rels_name, posixpath.dirname(self.main))
        self.meta_parts = {kind: rels.get(kind, [default])[0] for kind, default in
                           (("extended-properties", "docProps/app.xml"), ("core-properties", "docProps/core.xml"))}

    def read(self, name: str) -> bytes | None:
        info = self.infos.get(name)
        if info is None:
            return None
        try:
            with self.zip.open(info) as f:
                return f.read(info.file_size + 1)[: info.file_size]
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as e:
            raise ExtractError(UNREADABLE, f"Word 文档内部文件 {name} 已损坏（{e}）", part=name) from None

    def xml(self, name: str) -> etree._Element | None:
        data = self.read(name)
        return parse_part(data, name) if data is not None else None

    def _rels(self, name: str, base: str) -> dict[str, list[str]]:
        """Relationship targets by the last segment of their type ("styles", "header", …)."""
        out: dict[str, list[str]] = {}
        root = self.xml(name)
        if root is None:
            return out
        for rel in root.iter(_REL_NS):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], []).append(path)
        return out

    def part(self, kind: str, default: str) -> str:
        return self.doc_rels.get(kind, [posixpath.join(posixpath.dirname(self.main), default)])[0]


def _page_mode(document: bytes, styles: bytes | None) -> str | None:
    """Word's own layout (w:lastRenderedPageBreak) when saved with it, else the hard breaks, else none."""
    if b"lastRenderedPageBreak" in document:
        return "rendered"
    if (b'type="page"' in document or b"pageBreakBefore" in document or document.count(b":sectPr") > 2
            or (styles is not None and b"pageBreakBefore" in styles)):
        return "explicit"
    return None


class _BodyWalker:
    """w:body into Lines and Tables in reading order. Body paragraphs are numbered 1, 2, … as Word
    counts them, so a finding can name one; a 1x1 table is a frame drawn around text and is read as
    that text (its headings nest under the body's), not as a table."""

    def __init__(self, reader: TextReader) -> None:
        self.reader = reader
        self.items: list[Line | Table] = []
        self.index = 0
        self.toc = False
        self.frame = 0  # > 0 while inside the n-th 1x1 frame table
        self._frames = 0

    def walk(self, el: etree._Element, top: bool = True) -> None:
        for c in el:
            tag = c.tag
            if tag == W_P:
                if top:
                    self.index += 1
                info = self.reader.paragraph(c)
                loc = Location(page=info.page, paragraph=self.index or None)
                if info.text or info.images:  # a picture alone (a scanned certificate) is content too
                    self.items.append(Line(info.text, loc, info, self.toc, self.frame))
                self.items.extend(Line(t, loc, None) for t in info.textboxes)
            elif tag == W_TBL:
                self.reader.before_block()
                cell = frame_cell(c)
                if cell is not None:
                    outer, self._frames = self.frame, self._frames + 1
                    self.frame = self._frames
                    self.walk(cell, top=False)
                    self.frame = outer
                else:
                    loc = Location(page=self.reader.current_page, paragraph=self.index or None)
                    self.items.append(build_table(c, self.reader.cell_content, loc))
            elif tag == W_SDT:
                content = c.find(W_SDTCONTENT)
                if content is not None:
                    was, self.toc = self.toc, self.toc or _is_toc(c)
                    self.walk(content, top)
                    self.toc = was
            elif tag == W_CUSTOMXML:
                self.walk(c, top)


def _is_toc(sdt: etree._Element) -> bool:
    gallery = sdt.find(f"{W_SDTPR}/{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and "Contents" in gallery.get(W_VAL, "")


def _pages(app: dict[str, str], reader: TextReader, *, has_text: bool) -> int | None:
    """The page count: app.xml's <Pages>, unless it is a placeholder, but never fewer than the page
    breaks seen.

    <Pages> is what the application that last laid the document out counted, and a file no word
    processor saved carries whatever its template said: python-docx copies the app.xml of an empty
    Word 2010 page (Pages 1, Words 0, Characters 0) into every file it writes. Statistics that
    count no character in a document with text were never computed, so their Pages is not
    believed; with no page break to go by either, the count is unknown (None), not a wrong 1.
    """
    declared = int(app["Pages"]) if app.get("Pages", "").isdecimal() and int(app["Pages"]) > 0 else None
    if has_text and app.get("Words") == "0" and app.get("Characters") == "0":
        declared = None
    seen = reader.page if reader.pages else None
    return max(declared or 0, seen or 0) or None


def _props(root: etree._Element | None) -> dict[str, str]:
    """Top-level elements of app.xml / core.xml by local name (their namespaces vary)."""
    if root is None:
        return {}
    return {etree.QName(c).localname: (c.text or "").strip() for c in root if isinstance(c.tag, str)}


class DocxParser:
    name: ClassVar[str] = "docx"
    formats: ClassVar[tuple[Format, ...]] = (Format("docx", "Word 文档", "word/document.xml"),)
    kinds: ClassVar[frozenset[str]] = frozenset({"docx"})

    def accepts(self, source: Source) -> bool:
        return source.kind in self.kinds

    def convert(self, source: Source, limits: Limits) -> Document:
        pkg = _Package(source.data, limits)
        data = pkg.read(pkg.main)
        if data is None:
            raise ExtractError(UNREADABLE, f"Word 文档缺少正文部件（{pkg.main}），文件不完整或已损坏", part=pkg.main)
        root = parse_part(data, pkg.main)
        body = root.find(w("body"))
        if body is None:
            raise ExtractError(UNREADABLE, "Word 文档正文结构无法识别（缺少 w:body）", part=pkg.main)
        styles_name = pkg.part("styles", "styles.xml")
        styles_data = pkg.read(styles_name)
        styles = Styles(parse_part(styles_data, styles_name) if styles_data is not None else None)
        numbering = Numbering(pkg.xml(pkg.part("numbering", "numbering.xml")), styles)
        reader = TextReader(styles, numbering, _page_mode(data, styles_data))
        walker = _BodyWalker(reader)
        walker.walk(body)
        blocks, title_line = build_blocks(walker.items, styles.body_size)

        app, core = _props(pkg.xml(pkg.meta_parts["extended-properties"])), _props(pkg.xml(pkg.meta_parts["core-properties"]))
        pages = _pages(app, reader, has_text=any(isinstance(item, Line) and item.text for item in walker.items))
        if pages is not None and pages > limits.max_pages:
            raise ExtractError(OVER_LIMIT, f"文档共 {pages} 页，超过上限 {limits.max_pages} 页",
                               limit="max_pages", actual=pages, expected=limits.max_pages)
        meta = Meta(format="docx", filename=source.filename, pages=pages, producer=app.get("Application") or None,
                    title=title_line or core.get("title") or None)
        targets = relationship_targets(pkg.xml(pkg.rels_name), posixpath.dirname(pkg.main))
        return Document(blocks=blocks, meta=meta, furniture=self._furniture(pkg, styles),
                        seals=picture_seals(body, targets, pkg.read) if b"<a:blip" in data or b"blip " in data else [])

    @staticmethod
    def _furniture(pkg: _Package, styles: Styles) -> list[Paragraph]:
        """Running headers and footers, each distinct line once (first/even/default pages repeat them)."""
        reader = TextReader(styles, None, None)
        out: list[Paragraph] = []
        seen: set[str] = set()
        for kind in ("header", "footer"):
            for name in pkg.doc_rels.get(kind, []):
                root = pkg.xml(name)
                for text in reader.container_lines(root) if root is not None else []:
                    if text not in seen:
                        seen.add(text)
                        out.append(Paragraph(text=text, loc=Location(), style=kind))
        return out

"""PDF submissions, with a text layer or scanned, into a Document.

pdfium reads every page (fast text, fonts, rulings); pdfplumber's table finder turns rulings into
cells on the pages that have any; pages without a usable text layer are recognised by OCR and say
so in an F004 notice, because a checker must know that 字数 and names came from a recognition.
"""

from __future__ import annotations

import logging
import time
from typing import ClassVar

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor import ocr, scan_page, seals
from extractor.base import ENCRYPTED, NO_TEXT, OVER_LIMIT, UNREADABLE, ExtractError, Format, Limits, Source
from extractor.model import Document, Meta, Notice, Paragraph, Seal, Signature
from extractor.model import Location as Loc
from extractor.pdf_layout import Bookmark, PageContent, build_blocks
from extractor.pdf_lines import Frame, Line, mark_furniture, read_lines
from extractor.pdf_tables import FoundTable, PlumberPages, find_tables, scan_objects
from extractor.scan_page import PageScan, Rendered
from extractor.scan_reader import PageReader, describe_seals, picture_seals

logging.getLogger("pypdfium2").setLevel(logging.ERROR)
_BOX_MARGIN = 3.5  # points: a detected line's box is its text plus about this much (what sizes compare)


class PdfParser:
    name: ClassVar[str] = "pdf"
    formats: ClassVar[tuple[Format, ...]] = (Format("pdf", "PDF 文件"),)
    kinds: ClassVar[frozenset[str]] = frozenset({"pdf"})

    def accepts(self, source: Source) -> bool:
        return source.kind in self.kinds

    def convert(self, source: Source, limits: Limits) -> Document:
        pdf = _open(source.data)
        plumber = PlumberPages(source.data)
        try:
            return _Conversion(pdf, plumber, source, limits).run()
        finally:
            plumber.close()
            pdf.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ExtractError(ENCRYPTED, "PDF 已加密，需要密码才能打开；请提交未加密的文件") from None
        raise ExtractError(UNREADABLE, f"PDF 文件已损坏或无法解析（{e}）") from None


class _Conversion:
    def __init__(self, pdf: pdfium.PdfDocument, plumber: PlumberPages, source: Source, limits: Limits) -> None:
        self.pdf, self.plumber, self.source, self.limits = pdf, plumber, source, limits
        self.started = time.monotonic()
        self.ocr_pages: list[int] = []
        self.unread_pages: list[int] = []  # scanned, but OCR off or unavailable
        self.confidences: list[float] = []
        self.ocr_seconds = 0.0
        self.engine: ocr.OcrEngine | None = None
        self.seals: list[Seal] = []
        self.signatures: list[Signature] = []
        self.straightened: list[tuple[int, int, float]] = []  # (page, quarter turns in degrees, skew)

    def run(self) -> Document:
        n = len(self.pdf)
        if n > self.limits.max_pages:
            raise ExtractError(OVER_LIMIT, f"PDF 共 {n} 页，超过上限 {self.limits.max_pages} 页",
                               limit="max_pages", actual=n, expected=self.limits.max_pages)
        pages: list[PageContent | None] = [None] * n
        heights: list[float] = []
        reader = PageReader(self.limits, n)
        try:
            for i in range(n):
                page = self.pdf[i]
                try:
                    heights.append(Frame.of(page).height)
                    got = self._page(page, i + 1)
                finally:
                    page.close()
                if isinstance(got, PageContent):
                    pages[i] = got
                    reader.done(1)
                    continue
                self._check_time()
                for k, scan in reader.submit(i, got):
                    pages[k] = self._scanned(scan, k + 1, heights)
            for k, scan in reader.finish():
                pages[k] = self._scanned(scan, k + 1, heights)
        finally:
            reader.close()
        contents = [p for p in pages if p is not None]
        for p in contents:
            p.height = heights[p.number - 1]  # where the cover's upper half ends
        mark_furniture([p.lines for p in contents], heights)
        blocks = build_blocks(contents, self._bookmarks())
        if not blocks:
            raise self._no_text(n)
        furniture = [Paragraph(text=ln.text, loc=Loc(page=ln.page, line=ln.number))
                     for p in contents for ln in p.lines if ln.furniture]
        meta = self._meta(n)
        cover = next((b.text for b in blocks if isinstance(b, Paragraph) and b.role == "title"), None)
        meta.title = cover or meta.title  # the cover's title block before the file's Title property
        return Document(blocks=blocks, meta=meta, furniture=furniture, notices=self._notices(),
                        seals=self.seals, signatures=self.signatures)

    def _page(self, page: pdfium.PdfPage, number: int) -> PageContent | Rendered:
        """The page's content from its text layer, or its picture for OCR."""
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            objects = scan_objects(page)
            if ocr.needs_ocr(text, objects.image_area):
                if self._engine() is None:
                    self.unread_pages.append(number)
                    return PageContent(number, [])
                return scan_page.render(page)
            if objects.image_area > 0:
                self.seals.extend(picture_seals(page, number))
            lines = read_lines(page, textpage, number, text)
            return PageContent(number, lines, find_tables(page, textpage, objects, number, self.plumber))
        finally:
            textpage.close()

    def _engine(self) -> ocr.OcrEngine | None:
        if self.engine is None and self.limits.ocr:
            self.engine = ocr.get_engine()
        return self.engine

    def _check_time(self) -> None:
        if time.monotonic() - self.started > self.limits.seconds:
            raise ExtractError(OVER_LIMIT, f"OCR 识别超过时限 {self.limits.seconds:.0f} 秒（已识别 "
                               f"{len(self.ocr_pages)} 页）", limit="seconds", expected=self.limits.seconds)

    def _scanned(self, scan: PageScan, number: int, heights: list[float]) -> PageContent:
        """A recognised page in points on the page as it stands upright."""
        k = 72 / scan.dpi
        heights[number - 1] = scan.height * k
        self.ocr_pages.append(number)
        self.ocr_seconds += scan.seconds
        self.confidences.extend(x.confidence for x in scan.words)
        if scan.turned or abs(scan.skew) >= 0.3:
            self.straightened.append((number, scan.turned, scan.skew))
        lines = [Line(text=x.text, page=number, x0=x.x0 * k, top=x.top * k, x1=x.x1 * k, bottom=x.bottom * k,
                      size=round(max(1.0, (x.bottom - x.top) * k - _BOX_MARGIN), 1), number=n,
                      confidence=x.confidence)
                 for n, x in enumerate(scan.lines, 1)]
        tables = []
        for t in scan.tables:
            t.table.loc = Loc(page=number)
            tables.append(FoundTable(tuple(v * k for v in t.box), t.table))  # type: ignore[arg-type]
        for s in scan.seals:
            self.seals.append(Seal(loc=Loc(page=number), shape=s.shape, colour=s.colour, text=s.text,  # type: ignore[arg-type]
                                   box=tuple(v * k for v in s.box), source="scan",  # type: ignore[arg-type]
                                   near=seals.texts_near(s, scan.words)))
        for g in scan.signatures:
            line = next((ln.number for ln in lines if g.label in ln.text), None)
            self.signatures.append(Signature(loc=Loc(page=number, line=line), label=g.label,
                                             box=tuple(v * k for v in g.box)))  # type: ignore[arg-type]
        return PageContent(number, lines, tables)

    def _bookmarks(self) -> list[Bookmark]:
        out = []
        try:
            for b in self.pdf.get_toc(max_depth=6):
                dest = b.get_dest()
                index = dest.get_index() if dest is not None else None
                out.append(Bookmark(b.get_title().strip(), b.level, index + 1 if index is not None else None))
        except pdfium.PdfiumError:
            return out
        return [b for b in out if b.title]

    def _meta(self, n: int) -> Meta:
        info = self.pdf.get_metadata_dict()
        return Meta(format="pdf", filename=self.source.filename, pages=n,
                    scanned=bool(self.ocr_pages or self.unread_pages),
                    ocr_engine=self.engine.name if self.ocr_pages and self.engine else None,
                    ocr_confidence=self._confidence() if self.ocr_pages else None, ocr_pages=sorted(self.ocr_pages),
                    producer=(info.get("Producer") or "").strip() or None,
                    title=(info.get("Title") or "").strip() or None)

    def _confidence(self) -> float:
        """Mean over the recognised lines, rounded once so the notice and Meta say the same."""
        return round(sum(self.confidences) / len(self.confidences), 3) if self.confidences else 0.0

    def _notices(self) -> list[Notice]:
        out = []
        if self.ocr_pages and self.engine:
            conf = self._confidence()
            per_page = self.ocr_seconds / len(self.ocr_pages)
            found = describe_seals([s for s in self.seals if s.source == "scan"])
            turned = "".join(f"；第{p}页{'倒置' if t == 180 else '横置' if t else '歪斜'}，已" +
                             ("转正" if t else f"纠偏 {skew:+.1f}°") for p, t, skew in self.straightened[:5])
            out.append(Notice(NO_TEXT, "info",
                              f"第{page_ranges(sorted(self.ocr_pages))}页无可用文字层，已用OCR识别（{self.engine.name}），"
                              f"平均置信度 {conf:.2f}" + turned + (f"；{found}" if found else ""),
                              {"pages": sorted(self.ocr_pages), "engine": self.engine.name,
                               "confidence": conf, "seconds_per_page": round(per_page, 2),
                               "seals": [x.to_dict() for x in self.seals if x.source == "scan"],
                               "straightened": [list(x) for x in self.straightened]}))
        if self.unread_pages:
            why = "OCR 已关闭" if not self.limits.ocr else "没有可用的 OCR 引擎"
            out.append(Notice(NO_TEXT, "warning",
                              f"第{page_ranges(self.unread_pages)}页无可用文字层，未识别（{why}），这些页的内容未检查",
                              {"pages": list(self.unread_pages)}))
        return out

    def _no_text(self, n: int) -> ExtractError:
        if self.unread_pages:
            why = "OCR 已关闭" if not self.limits.ocr else "没有可用的 OCR 引擎（rapidocr 或 tesseract chi_sim）"
            return ExtractError(NO_TEXT, f"PDF 没有可用的文字层（扫描件），{why}，无法读取内容",
                                pages=list(self.unread_pages))
        if self.ocr_pages:
            return ExtractError(NO_TEXT, f"PDF 为扫描件，OCR 未识别出文字（第{page_ranges(sorted(self.ocr_pages))}页）",
                                pages=sorted(self.ocr_pages))
        return ExtractError(NO_TEXT, f"PDF 共 {n} 页，没有可读取的文字")


def page_ranges(pages: list[int]) -> str:
    """[1, 2, 3, 5] -> "1–3、5"."""
    out: list[str] = []
    start = prev = pages[0]
    for p in [*pages[1:], None]:
        if p is not None and p == prev + 1:
            prev = p
            continue
        out.append(f"{start}–{prev}" if prev > start else str(start))
        if p is not None:
            start = prev = p
    return "、".join(out)

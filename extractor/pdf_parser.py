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

from extractor import ocr
from extractor.base import ENCRYPTED, NO_TEXT, OVER_LIMIT, UNREADABLE, ExtractError, Format, Limits, Source
from extractor.model import Document, Meta, Notice, Paragraph
from extractor.model import Location as Loc
from extractor.pdf_layout import Bookmark, PageContent, build_blocks
from extractor.pdf_lines import Frame, Line, mark_furniture, read_lines
from extractor.pdf_tables import PlumberPages, find_tables, scan_objects

logging.getLogger("pypdfium2").setLevel(logging.ERROR)


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

    def run(self) -> Document:
        n = len(self.pdf)
        if n > self.limits.max_pages:
            raise ExtractError(OVER_LIMIT, f"PDF 共 {n} 页，超过上限 {self.limits.max_pages} 页",
                               limit="max_pages", actual=n, expected=self.limits.max_pages)
        pages: list[PageContent] = []
        heights: list[float] = []
        for i in range(n):
            page = self.pdf[i]
            try:
                heights.append(Frame.of(page).height)
                pages.append(self._page(page, i + 1))
            finally:
                page.close()
        mark_furniture([p.lines for p in pages], heights)
        blocks = build_blocks(pages, self._bookmarks())
        if not blocks:
            raise self._no_text(n)
        furniture = [Paragraph(text=ln.text, loc=Loc(page=ln.page, line=ln.number))
                     for p in pages for ln in p.lines if ln.furniture]
        meta = self._meta(n)
        cover = next((b.text for b in blocks if isinstance(b, Paragraph) and b.role == "title"), None)
        meta.title = cover or meta.title
        return Document(blocks=blocks, meta=meta, furniture=furniture, notices=self._notices())

    def _page(self, page: pdfium.PdfPage, number: int) -> PageContent:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            objects = scan_objects(page)
            if ocr.needs_ocr(text, objects.image_area):
                return PageContent(number, self._recognise(page, number), height=Frame.of(page).height)
            lines = read_lines(page, textpage, number, text)
            return PageContent(number, lines, find_tables(page, textpage, objects, number, self.plumber),
                               Frame.of(page).height)
        finally:
            textpage.close()

    def _recognise(self, page: pdfium.PdfPage, number: int) -> list[Line]:
        engine = ocr.get_engine() if self.limits.ocr else None
        if engine is None:
            self.unread_pages.append(number)
            return []
        if time.monotonic() - self.started > self.limits.seconds:
            raise ExtractError(OVER_LIMIT, f"OCR 识别超过时限 {self.limits.seconds:.0f} 秒（已识别 "
                               f"{len(self.ocr_pages)} 页）", limit="seconds", expected=self.limits.seconds)
        self.engine = engine
        t0 = time.monotonic()
        scale = min(ocr.DPI / 72, ocr.MAX_SIDE / max(page.get_width(), page.get_height(), 1.0))
        found = engine.recognize(page.render(scale=scale).to_pil())
        self.ocr_seconds += time.monotonic() - t0
        self.ocr_pages.append(number)
        self.confidences.extend(x.confidence for x in found)
        return [Line(text=x.text, page=number, x0=x.x0 / scale, top=x.top / scale, x1=x.x1 / scale,
                     bottom=x.bottom / scale, size=round((x.bottom - x.top) / scale * 0.8, 1), number=k,
                     confidence=x.confidence) for k, x in enumerate(found, 1)]

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
                    ocr_confidence=self._confidence() if self.ocr_pages else None, ocr_pages=list(self.ocr_pages),
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
            out.append(Notice(NO_TEXT, "info",
                              f"第{page_ranges(self.ocr_pages)}页无可用文字层，已用OCR识别（{self.engine.name}），"
                              f"平均置信度 {conf:.2f}",
                              {"pages": list(self.ocr_pages), "engine": self.engine.name,
                               "confidence": conf, "seconds_per_page": round(per_page, 2)}))
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
            return ExtractError(NO_TEXT, f"PDF 为扫描件，OCR 未识别出文字（第{page_ranges(self.ocr_pages)}页）",
                                pages=list(self.ocr_pages))
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

"""Scanned pages read in parallel, the progress of a long file reported, and seals described.

pdfium is not thread-safe, so the parser renders pages one after another in its own thread and
hands each picture to a small pool that recognises `WORKERS` pages at once (each ONNX session call
on one core; OpenCV and ONNX Runtime release the GIL). At most one page more than the pool is busy
with waits rendered, so a 500-page scan holds a few page images in memory, not 500.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import pypdfium2 as pdfium

from extractor import ocr, scan_page, seals
from extractor.base import Limits
from extractor.model import Location, Seal
from extractor.scan_page import PageScan, Rendered


def workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


WORKERS = workers()


class PageReader:
    """submit() a rendered page, get back the pages finished meanwhile, in page order."""

    def __init__(self, limits: Limits, total: int) -> None:
        self.limits = limits
        self.pool: ThreadPoolExecutor | None = None
        self.pending: deque[tuple[int, Future[PageScan]]] = deque()
        self.count = 0
        self.total = total
        self.engine: ocr.OcrEngine | None = None

    def done(self, pages: int) -> None:
        self.count += pages
        if self.limits.progress and self.total:
            self.limits.progress(self.count, self.total)

    def submit(self, index: int, rendered: Rendered) -> Iterator[tuple[int, PageScan]]:
        if self.pool is None:
            self.engine = ocr.get_engine()
            self.pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="ocr")
        assert self.engine is not None
        self.pending.append((index, self.pool.submit(_read, rendered, self.engine)))
        while len(self.pending) > WORKERS:
            yield self._next()

    def finish(self) -> Iterator[tuple[int, PageScan]]:
        while self.pending:
            yield self._next()

    def _next(self) -> tuple[int, PageScan]:
        index, future = self.pending.popleft()
        scan = future.result()
        self.done(1)
        return index, scan

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _read(rendered: Rendered, engine: ocr.OcrEngine) -> PageScan:
    t0 = time.perf_counter()
    scan = scan_page.read_page(rendered, engine)
    scan.seconds = time.perf_counter() - t0
    return scan


def picture_seals(page: pdfium.PdfPage, number: int) -> list[Seal]:
    """Seals in the colour pictures of a text page (an electronic seal, a pasted scan of one)."""
    if not scan_page.colour_images(page):
        return []
    r = scan_page.render(page, dpi=100)
    if r.colour is None or not seals.has_red(r.colour):
        return []
    k = 72 / r.dpi
    return [Seal(loc=Location(page=number), shape=s.shape, colour=s.colour,  # type: ignore[arg-type]
                 box=tuple(v * k for v in s.box), source="picture")  # type: ignore[arg-type]
            for s in seals.find_seals(r.colour, r.dpi)]


def describe_seals(found: list[Seal]) -> str:
    """"第2页发现红色印章 1 枚：十堰经开区管委会；第5页发现红色印章 2 枚" — what the report shows."""
    by_page: dict[int | None, list[Seal]] = {}
    for s in found:
        by_page.setdefault(s.loc.page, []).append(s)
    parts = []
    for page, group in by_page.items():
        names = "、".join(s.text for s in group if s.text)
        where = f"第{page}页" if page else ""
        parts.append(f"{where}发现红色印章 {len(group)} 枚" + (f"：{names}" if names else ""))
    return "；".join(parts)

"""OCR on scans whose text is known: seconds a page and character error rate, ours against v0.1's
settings and Tesseract chi_sim, on the same pages in one run.

    .venv/bin/python bench/bench_ocr.py [--pages 12] [--engines ours,v0.1,tesseract] [--file-pages 16]

The pages are typed samples (LibreOffice renders the .docx; the text PDF is used as is) scanned by
`samples.scanner`: at 150 dpi with +0.6° skew, and at 200 dpi with -1.2° skew and a red seal stamped
over text — grey, speckled, blurred, JPEG. The truth of a page is its typed text layer, put in the
same reading order as the OCR output (rows of side-by-side boxes, `ocr.merge_rows`). CER is the
edit distance over the truth's length, both sides normalised (NFKC, punctuation, no whitespace),
summed over pages. s/page is the median over pages of the wall time from the scanned PDF page to
its lines (render included), one page at a time; `cpu` is the process CPU time a page took, which
a busy machine inflates less. Then one 16-page scanned 工作总结 goes through `extract` as a user's
file does (pages in parallel across the cores): wall seconds a page. The load average is printed
beside every figure: the machine is shared.

Target: ours ≤ 1.0 s/page (median, warm engine, 2 cores) with CER ≤ v0.1's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FILES = ROOT / "samples" / "files"

from extractor import ocr  # noqa: E402
from extractor.normalize import normalize  # noqa: E402
from extractor.pdf_lines import read_lines  # noqa: E402
from samples.scanner import Scan, Seal, scan_pdf, typed_pdfs  # noqa: E402

# (typed source, 0-based pages): prose, tables with merges, forms with tick boxes and 盖章 places
SOURCES = [
    ("pdf_text_report.pdf", [2, 3, 6, 9]),
    ("hubei-2024-stats_ok.docx", [0, 1]),
    ("torch-2021-application_ok.docx", [0, 1, 2]),
    ("hubei-growth-2021-application_ok.docx", [0, 1]),
    ("hubei-growth-2020-handbook_ok.docx", [3, 8]),
    ("hunan-2023-prelim_ok.docx", [4, 12]),
]
SUMMARY = "hubei-2023-summary_ok.docx"  # the 16-page scanned 工作总结 of issue 9
SCANS = {
    "150dpi": Scan(dpi=150, skew=0.6, hand_ticks=False, seed=1),
    "200dpi+seal": Scan(dpi=200, skew=-1.2, hand_ticks=False, seed=2, seal=Seal("十堰经开区管委会"),
                        stamp_at=(0.55, 0.35)),
}


@dataclass
class Page:
    name: str
    pdf: bytes  # a one-page scanned PDF
    truth: str


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f}/{five:.1f}/{fifteen:.1f}"


def truth_text(pdf: bytes, index: int) -> str:
    doc = pdfium.PdfDocument(pdf)
    page = doc[index]
    tp = page.get_textpage()
    lines = read_lines(page, tp, index + 1)
    tp.close()
    doc.close()
    boxes = [ocr.OcrLine(ln.text, ln.x0, ln.top, ln.x1, ln.bottom, 1.0) for ln in lines]
    return "\n".join(x.text for x in ocr.merge_rows(boxes))


def cer_counts(got: str, truth: str) -> tuple[int, int]:
    from rapidfuzz.distance import Levenshtein

    a, b = normalize(got), normalize(truth)
    return Levenshtein.distance(a, b), len(b)


def build_pages(limit: int, work: Path) -> tuple[list[Page], bytes]:
    docx = [FILES / name for name, _ in SOURCES if name.endswith(".docx")] + [FILES / SUMMARY]
    typed = typed_pdfs(docx, work)
    pages: list[Page] = []
    for name, wanted in SOURCES:
        pdf = typed[FILES / name] if name.endswith(".docx") else (FILES / name).read_bytes()
        for i in wanted:
            for label, scan in SCANS.items():
                pages.append(Page(f"{name.split('_')[0]} p{i + 1} {label}", scan_pdf(pdf, scan, [i]),
                                  truth_text(pdf, i)))
    pages = pages[: 2 * limit]
    summary = scan_pdf(typed[FILES / SUMMARY], SCANS["150dpi"], range(16))
    return pages, summary


# --- the engines ---------------------------------------------------------------------------------

def ours() -> Callable[[pdfium.PdfPage], str]:
    from extractor import scan_page

    engine = ocr.get_engine()
    assert engine is not None and engine.name == "rapidocr"

    def read(page: pdfium.PdfPage) -> str:
        found = scan_page.read_page(scan_page.render(page), engine)
        return "\n".join(x.text for x in found.lines)

    return read


def v01() -> Callable[[pdfium.PdfPage], str]:
    """The engine and settings of v0.1 (main before issue 9), rebuilt here to stay comparable."""
    import rapidocr
    from rapidocr import RapidOCR

    models = Path(rapidocr.__file__).parent / "models"
    params: dict[str, object] = {"Global.log_level": "error", "Det.limit_type": "max", "Det.limit_side_len": 1280,
                                 "Det.model_path": str(models / "PP-OCRv6_det_small.onnx"),
                                 "Rec.model_path": str(models / "PP-OCRv6_rec_small.onnx"),
                                 "Cls.model_path": str(models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx")}
    engine = RapidOCR(params=params)

    def read(page: pdfium.PdfPage) -> str:
        scale = min(150 / 72, 4000 / max(page.get_width(), page.get_height(), 1.0))
        result = engine(page.render(scale=scale).to_pil().convert("RGB"))
        if result.boxes is None or result.txts is None or result.scores is None:
            return ""
        out = []
        for box, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
            xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
            if text.strip():
                out.append(ocr.OcrLine(text.strip(), min(xs), min(ys), max(xs), max(ys), float(score)))
        return "\n".join(x.text for x in ocr.merge_rows(out))

    return read


def tesseract() -> Callable[[pdfium.PdfPage], str]:
    engine = ocr.tesseract_engine()
    assert engine is not None, "tesseract with chi_sim is not installed"

    def read(page: pdfium.PdfPage) -> str:
        dpi = 200 if page.get_width() > 700 else 150  # the scan's own resolution
        lines = engine.recognize(page.render(scale=dpi / 72, grayscale=True).to_pil())
        return "\n".join(x.text for x in ocr.merge_rows(lines))

    return read


ENGINES: dict[str, Callable[[], Callable[[pdfium.PdfPage], str]]] = {"ours": ours, "v0.1": v01,
                                                                    "tesseract": tesseract}


def run_engine(name: str, pages: list[Page]) -> dict[str, object]:
    read = ENGINES[name]()
    warm = pdfium.PdfDocument(pages[0].pdf)
    read(warm[0])  # warm the engine
    warm.close()
    walls, cpus, dist, total = [], [], 0, 0
    per_scan: dict[str, list[int]] = {}
    before = load()
    for p in pages:
        doc = pdfium.PdfDocument(p.pdf)
        w0, c0 = time.perf_counter(), time.process_time()
        text = read(doc[0])
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
        doc.close()
        d, n = cer_counts(text, p.truth)
        dist, total = dist + d, total + n
        key = p.name.rsplit(" ", 1)[1]
        acc = per_scan.setdefault(key, [0, 0])
        acc[0] += d
        acc[1] += n
    return {"engine": name, "s/page": statistics.median(walls), "cpu": statistics.median(cpus),
            "cer": dist / max(1, total), "by_scan": {k: v[0] / max(1, v[1]) for k, v in per_scan.items()},
            "load": f"{before} → {load()}"}


def whole_file(pdf: bytes) -> tuple[float, int, str]:
    from extractor import extract

    extract(pdf, "warm.pdf")  # loads the engine
    before = load()
    t0 = time.perf_counter()
    doc = extract(pdf, "scanned-summary.pdf")
    wall = time.perf_counter() - t0
    return wall, doc.meta.pages or 0, f"{before} → {load()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=15, help="typed pages to scan (each scanned twice)")
    ap.add_argument("--engines", default="ours,v0.1,tesseract")
    ap.add_argument("--no-file", action="store_true", help="skip the 16-page whole-file figure")
    ap.add_argument("--sweep", action="store_true",
                    help="ours under each recognition squeeze × detection scale instead (cpu s/page and CER)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_ocr_") as tmp:
        pages, summary = build_pages(args.pages, Path(tmp))
    print(f"{len(pages)} scanned pages ({len(pages) // 2} typed pages × {', '.join(SCANS)}), "
          f"{os.cpu_count()} cores, load {load()}")
    print(f"{'engine':<10} {'s/page':>7} {'cpu s':>6} {'CER':>7}  " + "  ".join(f"{k:>12}" for k in SCANS)
          + "  load 1/5/15 min (before → after)")
    if args.sweep:
        for squeeze in (0.5, 0.4):
            for det in (0.72, 0.6):
                ocr.SQUEEZE, ocr.DET_SCALE = squeeze, det
                r = run_engine("ours", pages)
                print(f"squeeze {squeeze} det {det}: {r['s/page']:.2f} s/page, cpu {r['cpu']:.2f}, CER {r['cer']:.2%}"
                      f"  load {r['load']}")
        return 0
    for name in args.engines.split(","):
        r = run_engine(name, pages)
        by = r["by_scan"]
        assert isinstance(by, dict)
        print(f"{name:<10} {r['s/page']:>7.2f} {r['cpu']:>6.2f} {r['cer']:>7.2%}  "
              + "  ".join(f"{by.get(k, 0):>12.2%}" for k in SCANS) + f"  {r['load']}")
    if not args.no_file:
        wall, n, ld = whole_file(summary)
        print(f"whole file: {n}-page scanned 工作总结 through extract(): {wall:.1f} s, {wall / n:.2f} s/page, "
              f"load {ld}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

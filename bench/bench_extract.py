"""How fast is `extract` next to the raw libraries, on the same ~45-page Chinese report?

    .venv/bin/python bench/bench_extract.py [--repeat 7] [--no-ocr]

Files: samples/files/bench_45pages.docx and .pdf (`python -m samples.make bench_docs`). Each tool
runs once to warm up, then --repeat times in this process; the table shows median and minimum
wall time and the ratio to the raw baseline of its format (python-docx load+iterate; pypdfium2
text). Peak memory is the maximum RSS of a fresh child process that imports the extractor and
extracts one file (its VmHWM), next to a child that only imports. OCR, when the scanned
sample exists, is reported in seconds a page (warm engine).

Targets (warm, median): docx ≤ 3x python-docx; text PDF ≤ 5x pypdfium2 and ≥ 3x faster than
pdfplumber's extract_text; peak RSS ≤ 300 MB for the 45-page files.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FILES = ROOT / "samples" / "files"
DOCX = FILES / "bench_45pages.docx"
PDF = FILES / "bench_45pages.pdf"
SCANNED = FILES / "pdf_scanned_report.pdf"


def python_docx(path: Path) -> int:
    import docx

    d = docx.Document(str(path))
    n = sum(len(p.text) for p in d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            n += sum(len(c.text) for c in row.cells)
    return n


def pypdfium2_text(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    n = 0
    for page in pdf:
        tp = page.get_textpage()
        n += len(tp.get_text_range())
        tp.close()
        page.close()
    pdf.close()
    return n


def pdfplumber_text(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def markitdown(path: Path) -> int:
    from markitdown import MarkItDown

    return len(MarkItDown().convert(str(path)).text_content)


def ours(path: Path) -> int:
    from extractor import extract

    doc = extract(path)
    doc.outline()
    return doc.stats.words


def ours_isolated(path: Path) -> int:
    from extractor import extract_isolated

    doc = extract_isolated(path)
    doc.outline()
    return doc.stats.words


def timed(fn: Callable[[Path], int], path: Path, repeat: int) -> tuple[float, float] | str:
    try:
        fn(path)  # warm-up: imports, caches, the OCR engine
    except Exception as e:  # a peer that cannot run here is reported, not fatal
        return f"{type(e).__name__}: {str(e).splitlines()[0][:70]}"
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def peak_rss_mb(code: str) -> float:
    """VmHWM of a fresh interpreter running `code`. Not wait4's ru_maxrss: Linux carries the
    parent's RSS at fork into it, so every child would report at least this process's size."""
    probe = code + "\nprint(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1]) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-ocr", action="store_true", help="skip the OCR seconds-a-page figure")
    args = ap.parse_args(argv)
    missing = [p.name for p in (DOCX, PDF) if not p.is_file()]
    if missing:
        print(f"missing {', '.join(missing)}: run .venv/bin/python -m samples.make bench_docs", file=sys.stderr)
        return 2

    rows: list[tuple[str, str, tuple[float, float] | str, float | None]] = []
    plan = [
        (DOCX, [("python-docx load+iterate", python_docx), ("clustercheck extract", ours),
                ("clustercheck extract (isolated)", ours_isolated), ("markitdown", markitdown)]),
        (PDF, [("pypdfium2 text", pypdfium2_text), ("pdfplumber extract_text", pdfplumber_text),
               ("clustercheck extract", ours), ("clustercheck extract (isolated)", ours_isolated),
               ("markitdown", markitdown)]),
    ]
    results: dict[tuple[str, str], float] = {}
    for path, tools in plan:
        base: float | None = None
        for label, fn in tools:
            r = timed(fn, path, args.repeat)
            if isinstance(r, tuple):
                base = base if base is not None else r[0]
                results[(path.suffix, label)] = r[0]
            rows.append((path.name, label, r, (r[0] / base) if isinstance(r, tuple) and base else None))

    print(f"warm runs: median and min of {args.repeat}, ratio = median / the format's raw baseline\n")
    print(f"{'file':<22}{'tool':<34}{'median ms':>10}{'min ms':>10}{'ratio':>8}")
    last = ""
    for name, label, r, ratio in rows:
        shown = name if name != last else ""
        last = name
        if isinstance(r, str):
            print(f"{shown:<22}{label:<34}  not run: {r}")
        else:
            print(f"{shown:<22}{label:<34}{r[0] * 1000:>10.1f}{r[1] * 1000:>10.1f}{ratio:>8.2f}")

    print("\npeak RSS of a child process (MB)")
    imports = "import extractor.registry, extractor.counting"
    base_rss = peak_rss_mb(imports)
    print(f"  {'imports only':<40}{base_rss:>8.1f}")
    rss = {}
    for path in (DOCX, PDF):
        rss[path.suffix] = peak_rss_mb(f"{imports}\nfrom extractor import extract\nextract({str(path)!r})")
        print(f"  {'extract ' + path.name:<40}{rss[path.suffix]:>8.1f}")

    print("\ntargets")
    _target("docx ≤ 3x python-docx", results.get((".docx", "clustercheck extract")),
            results.get((".docx", "python-docx load+iterate")), 3.0)
    _target("pdf ≤ 5x pypdfium2", results.get((".pdf", "clustercheck extract")),
            results.get((".pdf", "pypdfium2 text")), 5.0)
    ours_pdf, plumber = results.get((".pdf", "clustercheck extract")), results.get((".pdf", "pdfplumber extract_text"))
    if ours_pdf and plumber:
        speedup = plumber / ours_pdf
        print(f"  {'pdf ≥ 3x faster than pdfplumber':<36}{speedup:>6.2f}x faster   {'ok' if speedup >= 3 else 'MISSED'}")
    for suffix, mb in rss.items():
        print(f"  {'peak RSS ' + suffix + ' ≤ 300 MB':<36}{mb:>6.0f} MB          {'ok' if mb <= 300 else 'MISSED'}")

    if not args.no_ocr and SCANNED.is_file():
        _ocr()
    return 0


def _target(label: str, value: float | None, base: float | None, limit: float) -> None:
    if not value or not base:
        print(f"  {label:<36}not measured")
        return
    ratio = value / base
    print(f"  {label:<36}{ratio:>6.2f}x           {'ok' if ratio <= limit else 'MISSED'}")


def _ocr() -> None:
    from extractor import extract

    t0 = time.perf_counter()
    doc = extract(SCANNED)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    doc = extract(SCANNED)
    warm = time.perf_counter() - t0
    pages = len(doc.meta.ocr_pages) or 1
    print(f"\nOCR ({doc.meta.ocr_engine}, {SCANNED.name}, {len(doc.meta.ocr_pages)} pages recognised): "
          f"{warm / pages:.2f} s a page warm; first run {cold:.2f} s with the engine load")


if __name__ == "__main__":
    sys.exit(main())

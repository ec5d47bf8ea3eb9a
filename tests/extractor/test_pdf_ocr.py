"""Scanned PDFs and undecodable text layers, read by the real OCR engines installed here."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from extractor import ocr
from extractor.base import DEFAULT_LIMITS, ExtractError
from extractor.model import Document
from extractor.pdf_parser import PdfParser
from extractor.sniff import sniff
from tests.golden import assert_golden


def convert(path: Path) -> Document:
    return PdfParser().convert(sniff(path.read_bytes(), path.name), DEFAULT_LIMITS)


@pytest.fixture(scope="module")
def scanned(samples_dir: Path) -> Document:
    return convert(samples_dir / "pdf_scanned_report.pdf")


@pytest.mark.slow
def test_scanned_outline_recognised(scanned: Document) -> None:
    assert [(h.level, h.value, h.title) for h in scanned.headings()] == [
        (1, "一", "集群基本情况"), (1, "二", "主要做法与成效"), (1, "三", "存在问题及下一步工作")]
    assert all(s.words > 150 for s in scanned.sections if s.heading)
    assert any("承诺所报材料真实" in p.text for p in scanned.blocks)


@pytest.mark.slow
def test_scanned_outline_golden(scanned: Document, regen_golden: bool) -> None:
    """Headings, pages and 字数 as recognised; an OCR model that reads differently shows up here."""
    assert_golden("pdf_scanned_report_outline", scanned.outline(), regen_golden)


@pytest.mark.slow
def test_scanned_meta_and_f004_notice(scanned: Document) -> None:
    m = scanned.meta
    assert m.scanned and m.ocr_engine == "rapidocr" and m.ocr_pages == [1, 2]
    assert m.ocr_confidence is not None and 0.85 < m.ocr_confidence <= 1.0
    [notice] = scanned.notices
    assert (notice.code, notice.severity) == ("F004", "info")
    assert notice.message.startswith("第1–2页无可用文字层，已用OCR识别") and f"{m.ocr_confidence:.2f}" in notice.message
    assert notice.detail["seconds_per_page"] > 0


@pytest.mark.slow
def test_scanned_furniture(scanned: Document) -> None:
    assert "-2-" in [p.text.replace(" ", "") for p in scanned.furniture]
    assert not any(p.text.startswith("十堰商用车及部件") for p in scanned.blocks)


@pytest.mark.slow
def test_undecodable_text_layer_is_recognised(samples_dir: Path) -> None:
    doc = convert(samples_dir / "pdf_garbage_text.pdf")
    assert [h.title for h in doc.headings()] == ["集群基本情况", "主要做法与成效"]
    assert doc.meta.ocr_pages == [1] and doc.notices[0].code == "F004"


@pytest.mark.slow
def test_tesseract_engine_reads_chinese(samples_dir: Path) -> None:
    engine = ocr.tesseract_engine()
    assert engine is not None, "tesseract with chi_sim is installed here"
    pdf = pdfium.PdfDocument(samples_dir / "pdf_garbage_text.pdf")
    lines = ocr.merge_rows(engine.recognize(pdf[0].render(scale=ocr.DPI / 72, grayscale=True).to_numpy()))
    pdf.close()
    assert lines[0].text == "一、集群基本情况" and 0.5 < lines[0].confidence <= 1.0
    assert lines[0].top < lines[1].top and len(lines) == 5


def test_engine_is_loaded_once() -> None:
    assert ocr.get_engine() is ocr.get_engine()


def test_preload_lets_sandboxed_children_share_the_engine() -> None:
    """In a fresh process: after preload(), a forked child that is not allowed to load an engine
    itself still has the parent's."""
    probe = ("from extractor import ocr\nfrom extractor.base import DEFAULT_LIMITS\n"
             "from extractor.sandbox import run_isolated\n"
             "def child():\n"
             "    ocr.rapidocr_engine = ocr.tesseract_engine = lambda: None\n"
             "    engine = ocr.get_engine()\n"
             "    return engine.name if engine else None\n"
             "print(run_isolated(child, (), DEFAULT_LIMITS), ocr.preload(), run_isolated(child, (), DEFAULT_LIMITS))")
    assert _python(probe) == "None rapidocr rapidocr"


def test_plain_extract_does_not_load_the_engine(samples_dir: Path) -> None:
    probe = ("import sys\nfrom extractor import extract\n"
             f"extract({str(samples_dir / 'pdf_text_report.pdf')!r})\n"
             f"extract({str(samples_dir / 'legacy_report.docx')!r})\n"
             "print(sorted({'rapidocr', 'onnxruntime'} & set(sys.modules)))")
    assert _python(probe) == "[]"


def _python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          timeout=120).stdout.strip()


@pytest.mark.parametrize(("text", "image_area", "expected"), [
    ("", 0.95, True),  # a scan
    ("第3页", 0.95, True),  # a scan with a page number stamped on as text
    ("", 0.0, False),  # a blank page
    ("一、集群基本情况\n集群持续推进关键核心技术攻关，取得明显成效。", 0.0, False),
    ("一、集群基本情况\n集群持续推进关键核心技术攻关，取得明显成效。", 0.9, False),  # text over a background
    ("(cid:12)(cid:57)(cid:8)(cid:44)(cid:3)集群", 0.0, True),
    ("\x0f\x14\x0c\t\x05\x06\x01\x0b\x11\x0f\x14\x0b\x12\x14\r\x06\x0f\x0e\x06\x06\x08", 0.0, True),
    ("\ufffd" * 30 + "集群", 0.0, True),
])
def test_needs_ocr(text: str, image_area: float, expected: bool) -> None:
    assert ocr.needs_ocr(text, image_area) is expected


def test_rows_of_side_by_side_boxes_are_merged() -> None:
    boxes = [ocr.OcrLine("日期：", 100, 500, 160, 530, 0.9), ocr.OcrLine("2024年3月15日", 165, 502, 300, 531, 0.7),
             ocr.OcrLine("申报单位（盖章）", 100, 440, 300, 470, 1.0)]
    merged = ocr.merge_rows(boxes)
    assert [(m.text, round(m.confidence, 2)) for m in merged] == [("申报单位（盖章）", 1.0), ("日期：2024年3月15日", 0.8)]


@pytest.mark.slow
def test_blank_scan_is_f004_error() -> None:
    page = Image.new("RGB", (1240, 1754), "white")
    buf = io.BytesIO()
    page.save(buf, "PDF", resolution=150)
    with pytest.raises(ExtractError) as e:
        PdfParser().convert(sniff(buf.getvalue(), "blank.pdf"), DEFAULT_LIMITS)
    assert e.value.code == "F004" and "OCR 未识别出文字" in e.value.message

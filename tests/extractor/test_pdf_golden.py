"""Golden outlines of the PDF samples (`pytest --regen-golden` rewrites them; review the diff).
The scanned sample's golden outline is checked in test_pdf_ocr.py, next to its (slow) recognition."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.base import DEFAULT_LIMITS
from extractor.pdf_parser import PdfParser
from extractor.sniff import sniff
from tests.golden import assert_golden


@pytest.mark.parametrize("name", ["pdf_text_report", "pdf_bookmarks"])
def test_pdf_outline_golden(samples_dir: Path, regen_golden: bool, name: str) -> None:
    path = samples_dir / f"{name}.pdf"
    doc = PdfParser().convert(sniff(path.read_bytes(), path.name), DEFAULT_LIMITS)
    assert_golden(f"{name}_outline", doc.outline(), regen_golden)

"""Sample PDFs made by LibreOffice come out byte for byte the same on every run and in any time zone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samples.soffice import to_pdf


@pytest.mark.slow
def test_pdf_samples_pin_docchecksum_id_and_dates_in_any_time_zone(samples_dir: Path, tmp_path: Path) -> None:
    src = samples_dir / "docx_styles.docx"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    here = to_pdf(src, tmp_path / "a", env={"TZ": "Asia/Shanghai"})  # a reviewer regenerating in Beijing
    there = to_pdf(src, tmp_path / "b")
    assert here == there
    assert b"/DocChecksum /" + b"0" * 32 in here
    assert re.search(rb"/ID \[ <0{32}>\s*<0{32}> \]", here)
    assert re.findall(rb"/CreationDate\(D:(\d{14})", here) == [b"20240315093000"]

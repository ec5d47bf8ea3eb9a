"""Golden outlines of the Word samples: levels, numbers, titles, 字数 and pages per section.

`pytest --regen-golden` rewrites tests/golden/<sample>_outline.json; review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extractor.docx_fixtures import SAMPLES, load
from tests.golden import assert_golden

DOCX_SAMPLES = ["docx_styles", "docx_bold_numbers", "docx_autonumber", "docx_outline_wps", "docx_tables_merged",
                "docx_ticks", "docx_list_items", "docx_frame_table"]


def test_every_docx_sample_has_a_golden_outline() -> None:
    made = {Path(n).stem for n in SAMPLES.glob("docx_*.docx")}
    assert made == set(DOCX_SAMPLES)


@pytest.mark.parametrize("name", DOCX_SAMPLES)
def test_outline(name: str, regen_golden: bool) -> None:
    assert_golden(f"{name}_outline", load(f"{name}.docx").outline(), regen_golden)

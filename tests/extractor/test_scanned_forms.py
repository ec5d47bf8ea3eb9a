"""Issue 9: a scanned copy of every form sample reads as well as the typed original.

samples/files/scans/ holds each form sample printed, ticked by hand, sealed at its 盖章 places and
scanned (`samples.gen.scanned_forms`): compact 1-bit pages with colour seal crops, skewed, one page
of one variant upside down and of another sideways. Each must give the same errors and warnings as
its typed .docx — table fields, choices, sums, declarations — with the F004 notice saying it was
recognised, and be recognised as its template. Recognition answers come from `scan_cache` (real
OCR on the first page of every file and on anything not seen before); the rest of the pipeline runs
for real on every page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from checkers import Report, check
from extractor import extract, ocr
from extractor.model import Document
from samples.gen.scanned_forms import FORMS, chosen
from tests.checkers.pack_samples import report as typed_report
from tests.checkers.pack_samples import significant
from tests.extractor.scan_cache import CachedEngine

SCANS = Path(__file__).resolve().parents[2] / "samples" / "files" / "scans"
CASES = sorted((pack, p.stem[len(pack) + 1:]) for pack in FORMS for p in SCANS.glob(f"{pack}_*.pdf")
               if (SCANS.parent / f"{p.stem}.docx").exists())
# The suite compares one scan per form (reading ~230 pages takes ~20 min on a busy machine even with
# recognition cached); CLUSTERCHECK_SCANNED_FORMS=all compares every scanned copy.
COMPARED = CASES if os.environ.get("CLUSTERCHECK_SCANNED_FORMS") == "all" else \
    [c for c in CASES if c[1] == "ok" or c == ("hunan-2023-prelim", "unsigned")]
# Known gaps (issue 9, open): hand ticks in the compact 1-bit scans are not read (T008/D003), a
# table broken by a page with other merged columns is not joined (T002 on the stats form), OCR
# misreads a separator in a number ("12,860,00"), and a declaration label set one character a line
# in a narrow cell is not found (D001). Strict: the mark must go when a case starts passing.
GAPS = pytest.mark.xfail(strict=True, reason="scanned forms do not yet read as their typed originals")
_engine: CachedEngine | None = None


@pytest.fixture(scope="module", autouse=True)
def cached_engine(regen_golden: bool) -> Iterator[CachedEngine]:
    global _engine
    real = ocr.get_engine()
    assert real is not None and real.name == "rapidocr"
    _engine = CachedEngine.load(real)
    saved = ocr._engine
    ocr._engine = _engine  # type: ignore[assignment]
    try:
        yield _engine
    finally:
        ocr._engine = saved
        if regen_golden:
            _engine.save()


@cache
def scanned(name: str) -> Document:
    assert _engine is not None
    _engine.live_next = True  # the first page of every file is recognised for real
    return extract(SCANS / f"{name}.pdf")


@cache
def scanned_report(pack: str, name: str) -> Report:
    """Checked as a user checks a file: the template detected (so a wrong detection shows), its roster."""
    return check(scanned(name))


def test_every_chosen_form_sample_has_a_scanned_copy() -> None:
    assert {p.stem for p in chosen(SCANS.parent)} == {f"{pack}_{variant}" for pack, variant in CASES}


@pytest.mark.slow
@GAPS
@pytest.mark.parametrize(("pack", "variant"), COMPARED, ids=[f"{p}_{v}" for p, v in COMPARED])
def test_scan_gives_the_typed_findings(pack: str, variant: str) -> None:
    scan = scanned_report(pack, f"{pack}_{variant}")
    typed = typed_report(pack, variant, detect=False)
    assert significant(scan) == significant(typed), [f.message for f in scan.findings]
    [f004] = [f for f in scan.findings if f.code == "F004"]
    assert f004.severity == "info" and "已用OCR识别" in f004.message
    assert scan.template_detected.id == pack
    assert (scan.cluster.status, scan.cluster.matched.name if scan.cluster.matched else None) == \
        (typed.cluster.status, typed.cluster.matched.name if typed.cluster.matched else None)


def _turned(which: int, turned: int) -> None:
    tried = 0
    for pack, spec in FORMS.items():
        variant = spec[which]
        if (pack, variant) not in CASES:
            continue
        tried += 1
        doc = scanned(f"{pack}_{variant}")
        [f004] = [n for n in doc.notices if n.code == "F004"]
        upright = (360 - turned) % 360  # what turns it back: a sheet fed a quarter clockwise needs 270
        assert [1, upright] in [s[:2] for s in f004.detail["straightened"]], (pack, variant)
    assert tried >= 3


@pytest.mark.slow
def test_pages_fed_upside_down_are_turned() -> None:
    _turned(2, 180)


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="a sideways two-page table form (hubei-growth-2021-application) is not "
                   "turned: the recogniser's confirmation rejects it")
def test_pages_fed_sideways_are_turned() -> None:
    _turned(3, 90)


@pytest.mark.slow
def test_seals_are_found_and_read() -> None:
    doc = scanned("hubei-growth-2021-application_seal-present")
    [seal] = doc.seals
    assert (seal.loc.page, seal.shape, seal.colour, seal.source) == (2, "round", "red", "scan")
    assert seal.text.endswith("信息化局") and any("盖章" in t for t in seal.near)
    assert "第2页发现红色印章 1 枚：" in doc.notices[0].message


@pytest.mark.slow
@GAPS
def test_d002_only_where_the_seal_is_absent() -> None:
    pack = "hubei-growth-2021-application"
    present = scanned_report(pack, f"{pack}_seal-present")
    absent = scanned_report(pack, f"{pack}_seal-absent")
    assert significant(present) == set()
    assert significant(absent) == {("D002", "department-opinion", "市、州、县（市、区）经信部门意见")}, \
        [f.message for f in absent.findings]
    [d002] = [f for f in absent.findings if f.code == "D002"]
    assert "未见印章" in d002.message and d002.location.page == 2


@pytest.mark.slow
@GAPS
def test_a_signature_written_by_hand_signs() -> None:
    pack = "hunan-2023-prelim"
    unsigned = scanned_report(pack, f"{pack}_unsigned")
    by_hand = scanned_report(pack, f"{pack}_signed-by-hand")
    assert scanned(f"{pack}_signed-by-hand").signatures
    assert any("的签字未填写" in f.message for f in unsigned.findings if f.code == "D002")
    assert not any("的签字未填写" in f.message for f in by_hand.findings if f.code == "D002"), \
        [f.message for f in by_hand.findings]
    assert any("的日期未填写" in f.message for f in by_hand.findings)  # the date is still blank


def test_live_recognition_agrees_with_the_store(cached_engine: CachedEngine) -> None:
    """Runs last in this module: the pages recognised for real read as stored."""
    assert not cached_engine.changed, f"{len(cached_engine.changed)} pages read differently: pytest --regen-golden"

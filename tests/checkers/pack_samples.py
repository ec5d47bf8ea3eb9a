"""Shared by the pack acceptance tests: check a committed sample of a pack through the public front
door (extract → detect → check), once per test session, and reduce a report to what a test compares.

`report(pack, variant)` checks samples/files/<pack>_<variant>.docx against its pack and roster, with
the template detection result recorded; `problems()` / `significant()` are its errors and warnings.
`PackSamples` holds the tests every pack with a sample generator passes; a pack's test module
subclasses it and adds what is particular to its template.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import ClassVar

import pytest

from checkers import Finding, Report, check
from checkers.detect import detect_template
from extractor import extract
from extractor.model import Document

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "files"

Key = tuple[str, str, str]  # (code, pack rule id, target)


@cache
def document(pack_id: str, variant: str) -> Document:
    return extract(SAMPLES / f"{pack_id}_{variant}.docx")


@cache
def report(pack_id: str, variant: str, detect: bool = True) -> Report:
    """With `detect`, the template is the one detection picks over every built-in pack (the library's
    default, `check(doc)`); without, the pack is named. The roster is the template's either way."""
    doc = document(pack_id, variant)
    return check(doc) if detect else check(doc, pack_id)


def problems(r: Report) -> set[tuple[str, str]]:
    """(code, target) of every error and warning; infos (e.g. OCR notices) are not defects."""
    return {(f.code, f.target) for f in r.findings if f.severity in ("error", "warning")}


def variants(pack_id: str) -> list[str]:
    return sorted(p.stem[len(pack_id) + 1:] for p in SAMPLES.glob(f"{pack_id}_*.docx"))


def check_samples(pack_id: str) -> dict[str, Report]:
    """Variant name ("ok", "veto-yes", …) -> report, for every sample of the pack."""
    return {v: report(pack_id, v, detect=False) for v in variants(pack_id)}


def significant(r: Report) -> set[Key]:
    """(code, rule, target) of every error and warning."""
    return {(f.code, f.rule or "", f.target) for f in r.findings if f.severity in ("error", "warning")}


def one(r: Report, code: str, rule: str) -> Finding:
    """The first finding of `code` fired by pack rule `rule`."""
    found = [f for f in r.findings if f.code == code and f.rule == rule]
    assert found, f"no {code} from rule {rule}: {significant(r)}"
    return found[0]


class PackSamples:
    """The complete sample passes clean and is recognised as its template; every planted defect has
    a sample and is reported alone, with its code, the rule that fired and the template's label.

    A subclass (named Test…) sets PACK, EXPECTED (variant -> keys, "ok" -> set()) and VARIANTS (the
    names of the generator's other samples, so one nobody expects is caught); `variant` runs over EXPECTED.
    """

    PACK: ClassVar[str]
    EXPECTED: ClassVar[dict[str, set[Key]]]
    VARIANTS: ClassVar[Collection[str]]

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "variant" in metafunc.fixturenames:
            metafunc.parametrize("variant", sorted(set(self.EXPECTED) - {"ok"}))

    @pytest.fixture(scope="class")
    def reports(self) -> dict[str, Report]:
        return check_samples(self.PACK)

    def test_every_planted_defect_has_a_sample_and_an_expectation(self, reports: dict[str, Report]) -> None:
        assert set(reports) == set(self.EXPECTED) == {"ok", *self.VARIANTS}

    def test_the_complete_sample_passes_clean(self, reports: dict[str, Report]) -> None:
        report = reports["ok"]
        assert significant(report) == set(), [f.message for f in report.findings]
        assert report.verdict == "pass"

    def test_each_planted_defect_is_reported_alone(self, reports: dict[str, Report], variant: str) -> None:
        r = reports[variant]
        assert significant(r) == self.EXPECTED[variant], [f.message for f in r.findings]

    def test_the_sample_is_recognised_as_its_template(self) -> None:
        detected = detect_template(document(self.PACK, "ok"))
        assert detected.id == self.PACK and detected.confidence >= 0.9

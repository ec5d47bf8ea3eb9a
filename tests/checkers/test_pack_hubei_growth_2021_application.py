"""Acceptance of the hubei-growth-2021-application pack (seed 003 附件2, 申报表): the complete form
passes clean; each planted defect is reported, alone, with its code, rule and the form's label."""

from __future__ import annotations

import pytest

from checkers import Report
from checkers.detect import detect_template
from samples.gen.tpl_hubei_growth_2021_application import DEFECTS
from tests.checkers.pack_samples import Key, check_samples, document, one, significant

PACK = "hubei-growth-2021-application"

EXPECTED: dict[str, set[Key]] = {
    "ok": set(),
    "veto-yes": {("D004", "veto", "质量、安全、环保情况")},
    "veto-blank": {("D003", "veto", "质量、安全、环保情况")},
    "no-type": {("T008", "cluster-type", "产业集群类型")},
    "blank-field": {("T002", "basic-data", "企业数")},
    "unsigned": {("D002", "department-opinion", "市、州、县（市、区）经信部门意见")},
    "no-name": {("C001", "cluster-name", "产业集群名称")},
}


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return check_samples(PACK)


def test_every_planted_defect_has_a_sample_and_an_expectation(reports: dict[str, Report]) -> None:
    assert set(reports) == set(EXPECTED) == {"ok", *DEFECTS}


def test_the_complete_form_passes_clean(reports: dict[str, Report]) -> None:
    report = reports["ok"]
    assert significant(report) == set(), [f.message for f in report.findings]
    assert report.verdict == "pass"
    assert report.cluster.found == "汉川纺织服装产业集群"


@pytest.mark.parametrize("variant", sorted(set(EXPECTED) - {"ok"}))
def test_each_planted_defect_is_reported_alone(reports: dict[str, Report], variant: str) -> None:
    r = reports[variant]
    assert significant(r) == EXPECTED[variant], [f.message for f in r.findings]


def test_veto_yes_fails_the_form(reports: dict[str, Report]) -> None:
    report = reports["veto-yes"]
    f = one(report, "D004", "veto")
    assert report.verdict == "fail" and f.severity == "error"
    assert (f.expected, f.actual) == ("否", "是")


@pytest.mark.parametrize("variant", ["ok"])
def test_the_sample_is_recognised_as_its_template(variant: str) -> None:
    detected = detect_template(document(PACK, variant))
    assert detected.id == PACK and detected.confidence >= 0.9

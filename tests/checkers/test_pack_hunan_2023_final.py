"""Acceptance of the hunan-2023-final pack (seed 004 附件2, 参赛报告（决赛）): the complete report
passes clean; each planted defect is reported, alone, with its code, rule and the form's label."""

from __future__ import annotations

import pytest

from checkers import Report
from checkers.detect import detect_template
from samples.gen.tpl_hunan_2023_final import DEFECTS
from samples.gen.tpl_hunan_2023_prelim import CLUSTER
from tests.checkers.pack_samples import Key, check_samples, document, one, significant

PACK = "hunan-2023-final"
GUIDANCE = "instructions"

EXPECTED: dict[str, set[Key]] = {
    "ok": set(),
    "long-org-report": {("L002", "organisation-report-length", "四、集群发展促进组织运营情况")},
    "long-self-report": {("L002", "self-report-length", "2.8集群发展总体情况自评报告")},
    "growth-wrong": {("T005", "table-2-4", "集群研发经费")},
    "growth-blank": {("T002", "table-2-1", "进口额")},
    "evidence-missing": {("E001", "evidence", "集群从业人员每万人发明专利拥有量")},
    "no-category": {("T008", "category", "申报类别"), ("D005", GUIDANCE, "申报类别")},
    "unsigned": {("D002", "declaration", "集群促进组织负责人签字")},
    "instructions-left": {("D005", GUIDANCE, "集群发展总体情况"), ("D005", GUIDANCE, "集群核心承载园区情况"),
                          ("D005", GUIDANCE, "集群发展促进组织运营情况")},
}


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return check_samples(PACK)


def test_every_planted_defect_has_a_sample_and_an_expectation(reports: dict[str, Report]) -> None:
    assert set(reports) == set(EXPECTED) == {"ok", *DEFECTS}


def test_the_complete_report_passes_clean_and_is_on_the_roster(reports: dict[str, Report]) -> None:
    report = reports["ok"]
    assert significant(report) == set(), [f.message for f in report.findings]
    assert report.verdict == "pass"
    assert report.cluster.status == "exact" and report.cluster.matched is not None
    assert report.cluster.matched.name == CLUSTER


@pytest.mark.parametrize("variant", sorted(set(EXPECTED) - {"ok"}))
def test_each_planted_defect_is_reported_alone(reports: dict[str, Report], variant: str) -> None:
    r = reports[variant]
    assert significant(r) == EXPECTED[variant], [f.message for f in r.findings]


def test_operations_report_is_limited_to_1500(reports: dict[str, Report]) -> None:
    f = one(reports["long-org-report"], "L002", "organisation-report-length")
    assert f.expected == 1500 and f.actual > 1500


def test_per_10k_patents_needs_evidence_only_in_the_final(reports: dict[str, Report]) -> None:
    """决赛表2.4 adds 需提供佐证材料 to 每万人发明专利拥有量; dropping it from 六、佐证材料 is an E001."""
    f = one(reports["evidence-missing"], "E001", "evidence")
    assert f.location.row is not None


@pytest.mark.parametrize("variant", ["ok"])
def test_the_sample_is_recognised_as_its_template(variant: str) -> None:
    detected = detect_template(document(PACK, variant))
    assert detected.id == PACK and detected.confidence >= 0.9

"""Acceptance of the hunan-2023-final pack (seed 004 附件2, 参赛报告（决赛）): the complete report
passes clean; each planted defect is reported, alone, with its code, rule and the form's label."""

from __future__ import annotations

from typing import ClassVar

from checkers import Report
from samples.gen.tpl_hunan_2023_final import DEFECTS
from samples.gen.tpl_hunan_2023_prelim import CLUSTER
from tests.checkers.pack_samples import Key, PackSamples, one

GUIDANCE = "instructions"


class TestHunan2023FinalSamples(PackSamples):
    PACK = "hunan-2023-final"
    VARIANTS = DEFECTS
    EXPECTED: ClassVar[dict[str, set[Key]]] = {
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

    def test_the_complete_report_is_on_the_roster(self, reports: dict[str, Report]) -> None:
        report = reports["ok"]
        assert report.cluster.status == "exact" and report.cluster.matched is not None
        assert report.cluster.matched.name == CLUSTER

    def test_operations_report_is_limited_to_1500(self, reports: dict[str, Report]) -> None:
        f = one(reports["long-org-report"], "L002", "organisation-report-length")
        assert f.expected == 1500 and f.actual > 1500

    def test_per_10k_patents_needs_evidence_only_in_the_final(self, reports: dict[str, Report]) -> None:
        """决赛表2.4 adds 需提供佐证材料 to 每万人发明专利拥有量; dropping it from 六、佐证材料 is an E001."""
        f = one(reports["evidence-missing"], "E001", "evidence")
        assert f.location.row is not None

"""Acceptance of the hunan-2023-prelim pack (seed 004 附件1, 参赛报告（初赛）) on samples that
reproduce the form: the complete report of a cluster on the hunan-2023 roster passes clean; each
planted defect is reported, alone, with its code, the rule that fired and the form's own label."""

from __future__ import annotations

from typing import ClassVar

import pytest

from checkers import Report
from samples.gen.tpl_hunan_2023_prelim import CLEAN, CLUSTER, DEFECTS
from tests.checkers.pack_samples import Key, PackSamples, document, one, significant

GUIDANCE = "instructions"


class TestHunan2023PrelimSamples(PackSamples):
    PACK = "hunan-2023-prelim"
    VARIANTS = frozenset({*DEFECTS, *CLEAN})
    EXPECTED: ClassVar[dict[str, set[Key]]] = {
        "ok": set(),
        "scanned-evidence-cell": set(),
        "long-self-report": {("L002", "self-report-length", "2.8集群发展总体情况自评报告")},
        "long-org-report": {("L002", "organisation-report-length", "4.2集群发展促进组织运营情况")},
        "growth-wrong": {("T005", "table-2-1", "利润总额")},
        "growth-blank": {("T002", "table-2-1", "税金总额")},
        "part-exceeds-whole": {("T004", "table-2-2", "规上工业企业数量")},
        "evidence-missing": {("E001", "evidence", "国家级单项冠军数量")},
        "no-category": {("T008", "category", "申报类别")},
        "category-guidance": {("T008", "category", "申报类别"), ("D005", GUIDANCE, "申报类别")},
        "unsigned": {("D002", "declaration", "集群促进组织负责人签字")},
        "instructions-left": {("D005", GUIDANCE, "集群发展总体情况"), ("D005", GUIDANCE, "集群核心承载园区情况"),
                              ("D005", GUIDANCE, "集群发展促进组织情况"), ("D005", GUIDANCE, "编制牵头单位"),
                              ("D005", GUIDANCE, "培育发展产业集群实施方案")},
        "name-differs": {("C003", "cluster-name", "集群名称")},
        "not-on-roster": {("C002", "cluster-name", "集群名称")},
        "contact-blank": {("T002", "basic-info", "联系人姓名、职务")},
        "plan-part-missing": {("O001", "plan-outline", "培育发展路径")},
    }

    def test_the_complete_report_is_on_the_roster(self, reports: dict[str, Report]) -> None:
        report = reports["ok"]
        assert report.roster == "hunan-2023"
        assert report.cluster.status == "exact" and report.cluster.matched is not None
        assert report.cluster.matched.name == CLUSTER

    def test_cell_scoped_report_length_counts_the_box_below_the_label(self, reports: dict[str, Report]) -> None:
        f = one(reports["long-self-report"], "L002", "self-report-length")
        assert f.expected == 2500 and 2500 < f.actual < 3000
        assert f.location.row is not None  # a table cell, not a section

    def test_wrong_growth_gives_the_computed_value(self, reports: dict[str, Report]) -> None:
        f = one(reports["growth-wrong"], "T005", "table-2-1")
        assert f.actual == 21.3 and f.expected == pytest.approx(12.98, abs=0.01)

    def test_t002_blank_growth_cell_is_reported(self, reports: dict[str, Report]) -> None:
        """The 增幅（%） column is listed in the pack's columns again, so its blank cell is reported."""
        f = one(reports["growth-blank"], "T002", "table-2-1")
        assert f.message == "“税金总额”的“增幅（%）”未填写"
        assert (f.location.table, f.location.column) == ("2.1集群主要经济指标", 4)

    def test_the_plan_outline_is_only_a_reference(self, reports: dict[str, Report]) -> None:
        """本提纲仅作为参考: a missing part of the 5.2 plan is a warning, the report does not fail on it."""
        report = reports["plan-part-missing"]
        assert one(report, "O001", "plan-outline").severity == "warning"
        assert report.verdict == "warn"

    def test_an_evidence_cell_of_scans_only_is_not_empty(self, reports: dict[str, Report]) -> None:
        """4.3相关佐证资料 holding only pasted certificates has no text, yet the evidence is there."""
        scanned = document(self.PACK, "scanned-evidence-cell")
        cells = [c for t in scanned.tables() for c in t.anchors() if c.images]
        assert [(c.text, c.images) for c in cells] == [("", 3)]
        report = reports["scanned-evidence-cell"]
        assert not [f for f in report.findings if f.rule == "organisation-evidence"]
        assert significant(report) == significant(reports["ok"]) and report.verdict == reports["ok"].verdict

"""Acceptance of the hubei-growth-2021-application pack (seed 003 附件2, 申报表): the complete form
passes clean; each planted defect is reported, alone, with its code, rule and the form's label."""

from __future__ import annotations

from typing import ClassVar

from checkers import Report
from samples.gen.tpl_hubei_growth_2021_application import DEFECTS
from tests.checkers.pack_samples import Key, PackSamples, one


class TestHubeiGrowth2021ApplicationSamples(PackSamples):
    PACK = "hubei-growth-2021-application"
    VARIANTS = DEFECTS
    EXPECTED: ClassVar[dict[str, set[Key]]] = {
        "ok": set(),
        "veto-yes": {("D004", "veto", "质量、安全、环保情况")},
        "veto-blank": {("D003", "veto", "质量、安全、环保情况")},
        "no-type": {("T008", "cluster-type", "产业集群类型")},
        "blank-field": {("T002", "basic-data", "企业数")},
        "unsigned": {("D002", "department-opinion", "市、州、县（市、区）经信部门意见")},
        "no-name": {("C001", "cluster-name", "产业集群名称")},
    }

    def test_the_complete_form_names_its_cluster(self, reports: dict[str, Report]) -> None:
        assert reports["ok"].cluster.found == "汉川纺织服装产业集群"

    def test_veto_yes_fails_the_form(self, reports: dict[str, Report]) -> None:
        report = reports["veto-yes"]
        f = one(report, "D004", "veto")
        assert report.verdict == "fail" and f.severity == "error"
        assert (f.expected, f.actual) == ("否", "是")

"""Acceptance of the hubei-growth-2020-handbook pack (seed 003, 考核工作手册) on samples that
reproduce the handbook: the complete one passes clean; each planted defect is reported, alone, with
its code, the rule that fired and the handbook's own label."""

from __future__ import annotations

from typing import ClassVar

from checkers import Report, load_pack
from samples.gen.tpl_hubei_growth_2020_handbook import DEFECTS
from tests.checkers.pack_samples import Key, PackSamples, one


class TestHubeiGrowth2020HandbookSamples(PackSamples):
    PACK = "hubei-growth-2020-handbook"
    VARIANTS = DEFECTS
    EXPECTED: ClassVar[dict[str, set[Key]]] = {
        "ok": set(),
        "self-score-over": {("T006", "score-table7", "集群企业所在园区规划编制及实施")},
        "total-wrong": {("T007", "score-table4", "合计")},
        "summary-mismatch": {("T007", "score-summary-table11", "集群品牌")},
        "blank-score": {("T002", "score-table9", "专利")},
        "veto-yes": {("D004", "veto-table10", "质量、安全、环保情况")},
        "veto-blank": {("D003", "veto-table10", "质量、安全、环保情况")},
        "report-too-long": {("L002", "report-length", "重点成长型产业集群发展报告")},
        "unsigned": {("D002", "table1-opinions", "统计部门意见")},
        "no-type": {("T008", "cluster-type", "产业集群类型")},
        "blank-field": {("T002", "table1-performance", "就业人数")},
        "blank-box": {("T002", "box-table5", "2、“互联网+产业集群”发展情况")},
        "policy-no-number": {
            ("E003", "policy-references", "《汉川市人民政府关于加快纺织服装产业集群发展的若干意见》"),
            ("E003", "policy-references", "《汉川市纺织服装产业集群发展规划（2019—2023年）》"),
            ("E003", "policy-references", "《汉川市支持纺织服装企业技术改造和品牌建设的奖励办法》"),
        },
    }

    def test_pack_has_no_roster_and_scores_every_work_table(self) -> None:
        pack = load_pack(self.PACK)
        assert pack.pack.roster is None  # the seed publishes no list of 重点成长型 clusters
        tables = {r.table.label for r in pack.rules if r.kind == "score_table"}
        assert tables == {"表3", "表4", "表5", "表6", "表7", "表8", "表9", "表11"}
        assert sum(it.max for r in pack.rules if r.kind == "score_table" and r.id != "score-summary-table11"
                   for it in r.items) == 100  # 三、产业集群工作指标考核（总分100分）

    def test_the_complete_handbook_names_its_cluster(self, reports: dict[str, Report]) -> None:
        assert reports["ok"].cluster.found == "汉川纺织服装产业集群"

    def test_self_score_over_points_at_the_cell_with_its_numbers(self, reports: dict[str, Report]) -> None:
        f = one(reports["self-score-over"], "T006", "score-table7")
        assert f.location.table == "表7" and f.location.row is not None
        assert f.actual == 3 and "2" in str(f.expected)
        assert f.clause and "表7" in f.clause

    def test_summary_is_checked_against_the_work_table_total(self, reports: dict[str, Report]) -> None:
        f = one(reports["summary-mismatch"], "T007", "score-summary-table11")
        assert (f.expected, f.actual) == (20, 18)

    def test_report_length_gives_the_count_and_the_limit(self, reports: dict[str, Report]) -> None:
        f = one(reports["report-too-long"], "L002", "report-length")
        assert f.expected == 3000 and f.actual > 3000

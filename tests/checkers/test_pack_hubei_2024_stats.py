"""hubei-2024-stats (seed 001 附件2) against its samples: the correct report — as .docx and as the
.xlsx applicants also send — passes clean, and each planted defect is found with its code, rule and
the form's own label, and nothing else."""

from __future__ import annotations

from typing import ClassVar

from checkers import Report, check, load_pack, load_roster
from extractor import extract
from samples.gen.tpl_hubei_2024_stats import DEFECTS
from tests.checkers.pack_samples import SAMPLES, Key, PackSamples, one, significant

PACK = "hubei-2024-stats"


def xlsx(variant: str) -> Report:
    pack = load_pack(PACK)
    return check(extract(SAMPLES / f"{PACK}_{variant}.xlsx"), pack, load_roster("hubei-2024"))


class TestHubei2024StatsSamples(PackSamples):
    PACK = PACK
    VARIANTS = DEFECTS
    EXPECTED: ClassVar[dict[str, set[Key]]] = {
        "ok": set(),
        "blank-field": {("T002", "indicators", "规上企业")},
        "bad-number": {("T003", "indicators", "当年申请发明专利")},
        "bad-unit": {("T003", "indicators", "集群人员总数")},
        "part-exceeds": {("T004", "indicators", "其中：高新技术企业")},
        "sum-exceeds": {("T007", "indicators", "金融服务机构")},
        "no-name-list": {("E001", "indicators", "创新服务机构数"), ("E001", "indicators", "研发机构")},
        "missing-table": {("T001", "indicators", "统计报表")},
        "unsigned": {("D002", "footer", "依托单位名称（盖公章）")},
    }

    def test_complete_report_has_no_error_or_warning_and_is_on_the_roster(self, reports: dict[str, Report]) -> None:
        r = reports["ok"]
        assert (r.verdict, r.counts.error, r.counts.warning) == ("pass", 0, 0), [f.message for f in r.findings]
        assert (r.cluster.status, r.cluster.matched.name if r.cluster.matched else None) == \
            ("exact", "武汉东湖高新区新型电子元器件及设备制造创新型产业集群")

    def test_findings_carry_the_numbers_and_the_cell(self, reports: dict[str, Report]) -> None:
        part = one(reports["part-exceeds"], "T004", "indicators")
        assert part.message == "“其中：高新技术企业”为 320 家，大于“集群企业总数” 286 家"
        assert (part.location.table, part.location.row, part.location.column) == ("统计报表", 4, 4)
        assert (part.expected, part.actual) == ("≤ 286 家", "320 家")
        unit = one(reports["bad-unit"], "T003", "indicators")
        assert (unit.expected, unit.actual, unit.location.column) == ("人", "万元", 3)
        names = one(reports["no-name-list"], "E001", "indicators")
        assert names.message == "“创新服务机构数”填报 8 个，但未附名单"
        total = one(reports["sum-exceeds"], "T007", "indicators")
        assert "之和 10 个" in total.message and total.actual == "8 个"

    def test_the_excel_report_reads_like_the_word_one(self) -> None:
        ok = xlsx("ok")
        assert (ok.verdict, ok.counts.error, ok.counts.warning) == ("pass", 0, 0), [f.message for f in ok.findings]
        assert ok.cluster.status == "exact"
        bad = xlsx("part-exceeds")
        assert significant(bad) == self.EXPECTED["part-exceeds"]
        f = one(bad, "T004", "indicators")
        assert f.location.sheet == "统计报表"

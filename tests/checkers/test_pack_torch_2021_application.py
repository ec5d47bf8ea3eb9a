"""torch-2021-application (seed 002 附件1) against its samples: the correct form passes clean — also
when it keeps the OCR'd seed's spellings (千兀, 二三10亿兀, 各案) — and each planted defect is found
with its code, rule and the form's own label, and nothing else."""

from __future__ import annotations

from typing import ClassVar

import pytest

from checkers import Report, load_pack
from checkers.detect import detect_template
from samples.gen.tpl_torch_2021_application import DEFECTS
from tests.checkers.pack_samples import Key, PackSamples, document, one


class TestTorch2021ApplicationSamples(PackSamples):
    PACK = "torch-2021-application"
    VARIANTS = (*DEFECTS, "ok-ocr-spellings")
    EXPECTED: ClassVar[dict[str, set[Key]]] = {
        "ok": set(),
        "ok-ocr-spellings": set(),
        "blank-field": {("T002", "basic-info", "手机")},
        "bad-unit": {("T003", "indicators", "营业收入")},
        "bad-number": {("T003", "indicators", "集群人员总数")},
        "part-exceeds": {("T004", "indicators", "其中高新技术企业数")},
        "wrong-ratio": {("T005", "indicators", "营业收入净利润率")},
        "missing-table": {("T001", "leaders", "表三")},
        "no-choice": {("T008", "status", "申请状态")},
        "blank-date": {("D002", "builder-seal", "集群建设单位")},
    }

    @pytest.mark.parametrize("ok", ["ok", "ok-ocr-spellings"])
    def test_complete_form_passes_with_no_error_or_warning(self, reports: dict[str, Report], ok: str) -> None:
        r = reports[ok]
        assert (r.verdict, r.counts.error, r.counts.warning) == ("pass", 0, 0), [f.message for f in r.findings]
        assert (r.cluster.status, r.cluster.matched.name if r.cluster.matched else None) == \
            ("exact", "襄阳新能源汽车关键部件创新型产业集群")
        assert detect_template(document(self.PACK, ok)).id == self.PACK

    def test_findings_carry_the_numbers_and_the_cell(self, reports: dict[str, Report]) -> None:
        ratio = one(reports["wrong-ratio"], "T005", "indicators")
        assert ratio.message == "“营业收入净利润率”（2020年实际数）填报 12.5%，按“净利润”/“营业收入”计算应为 8%"
        assert (ratio.location.table, ratio.location.row, ratio.location.column) == ("表二", 10, 3)
        assert (ratio.expected, ratio.actual, ratio.severity) == (8.0, 12.5, "warning")
        phone = one(reports["blank-field"], "T002", "basic-info")
        assert phone.message == "“建设单位/联系人/手机”未填写"
        assert (phone.location.table, phone.location.row, phone.location.column) == ("表一", 5, 4)
        part = one(reports["part-exceeds"], "T004", "indicators")
        assert (part.expected, part.actual) == ("≤ 326 家", "350 家")

    def test_ocr_corrections_are_listed_in_the_pack_notes(self) -> None:
        notes = "\n".join(load_pack(self.PACK).pack.notes)
        for corrected in ("千兀”→“千元", "二三10亿兀", "1亿元≤营业收入<10亿元", "各案", "子机"):
            assert corrected in notes

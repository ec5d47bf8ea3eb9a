"""torch-2021-plan (seed 002 附件2) against its samples: the correct plan passes clean, and each
planted defect is found with its code and the template's own label, and nothing else."""

from __future__ import annotations

import pytest

from tests.checkers.pack_samples import problems, report

PACK = "torch-2021-plan"

DEFECTS = {
    "missing-section": {("O001", "集群发展面临的问题与对策")},
    "missing-subitem": {("O001", "纳入国家高新区年度工作计划情况")},
    "out-of-order": {("O002", "集群产业链、创新链发展状况")},
    "duplicate": {("O003", "集群发展的思路、目标与任务")},
    "empty-section": {("O004", "集群发展规划的推进机制与保障措施")},
    "empty-subitem": {("O004", "集群产业链描述")},
    "ocr-name": {("C003", "集群名称")},
    "not-on-roster": {("C002", "集群名称")},
}


def test_complete_plan_passes_with_no_error_or_warning() -> None:
    r = report(PACK, "ok")
    assert (r.verdict, r.counts.error, r.counts.warning) == ("pass", 0, 0), [f.message for f in r.findings]
    assert r.template_detected.id == PACK and r.template_detected.confidence >= 0.9
    assert r.cluster.status == "exact" and r.cluster.matched is not None
    assert r.cluster.matched.name == "咸宁智能机电创新型产业集群"
    assert [o.number for o in r.outline if o.level == 2] == ["1.", "2.", "3.", "4.", "5.", "6.", "7.", "1.", "2.", "3."]


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_planted_defect_is_found_with_code_and_target(defect: str) -> None:
    r = report(PACK, defect)
    assert problems(r) == DEFECTS[defect], [f.message for f in r.findings]
    assert r.template_detected.id == PACK


def test_sub_item_finding_names_its_parent() -> None:
    f = next(f for f in report(PACK, "missing-subitem").findings if f.code == "O001")
    assert f.location.section == "一、集群基本情况"
    assert f.message == ("“一、集群基本情况”中未找到提纲要求的“4.纳入国家高新区年度工作计划情况”"
                         "（应位于“3.纳入省级政府或部门产业发展规划情况”之后）")

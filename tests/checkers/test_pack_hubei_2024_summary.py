"""hubei-2024-summary (seed 001 附件3) against its samples: the correct report passes clean, and
each planted defect is found with its code and the template's own label, and nothing else."""

from __future__ import annotations

import pytest

from tests.checkers.pack_samples import problems, report

PACK = "hubei-2024-summary"

DEFECTS = {
    "missing-section": {("O001", "集群发展成效")},
    "missing-subitem": {("O001", "集群创新服务建设体系")},
    "out-of-order": {("O002", "集群总体情况")},
    "duplicate": {("O003", "集群发展成效")},
    "empty-section": {("O004", "集群发展环境")},
    "too-long": {("L003", "总结报告")},
    "instructions-left": {("D005", "集群总体情况")},
    "no-evidence": {("E002", "相关佐证材料")},
    "unevidenced-claim": {("E004", "国家级专精特新“小巨人”")},
    "policy-without-number": {("E003", "《襄阳高新区支持新能源汽车关键部件产业集群发展若干政策》")},
    "name-differs": {("C003", "集群名称")},
    "not-on-roster": {("C002", "集群名称")},
}


def test_complete_report_passes_with_no_error_or_warning() -> None:
    r = report(PACK, "ok")
    assert (r.verdict, r.counts.error, r.counts.warning) == ("pass", 0, 0), [f.message for f in r.findings]
    assert r.template_detected.id == PACK and r.template_detected.confidence >= 0.9
    assert r.cluster.status == "exact" and r.cluster.matched is not None
    assert r.cluster.matched.name == "襄阳新能源汽车关键部件创新型产业集群"
    assert [o.title for o in r.outline if o.level == 2] == ["集群产业结构发展情况", "集群创新能力建设情况",
                                                           "集群创新服务建设体系", "集群发展环境"]
    assert 2800 <= r.stats.words <= 4300


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_planted_defect_is_found_with_code_and_target(defect: str) -> None:
    r = report(PACK, defect)
    assert problems(r) == DEFECTS[defect], [f.message for f in r.findings]


def test_length_finding_states_the_tolerance() -> None:
    f = next(f for f in report(PACK, "too-long").findings if f.code == "L003")
    assert f.expected == 3500 and f.actual > 4200
    assert f.message.endswith("偏离要求的 3500 字左右（允许 2800–4200 字）")
    assert "3500字左右" in (f.clause or "")


def test_missing_subitem_points_at_its_parent() -> None:
    f = next(f for f in report(PACK, "missing-subitem").findings if f.code == "O001")
    assert f.location.section == "二、集群发展情况"
    assert f.expected == "（三）集群创新服务建设体系"

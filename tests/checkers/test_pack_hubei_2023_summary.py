"""hubei-2023-summary (seed 000 附件2) against its samples: the correct summary passes clean, and
each planted defect is found with its code and the template's own label, and nothing else."""

from __future__ import annotations

import pytest

from tests.checkers.pack_samples import problems, report

PACK = "hubei-2023-summary"

DEFECTS = {
    "missing-section": {("O001", "集群金融创新发展情况")},
    "short-section": {("L001", "集群企业发展情况")},
    "out-of-order": {("O002", "集群金融创新发展情况")},
    "duplicate": {("O003", "集群发展环境")},
    "empty-section": {("O004", "主要做法和经验")},
    "three-cases": {("O005", "典型案例")},
    "instructions-left": {("D005", "集群总体情况")},
    "no-attachments": {("E002", "相关附件")},
    "not-on-roster": {("C002", "集群名称")},
    "name-differs": {("C003", "集群名称")},
}


def test_complete_summary_passes_with_no_error_or_warning() -> None:
    r = report(PACK, "ok")
    assert (r.verdict, r.counts.error, r.counts.warning) == ("pass", 0, 0), [f.message for f in r.findings]
    assert r.template_detected.id == PACK and r.template_detected.confidence >= 0.9
    assert (r.cluster.status, r.cluster.matched.name if r.cluster.matched else None) == \
        ("exact", "十堰商用车及部件创新型产业集群")
    assert [o.title for o in r.outline if o.level == 1][9:] == ["典型案例", "相关附件"]
    assert next(o.words for o in r.outline if o.title == "集群企业发展情况") >= 2000


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_planted_defect_is_found_with_code_and_target(defect: str) -> None:
    r = report(PACK, defect)
    assert problems(r) == DEFECTS[defect], [f.message for f in r.findings]
    assert r.template_detected.id == PACK


def test_picture_only_attachments_pass_e002() -> None:
    """佐证材料 of scanned certificates only: no text at all, yet not empty (E002 would be a false error)."""
    r = report(PACK, "scanned-attachments")
    assert (r.verdict, problems(r)) == ("pass", set()), [f.message for f in r.findings]
    assert [o.title for o in r.outline][-1] == "佐证材料"


def test_findings_carry_numbers_rule_and_clause() -> None:
    short = next(f for f in report(PACK, "short-section").findings if f.code == "L001")
    assert short.expected == 2000 and 1500 <= short.actual < 2000
    assert short.message == f"“集群企业发展情况”字数为 {short.actual}，少于要求的 2000 字（不少于2000字）"
    assert short.rule == "len-2" and "（不少于2000字）" in (short.clause or "")
    assert short.location.section == "二、集群企业发展情况"
    cases = next(f for f in report(PACK, "three-cases").findings if f.code == "O005")
    assert (cases.expected, cases.actual, cases.clause) == ("1–2", 3, "十、典型案例（1-2个）")
    order = next(f for f in report(PACK, "out-of-order").findings if f.code == "O002")
    assert "排在“七、集群发展成效”之后" in order.message

"""The cross-submission checks (B001, B002) on reports and fingerprints made up here: copying found
across clusters only, the template's own text not taken for copying, one cluster twice per template.
The audit (tests/service/test_audit.py) and the API's batches (tests/service/test_api_batches.py)
run them on real files."""

from __future__ import annotations

from checkers.crosscheck import Submission, copied_paragraphs, cross_check, fingerprint, same_cluster_twice
from checkers.findings import ClusterResult, Finding, Report, RosterEntryOut
from samples.builder import prose_text
from tests.checkers.make_doc import H, P, make


def _entry(index: int, cluster: str, paragraphs: list[str], template: str = "hubei-2024-summary") -> Submission:
    report = Report(file=f"f{index}.docx", sha256=str(index), template=template, roster="hubei-2024",
                    cluster=ClusterResult(found=cluster, status="exact", matched=RosterEntryOut(name=cluster)))
    return Submission(index, f"材料/f{index}.docx", report,
                 [{"text": t, "where": {"section": "一、总体情况", "paragraph": k + 1}} for k, t in enumerate(paragraphs)])


def test_copied_paragraphs_are_found_across_clusters_only() -> None:
    own = [prose_text(120, seed=s)[0] for s in range(1, 7)]
    copied = own[0][:30] + "进一步" + own[0][30:]  # copied with a small edit
    entries = [_entry(0, "甲产业集群", [own[0], own[1]]), _entry(1, "乙产业集群", [own[2], copied]),
               _entry(2, "甲产业集群", [own[0], own[3]]),  # the same cluster may reuse its own text
               _entry(3, "丙产业集群", [own[4], own[5]])]
    found = copied_paragraphs(entries)
    pairs = {(k, f.actual.split(" ")[0]) for k, f in found}
    assert pairs == {(0, "材料/f1.docx"), (1, "材料/f0.docx"), (1, "材料/f2.docx"), (2, "材料/f1.docx")}
    f = next(f for k, f in found if k == 1)
    assert f.code == "B002" and f.location.paragraph == 2 and "第1段" in f.message and "相似度" in f.message


def test_text_shared_by_many_clusters_is_the_templates_not_copying() -> None:
    common = prose_text(120, seed=50)[0]
    entries = [_entry(k, f"第{k}产业集群", [common, prose_text(120, seed=60 + k)[0]]) for k in range(5)]
    assert copied_paragraphs(entries) == []
    assert copied_paragraphs(entries[:2])  # two clusters alike: that is copying


def test_same_cluster_twice_only_for_the_same_template() -> None:
    entries = [_entry(0, "甲产业集群", []), _entry(1, "甲产业集群", []),
               _entry(2, "甲产业集群", [], template="hubei-2024-stats"), _entry(3, "乙产业集群", [])]
    found = same_cluster_twice(entries)
    assert sorted(k for k, _ in found) == [0, 1]
    assert "材料/f1.docx" in found[0][1].message and found[0][1].code == "B001"


def test_a_report_that_checked_nothing_is_compared_with_nothing() -> None:
    unread = Report(file="x.docx", sha256="x", template="hubei-2024-summary",
                    cluster=ClusterResult(found="甲产业集群", status="exact", matched=RosterEntryOut(name="甲产业集群")),
                    findings=[Finding(code="F001", severity="error", target="文件", message="坏了")]).finalise()
    assert cross_check([_entry(0, "甲产业集群", []), Submission(1, "x.docx", unread, [])]) == {}


def test_the_fingerprint_keeps_long_paragraphs_and_cells_with_where_they_are() -> None:
    text = prose_text(120, seed=3)[0]
    prints = fingerprint(make(H("一、总体情况"), P(text), P("短句。")))
    assert prints == [{"text": text, "where": {"section": "一、总体情况", "paragraph": 2}}]

"""The library's front door: check(document, template="auto", roster="auto") makes every judgement,
which template applies and which roster included."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from checkers import PackError, RosterError, check, load_pack, load_roster
from checkers.context import Context
from checkers.kinds.identity import Identity
from extractor import extract
from tests.checkers.make_doc import H, P, make, prose, toml_pack

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "files" / "hubei-2023-summary_short-section.docx"


def test_a_file_is_checked_against_the_template_it_follows_and_that_templates_roster() -> None:
    r = check(extract(SAMPLE))
    assert (r.template, r.template_detected.id, r.roster) == ("hubei-2023-summary", "hubei-2023-summary", "hubei-2023")
    assert r.template_detected.confidence >= 0.9 and r.cluster.status == "exact"
    assert r.sha256 == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()  # set by the extractor, not patched on
    assert [f.code for f in r.findings] == ["L001"] and r.measures


def test_template_and_roster_by_id_by_object_or_none() -> None:
    doc = extract(SAMPLE)
    by_id = check(doc, "hubei-2023-summary", "hubei-2023")
    by_object = check(doc, load_pack("hubei-2023-summary"), load_roster("hubei-2023"))
    assert by_id.model_dump() == by_object.model_dump()
    alone = check(doc, "hubei-2023-summary", "none")
    assert alone.roster is None and alone.cluster.status == "unmatched" and alone.cluster.found
    assert check(doc, "hubei-2023-summary", None).roster is None


def test_a_reference_that_does_not_load_is_the_callers_error() -> None:
    doc = extract(SAMPLE)
    with pytest.raises(PackError):
        check(doc, "no-such-template")
    with pytest.raises(RosterError):
        check(doc, "hubei-2023-summary", "no-such-roster")


def test_a_document_no_template_fits_gets_its_own_code() -> None:
    r = check(make(H("一、会议纪要"), *prose(80), filename="纪要.docx"))
    assert r.template is None and r.verdict == "fail" and r.unchecked
    (f,) = r.findings
    assert (f.code, f.severity, f.target) == ("M001", "error", "模板")
    assert f.message.startswith("无法识别材料对应的模板") and f.actual.startswith("最接近：")
    assert r.stats.words > 0 and r.outline  # what was read is still reported


def test_identity_returns_the_cluster_it_found_instead_of_writing_it_somewhere() -> None:
    pack = toml_pack('[[rules]]\nid = "id"\nkind = "identity"\nclause = "x"\n')
    doc = make(P("集群名称：十堰商用车及部件创新型产业集群"))
    result = pack.rules[0].run(Context(doc=doc, roster=load_roster("hubei-2023")))
    assert isinstance(pack.rules[0], Identity)
    assert result.cluster is not None and result.cluster.status == "exact" and result.findings == []
    assert check(doc, pack, "hubei-2023").cluster == result.cluster

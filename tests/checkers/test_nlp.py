"""Claims, policy titles, 文号, dates and evidence references in Chinese text."""

from __future__ import annotations

import pytest

from checkers import nlp


def labels(text: str, label: str) -> list[str]:
    return [s.text for s in nlp.spans(text) if s.label == label]


@pytest.mark.parametrize(("text", "number"), [
    ("依据国科火字〔2020〕185号文件", "国科火字〔2020〕185号"),
    ("印发了鄂政办发〔2021〕12号", "鄂政办发〔2021〕12号"),
    ("《创新型产业集群试点认定管理办法》(国科发火 (2013) 230 号)", "国科发火 (2013) 230 号"),
    ("湘政发[2022]第5号", "湘政发[2022]第5号"),
    ("（2013）230号", "（2013）230号"),
])
def test_document_numbers(text: str, number: str) -> None:
    assert labels(text, "DOC_NO") == [number]


@pytest.mark.parametrize(("text", "date"), [
    ("于2021年3月31日印发", "2021年3月31日"),
    ("2021年3月印发", "2021年3月"),
    ("发文时间：2021-03-31", "2021-03-31"),
    ("二〇二一年三月三十一日", "二〇二一年三月三十一日"),
])
def test_dates(text: str, date: str) -> None:
    assert labels(text, "DATE") == [date]


def test_amounts_and_percentages_are_not_dates() -> None:
    text = "实现营业收入12.5亿元，同比增长8.5%，2021.5亿元不是日期"
    assert labels(text, "AMOUNT")[:1] == ["12.5亿元"]
    assert labels(text, "PERCENT") == ["8.5%"]
    assert labels(text, "DATE") == []


def test_policy_titles_and_ocr_closing_brackets() -> None:
    text = "根据《创新型产业集群试点认定管理办法))和《关于加快发展的若干意见》，市政府出台了关于促进产业集群发展的若干意见。"
    found = [s.text for s in nlp.policies(text)]
    assert found == ["《创新型产业集群试点认定管理办法))", "《关于加快发展的若干意见》", "关于促进产业集群发展的若干意见"]


def test_book_titles_that_are_not_policies_are_ignored() -> None:
    assert nlp.policies("集群企业参编《中国制造业年鉴》") == []


def test_claims_need_a_level_unless_they_are_titles() -> None:
    text = ("公司获评国家级专精特新“小巨人”企业，建有省级企业技术中心。全省高新技术企业达到350家，"
            "新增高新技术企业35家，国家重点实验室2个，荣获湖北省科技进步奖一等奖，制造业单项冠军1家。")
    got = [c.text for c in nlp.claims(text)]
    assert got == ["国家级专精特新“小巨人”", "省级企业技术中心", "国家重点实验室", "湖北省科技进步奖", "制造业单项冠军"]


def test_claim_quotes_are_optional() -> None:
    assert [c.term for c in nlp.claims("3家企业入选专精特新小巨人")] == ["专精特新小巨人"]
    assert [c.term for c in nlp.claims('入选国家级专精特新"小巨人"企业')] == ['专精特新"小巨人"']


def test_a_level_does_not_reach_across_a_comma() -> None:
    assert nlp.claims("省级层面高度重视，企业技术中心建设加快") == []


def test_extra_vocabulary() -> None:
    got = nlp.claims("拥有省级以上创新服务机构12家", ("省级以上创新服务机构",))
    assert [c.text for c in got] == ["省级以上创新服务机构"]


@pytest.mark.parametrize(("text", "has"), [
    ("（见附件3）", True), ("佐证材料第12页", True), ("P23-27", True), ("详见第5页", True),
    ("附件2：证书复印件", True), ("建有省级企业技术中心", False), ("页码待定", False),
])
def test_evidence_references(text: str, has: bool) -> None:
    assert bool(labels(text, "EVIDENCE")) is has  # what the claims kind takes as evidenced


def test_offsets_survive_chunking_of_long_text() -> None:
    filler = "集群企业持续推进关键技术攻关，取得明显成效。" * 200
    text = filler + "建有国家级企业技术中心（见附件3）。"
    found = nlp.spans(text)
    claim = next(s for s in found if s.label == "PLATFORM")
    assert text[claim.start:claim.end] == "企业技术中心"
    assert claim.start > nlp.CHUNK
    pieces = list(nlp.chunks(text))
    assert all(len(p) <= nlp.CHUNK for _, p in pieces)
    assert "".join(p for _, p in pieces) == text


def test_the_pipeline_is_built_once() -> None:
    assert nlp.pipeline() is nlp.pipeline()
    assert nlp.pipeline().pipe_names == ["entity_ruler"]


@pytest.mark.parametrize("text", ["集群新增高新技术企业35家。", "建有省级企业技术中心。", "获评专精特新“小巨人”企业。",
                                  "荣获湖北省科技进步奖一等奖", "建有国家重点实验室1个", "获评瞪羚企业"])
def test_the_cheap_claim_test_never_skips_a_claim(text: str) -> None:
    assert nlp.may_claim(text) or not nlp.claims(text)
    assert nlp.may_claim("建有孵化器", ("孵化器",))  # a pack's own vocabulary counts too


def test_prose_without_claim_terms_skips_the_pipeline() -> None:
    assert not nlp.may_claim("集群企业持续推进关键技术攻关，取得明显成效。")
    assert not nlp.may_claim("新增高新技术企业35家")  # a platform without a level is a statistic

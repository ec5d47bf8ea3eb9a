"""Evidence kinds: evidence_items (E001), attachments (E002), policy_refs (E003), claims (E004)."""

from __future__ import annotations

from typing import Any

from extractor.model import Document, Location, Paragraph
from tests.checkers.make_doc import H, P, T, codes, make, run

# ---- evidence_items -----------------------------------------------------------------------------
ITEMS = {"id": "ev", "kind": "evidence_items",
         "attachments": [{"number": "七", "title": "佐证材料"}]}


def cultivation(champions: str = "2", giants: str = "3（P12-14）", attachments: list[str] | None = None) -> Document:
    rows = [["近2年情况\n指标名称", "2021年", "2022年", "增幅（%）"],
            ["企业数量（个）", "300", "320", "6.67"],
            ["上市和挂牌企业数量（个，需提供佐证材料，并标注所在页码，下同）", "0", "0", "0"],
            ["国家级单项冠军数量（个，需提供佐证材料）", "1", champions, ""],
            ["国家级专精特新“小巨人”企业数量（个，需提供佐证材料）", "2", giants, "50"]]
    blocks: list[Any] = [H("二、集群发展总体情况"), T(rows), H("七、佐证材料")]
    blocks += [P(x) for x in (attachments or [])]
    return make(*blocks)


def test_marked_rows_with_values_need_a_reference() -> None:
    (f,) = run(cultivation(), ITEMS)
    assert (f.code, f.target, f.location.row, f.location.column) == ("E001", "国家级单项冠军数量", 4, 1)
    assert f.message == "“国家级单项冠军数量”填报 1，但未注明佐证材料（附件或所在页码）"


def test_zero_rows_need_nothing_and_references_or_attachments_count() -> None:
    assert run(cultivation(champions="2（见第9页）"), ITEMS) == []
    assert run(cultivation(attachments=["1. 国家级单项冠军企业认定文件"]), ITEMS) == []


def test_extra_items_by_label() -> None:
    rule = ITEMS | {"items": ["企业数量"]}
    assert ("E001", "企业数量（个）") in codes(run(cultivation(champions="2（见第9页）"), rule))


def test_rows_of_a_fields_rule_are_left_to_it() -> None:
    fields = {"id": "f", "kind": "fields", "table": {"label": "2.2", "header": ["企业数量"]},
              "columns": ["2021年", "2022年"], "attachments": [{"number": "七", "title": "佐证材料"}],
              "rows": [{"label": "国家级单项冠军数量", "unit": "个", "evidence": True}]}
    found = run(cultivation(), ITEMS, fields)
    assert [(f.code, f.rule) for f in found] == [("E001", "f")]


# ---- attachments --------------------------------------------------------------------------------
ATTACH = {"id": "att", "kind": "attachments", "section": {"number": "七", "title": "佐证材料"}}


def test_attachments_present_missing_or_empty() -> None:
    assert run(make(H("一、情况"), P("正文"), H("七、佐证材料"), P("附件1：高新技术企业证书")), ATTACH) == []
    (f,) = run(make(H("一、情况"), P("正文")), ATTACH)
    assert (f.code, f.target) == ("E002", "佐证材料")
    assert f.message == "未找到“七、佐证材料”部分"
    (f,) = run(make(H("一、情况"), P("正文"), H("七、佐证材料")), ATTACH)
    assert "为空" in f.message and f.actual == 0


def test_scanned_certificates_are_attachments() -> None:
    """A paragraph holding only a picture (a scan) is an item: neither E002 nor O004 for the section."""
    scan = Paragraph(text="", loc=Location(), images=1)
    outline = {"id": "outline", "kind": "outline", "sections": [{"number": "七", "title": "佐证材料"}]}
    assert run(make(H("七、佐证材料"), scan, scan), ATTACH, outline) == []
    rule = ATTACH | {"section": {"title": "附件"}}
    assert run(make(H("一、情况"), P("正文"), P("附件："), scan), rule) == []
    assert codes(run(make(H("七、佐证材料")), ATTACH, outline)) == [("E002", "佐证材料"), ("O004", "佐证材料")]


def test_attachments_as_a_lead_paragraph() -> None:
    doc = make(H("一、情况"), P("正文"), P("附件："), P("1. 认定文件"), P("2. 证书"))
    rule = ATTACH | {"section": {"title": "附件", "aliases": ["佐证材料"]}}
    assert run(doc, rule) == []
    assert codes(run(make(H("一、情况"), P("附件：")), rule)) == [("E002", "附件")]


def test_attachments_in_a_cell() -> None:
    rule = {"id": "att", "kind": "attachments", "scope": "cell", "cell_label": "4.3相关佐证资料",
            "ignore": ["包括机构成立批文或注册登记执照复印件、固定的办公场所证明、机构负责人相关资历证书等佐证材料。"]}
    guide = "包括机构成立批文或注册登记执照复印件、固定的办公场所证明、机构负责人相关资历证书等佐证材料。"
    filled = make(T([["4.3相关佐证资料"], [guide + "\n1. 营业执照复印件\n2. 办公场所租赁合同"]]))
    assert run(filled, rule) == []
    (f,) = run(make(T([["4.3相关佐证资料"], [guide]])), rule)
    assert (f.code, f.target) == ("E002", "4.3相关佐证资料")


# ---- policy_refs --------------------------------------------------------------------------------
POLICY = {"id": "pol", "kind": "policy_refs", "need": ["number", "date"],
          "table_labels": ["简述产业集群所在地政府为促进产业集群发展出台的政策措施"]}


def policy_form(text: str) -> Document:
    label = "简述产业集群所在地政府为促进产业集群发展出台的政策措施（注明文件名称、文号、发文时间和发文机关等）"
    return make(T([[label], [text]]))


def test_policies_with_number_and_date_pass() -> None:
    text = ("市政府印发《关于加快推进产业集群发展的实施意见》（随政发〔2019〕8号，2019年5月6日），"
            "2020年3月出台《产业集群专项资金管理办法》（随政办发〔2020〕3号）。")
    assert run(policy_form(text), POLICY) == []


def test_policy_without_number_or_date() -> None:
    text = "市政府印发《关于加快推进产业集群发展的实施意见》，并出台《产业集群专项资金管理办法》（随政办发〔2020〕3号）。"
    found = run(policy_form(text), POLICY)
    assert codes(found) == sorted([("E003", "《关于加快推进产业集群发展的实施意见》"), ("E003", "《产业集群专项资金管理办法》")])
    first = next(f for f in found if "实施意见" in f.target)
    assert first.message == "引用的《关于加快推进产业集群发展的实施意见》未注明文号、发文时间"
    assert first.location.row == 2


def test_a_later_short_mention_is_not_reported() -> None:
    rule = {"id": "pol", "kind": "policy_refs"}
    doc = make(P("根据《创新型产业集群评价指引（试行）》（国科火字〔2020〕183号，下称《指引》）开展工作。"),
               P("按照《创新型产业集群评价指引（试行）》要求，依照《指引》推进。"))
    assert run(doc, rule) == []


def test_policies_in_sections() -> None:
    rule = {"id": "pol", "kind": "policy_refs", "sections": [{"number": "六", "title": "集群发展环境"}]}
    doc = make(H("一、集群总体情况"), P("落实《省级集群培育方案》。"), H("六、集群发展环境"),
               P("出台了关于促进集群发展的若干意见，明确了支持方向。"))
    (f,) = run(doc, rule)
    assert (f.code, f.target) == ("E003", "关于促进集群发展的若干意见")


# ---- claims -------------------------------------------------------------------------------------
CLAIMS = {"id": "cl", "kind": "claims", "attachments": [{"number": "十一", "title": "相关附件"}]}


def test_claims_without_evidence_one_finding_per_paragraph() -> None:
    doc = make(H("二、集群企业发展情况"),
               P("集群新增高新技术企业35家。龙头企业获评国家级专精特新“小巨人”企业，建有省级企业技术中心。"),
               P("集群企业荣获湖北省科技进步奖一等奖2项（见附件3）。"),
               H("十一、相关附件"), P("附件3：科技进步奖证书"))
    (f,) = run(doc, CLAIMS)
    assert (f.code, f.severity, f.target) == ("E004", "warning", "国家级专精特新“小巨人”")
    assert f.actual == ["国家级专精特新“小巨人”", "省级企业技术中心"]
    assert f.location.paragraph == 2


def test_claims_named_in_the_attachments_are_evidenced() -> None:
    doc = make(H("二、情况"), P("建有省级企业技术中心。"), H("十一、相关附件"), P("1. 省级企业技术中心认定文件"))
    assert run(doc, CLAIMS) == []


def test_claims_limited_to_sections() -> None:
    rule = CLAIMS | {"sections": [{"number": "三", "title": "集群创新能力"}]}
    doc = make(H("二、情况"), P("建有省级企业技术中心。"), H("三、集群创新能力"), P("建有国家重点实验室1个。"))
    (f,) = run(doc, rule)
    assert f.target == "国家重点实验室"

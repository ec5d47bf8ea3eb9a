"""Outline (O001–O004), item counts (O005) and template text left in (D005), on Documents built
from the model, so the matching is tested apart from any parser."""

from __future__ import annotations

import pytest

from checkers import check
from checkers.findings import Finding
from checkers.pack import RulePack, parse_pack
from tests.checkers.make_doc import H, P, make, prose

PACK = """
[pack]
id = "t-outline"
title = "测试提纲"
seed = "000 附件2"
version = "1"

[[rules]]
id = "outline"
kind = "outline"
clause = "提纲"
sections = [
  { number = "一", title = "集群总体情况" },
  { number = "二", title = "集群企业发展情况" },
  { number = "三", title = "集群产业发展情况" },
  { number = "四", title = "主要做法和经验", aliases = ["主要做法与经验"] },
  { number = "五", title = "存在问题与下一步工作考虑", aliases = ["存在的问题及下一步工作打算"] },
  { number = "六", title = "集群发展情况", children = [
      { number = "（一）", title = "集群产业结构发展情况" },
      { number = "（二）", title = "集群创新服务建设体系" } ] },
  { number = "七", title = "典型案例" },
  { number = "八", title = "相关附件", body_required = false },
]

[[rules]]
id = "cases"
kind = "item_count"
clause = "十、典型案例（1-2个）"
section = { number = "七", title = "典型案例" }
min = 1
max = 2

[[rules]]
id = "guidance"
kind = "instructions"
clause = "提纲说明"
phrases = ["包括2023年度集群发展总体情况，各项指标完成情况等。", "（不少于2000字）", "参考选择以下方向"]
"""

NUMS = "一二三四五六七八"
TOP = ["集群总体情况", "集群企业发展情况", "集群产业发展情况", "主要做法和经验", "存在问题与下一步工作考虑",
       "集群发展情况", "典型案例", "相关附件"]


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return parse_pack(PACK, "test")


def sections(fmt: str = "{n}、{t}", titles: list[str] = TOP, skip: tuple[int, ...] = (),
             empty: tuple[int, ...] = (), cases: list[str] | None = None) -> list:
    out: list = [P("2023年度十堰商用车及部件创新型产业集群工作总结")]
    for i, t in enumerate(titles):
        if i in skip:
            continue
        out.append(H(fmt.format(n=NUMS[i] if fmt != "{n}. {t}" else i + 1, t=t), level=1, page=i + 1))
        if i in empty:
            continue
        if t == "集群发展情况":
            out += [H("（一）集群产业结构发展情况", 2), *prose(80, i), H("（二）集群创新服务建设体系", 2), *prose(80, i + 9)]
        elif t == "典型案例" and cases is not None:
            for k, c in enumerate(cases):
                out += [H(c, 2), *prose(60, 30 + k)]
        else:
            out += prose(120, i)
    return out


def run(pack: RulePack, *items: object) -> list[Finding]:
    return check(make(*items), pack).findings


def codes(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.target) for f in findings]


@pytest.mark.parametrize("fmt", ["{n}、{t}", "{n}．{t}", "{n}.{t}", "{t}", "{n}. {t}", "第{n}部分 {t}"])
def test_complete_outline_passes_in_any_numbering_style(pack: RulePack, fmt: str) -> None:
    assert run(pack, sections(fmt)) == []


def test_small_wording_changes_and_aliases_are_the_same_section(pack: RulePack) -> None:
    titles = [*TOP]
    titles[3] = "主要做法与经验"
    titles[4] = "存在的问题及下一步工作打算"
    titles[6] = "典型案例（2个）"
    assert run(pack, sections(titles=titles)) == []


def test_missing_section_is_o001_with_the_template_label(pack: RulePack) -> None:
    f = run(pack, sections(skip=(3,)))
    assert codes(f) == [("O001", "主要做法和经验")]
    assert f[0].expected == "四、主要做法和经验" and f[0].severity == "error"
    assert f[0].message == "未找到提纲要求的“四、主要做法和经验”部分（应位于“三、集群产业发展情况”之后）"


def test_near_identical_titles_never_claim_the_same_heading(pack: RulePack) -> None:
    f = run(pack, sections(skip=(1,)))  # 集群企业发展情况 missing; 集群产业发展情况 must not stand in
    assert codes(f) == [("O001", "集群企业发展情况")]


def test_out_of_order_flags_the_moved_section(pack: RulePack) -> None:
    items = sections()
    # move 二 (heading + prose) after 四
    start = next(i for i, b in enumerate(items) if getattr(b, "text", "") == "二、集群企业发展情况")
    end = next(i for i, b in enumerate(items) if getattr(b, "text", "") == "三、集群产业发展情况")
    moved, rest = items[start:end], items[:start] + items[end:]
    at = next(i for i, b in enumerate(rest) if getattr(b, "text", "") == "五、存在问题与下一步工作考虑")
    f = run(pack, rest[:at] + moved + rest[at:])
    assert codes(f) == [("O002", "集群企业发展情况")]
    assert (f[0].expected, f[0].actual) == (2, 4)
    assert "排在“四、主要做法和经验”之后" in f[0].message


def test_duplicate_section_is_o003(pack: RulePack) -> None:
    items = sections()
    items += [H("二、集群企业发展情况", page=9), *prose(100, 5)]
    items.append(H("九、其他", page=10))
    f = [x for x in run(pack, items) if x.code == "O003"]
    assert codes(f) == [("O003", "集群企业发展情况")]
    assert (f[0].expected, f[0].actual) == (1, 2)
    assert "出现 2 次（第2、9页）" in f[0].message


def test_empty_section_is_o004_but_not_where_the_body_is_optional(pack: RulePack) -> None:
    f = run(pack, sections(empty=(3, 7)))
    assert codes(f) == [("O004", "主要做法和经验")]
    assert f[0].actual == 0 and f[0].location.section == "四、主要做法和经验"


def test_children_are_looked_up_within_their_parent(pack: RulePack) -> None:
    items = sections()
    at = next(i for i, b in enumerate(items) if getattr(b, "text", "") == "（二）集群创新服务建设体系")
    del items[at]  # now only (一) under 六; put a (二) under 二 instead, where it does not count
    pos = next(i for i, b in enumerate(items) if getattr(b, "text", "") == "三、集群产业发展情况")
    items.insert(pos, H("（二）集群创新服务建设体系", 2))
    f = run(pack, items)
    assert codes(f) == [("O001", "集群创新服务建设体系")]
    assert f[0].location.section == "六、集群发展情况"
    assert "“六、集群发展情况”中未找到提纲要求的“（二）集群创新服务建设体系”" in f[0].message


@pytest.mark.parametrize(("cases", "expected"), [
    (["案例一：东风商用车带动产业链协同", "案例二：数字化转型"], []),
    (["案例一：东风", "案例二：数字化", "案例三：绿色化"], [("O005", "典型案例")]),
    (None, []),  # one case written as prose under the heading
])
def test_case_count(pack: RulePack, cases: list[str] | None, expected: list[tuple[str, str]]) -> None:
    f = run(pack, sections(cases=cases))
    assert codes(f) == expected
    if expected:
        assert (f[0].expected, f[0].actual) == ("1–2", 3)
        assert f[0].message == "“典型案例”有 3 个案例，要求 1–2 个"
    (m,) = [m for m in check(make(*sections(cases=cases)), pack).measures if m.kind == "item_count"]
    assert (m.value, m.unit, m.lo, m.hi, m.wording) == (len(cases or [None]), "个", 1, 2, "1–2个案例")
    assert m.status == ("long" if expected else "ok") and m.section == "七、典型案例"


def test_cases_as_marked_paragraphs_are_counted(pack: RulePack) -> None:
    items = sections()
    at = next(i for i, b in enumerate(items) if getattr(b, "text", "") == "八、相关附件")
    extra = [P("案例一：东风公司"), *prose(40, 1), P("案例二：华为"), *prose(40, 2), P("案例三：中车"), *prose(40, 3)]
    f = run(pack, items[:at] + extra + items[at:])
    assert codes(f) == [("O005", "典型案例")]


def test_guidance_left_in_is_d005_with_the_section_as_target(pack: RulePack) -> None:
    items = sections()
    items.insert(2, P("包括2023年度集群发展总体情况，各项指标完成情况等。"))
    items = [H("二、集群企业发展情况（不少于2000字）") if getattr(b, "text", "") == "二、集群企业发展情况" else b
             for b in items]
    f = run(pack, items)
    assert sorted(codes(f)) == [("D005", "集群企业发展情况"), ("D005", "集群总体情况")]
    assert all(x.severity == "warning" for x in f)


@pytest.mark.parametrize(("number", "value"), [("十一", 11), ("（三）", 3), ("二十", 20), ("2", 2), ("2.8", None),
                                               ("十", 10), ("二十三", 23)])
def test_typed_numbers_compare_by_value(number: str, value: int | None) -> None:
    from checkers.matching import number_value

    assert number_value(number) == value


@pytest.mark.parametrize(("found", "wanted", "matches"), [
    ("典型案例（2个）", "典型案例", True),
    ("集群发展环境建设情况", "集群发展环境", True),
    ("产业发展情况", "集群产业发展情况", True),
    ("集群发展", "集群发展成效", False),
    ("集群基本情况", "集群总体情况", False),
])
def test_title_score_lets_headings_add_words_more_freely_than_drop_them(found: str, wanted: str, matches: bool) -> None:
    from checkers.matching import title_score

    assert (title_score(found, wanted) >= 80) is matches

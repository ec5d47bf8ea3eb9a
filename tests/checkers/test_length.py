"""字数 limits (L001–L003): counted by extractor.counting on the section body, the whole document
or a form cell; expected and actual carry the numbers."""

from __future__ import annotations

import pytest

from checkers import check
from checkers.findings import Finding, Measure
from extractor.counting import word_count
from tests.checkers.make_doc import H, P, T, make, prose, toml_pack

OUTLINE = """
[[rules]]
id = "outline"
kind = "outline"
sections = [{ number = "一", title = "集群企业发展情况" }, { number = "二", title = "集群产业发展情况" },
            { number = "三", title = "附件", body_required = false }]
"""


def run(rules: str, *items: object) -> list[Finding]:
    return check(make(*items), toml_pack(rules)).findings


def exactly(words: int) -> P:
    text = "集" * words
    assert word_count(text) == words
    return P(text)


@pytest.mark.parametrize(("words", "codes"), [(1999, ["L001"]), (2000, []), (2600, [])])
def test_min_on_a_section(words: int, codes: list[str]) -> None:
    rule = OUTLINE + '[[rules]]\nid = "len-1"\nkind = "length"\nsection = { number = "一", title = "集群企业发展情况" }\nmin = 2000\n'
    f = run(rule, H("一、集群企业发展情况"), exactly(words), H("二、集群产业发展情况"), exactly(5), H("三、附件"))
    assert [x.code for x in f] == codes
    if codes:
        assert (f[0].target, f[0].expected, f[0].actual) == ("集群企业发展情况", 2000, 1999)
        assert f[0].message == "“集群企业发展情况”字数为 1999，少于要求的 2000 字（不少于2000字）"
        assert f[0].location.section == "一、集群企业发展情况" and f[0].rule == "len-1"


def test_subsections_count_and_the_heading_does_not() -> None:
    rule = '[[rules]]\nid = "len"\nkind = "length"\nsection = { title = "集群企业发展情况" }\nmax = 10\n'
    f = run(rule, H("一、集群企业发展情况"), exactly(6), H("（一）子项", 2), exactly(4), H("二、其他"), exactly(50))
    assert [x.code for x in f] == ["L002"]
    assert f[0].actual == 6 + word_count("（一）子项") + 4
    assert "超过上限 10 字（10字以内）" in f[0].message


def test_length_follows_the_outline_assignment_not_the_closest_title() -> None:
    """With 集群企业发展情况 missing, its length rule must not measure 集群产业发展情况."""
    rule = OUTLINE + '[[rules]]\nid = "len"\nkind = "length"\nsection = { number = "一", title = "集群企业发展情况" }\nmin = 2000\n'
    f = run(rule, H("二、集群产业发展情况"), exactly(10), H("三、附件"))
    assert [(x.code, x.target) for x in f] == [("O001", "集群企业发展情况")]


def test_an_empty_section_is_reported_once_as_o004() -> None:
    rule = OUTLINE + '[[rules]]\nid = "len"\nkind = "length"\nsection = { number = "一", title = "集群企业发展情况" }\nmin = 2000\n'
    f = run(rule, H("一、集群企业发展情况"), H("二、集群产业发展情况"), exactly(10), H("三、附件"))
    assert [x.code for x in f] == ["O004"]


@pytest.mark.parametrize(("words", "codes"), [(2799, ["L003"]), (2800, []), (4200, []), (4201, ["L003"])])
def test_about_with_the_packs_tolerance_on_the_document(words: int, codes: list[str]) -> None:
    rule = ('[[rules]]\nid = "len"\nkind = "length"\nscope = "document"\ntarget = "总结报告"\nabout = 3500\n'
            'tolerance = 0.2\nexclude = [{ title = "佐证材料" }]\n')
    title = P("总结报告")
    body = exactly(words - word_count("总结报告") - word_count("一、概况"))
    f = run(rule, title, H("一、概况"), body, H("二、佐证材料"), exactly(900))
    assert [x.code for x in f] == codes
    if codes:
        assert (f[0].expected, f[0].actual, f[0].severity) == (3500, words, "warning")
        assert f"字数为 {words}，偏离要求的 3500 字左右（允许 2800–4200 字）" in f[0].message


def test_cell_scope_counts_the_cell_below_a_full_width_label() -> None:
    rule = '[[rules]]\nid = "len"\nkind = "length"\nscope = "cell"\ncell_label = "2.8集群发展总体情况自评报告"\nmax = 2500\n'
    table = T([["2.8集群发展总体情况自评报告", ""], ["集" * 2600, ""]], merges=[(0, 0, 1, 2), (1, 0, 1, 2)])
    f = run(rule, table)
    assert [(x.code, x.actual, x.location.row) for x in f] == [("L002", 2600, 1)]


def test_missing_section_gives_no_length_finding_of_its_own() -> None:
    rule = '[[rules]]\nid = "len"\nkind = "length"\nsection = { title = "集群金融创新发展情况" }\nmin = 1000\n'
    assert run(rule, H("一、其他"), *prose(50)) == []


def test_a_rule_naming_the_section_without_its_number_still_follows_the_outline() -> None:
    rule = OUTLINE + '[[rules]]\nid = "len"\nkind = "length"\nsection = { title = "集群企业发展情况" }\nmin = 2000\n'
    f = run(rule, H("二、集群产业发展情况"), exactly(10), H("三、附件"))
    assert [(x.code, x.target) for x in f] == [("O001", "集群企业发展情况")]


# ---- the report carries what was measured ----------------------------------------------------------
def measures(rules: str, *items: object) -> list[Measure]:
    return check(make(*items), toml_pack(rules)).measures


def test_a_section_rule_reports_what_it_counted_whether_or_not_it_fired() -> None:
    rule = OUTLINE + '[[rules]]\nid = "len-1"\nkind = "length"\nclause = "（不少于2000字）"\nsection = { number = "一", title = "集群企业发展情况" }\nmin = 2000\n'
    for words, status in ((1999, "short"), (2000, "ok")):
        (m,) = measures(rule, H("一、集群企业发展情况"), exactly(words), H("二、集群产业发展情况"), exactly(5), H("三、附件"))
        assert (m.rule, m.kind, m.scope, m.value, m.min, m.lo, m.hi, m.status) == (
            "len-1", "length", "section", words, 2000, 2000, None, status)
        assert (m.section, m.outline, m.wording, m.clause) == ("一、集群企业发展情况", 0, "不少于2000字", "（不少于2000字）")


def test_about_measure_carries_its_tolerance_bounds() -> None:
    rule = '[[rules]]\nid = "len"\nkind = "length"\nscope = "document"\nabout = 3500\ntolerance = 0.2\n'
    (m,) = measures(rule, exactly(4201))
    assert (m.target, m.value, m.about, m.tolerance, m.lo, m.hi, m.status) == ("全文", 4201, 3500, 0.2, 2800, 4200, "long")
    assert m.wording == "3500字左右（2800–4200）" and m.outline is None


def test_a_passing_cell_is_measured_and_a_missing_one_is_not() -> None:
    rule = '[[rules]]\nid = "len"\nkind = "length"\nscope = "cell"\ncell_label = "2.8集群发展总体情况自评报告"\nmax = 2500\n'
    table = T([["2.8集群发展总体情况自评报告", ""], ["集" * 2000, ""]], merges=[(0, 0, 1, 2), (1, 0, 1, 2)])
    (m,) = measures(rule, table)
    assert (m.scope, m.value, m.hi, m.status, m.wording) == ("cell", 2000, 2500, "ok", "2500字以内")
    (gone,) = measures(rule, P("别的内容"))
    assert (gone.value, gone.status) == (None, "unmeasured")


def test_a_missing_section_is_unmeasured() -> None:
    rule = OUTLINE + '[[rules]]\nid = "len"\nkind = "length"\nsection = { number = "一", title = "集群企业发展情况" }\nmin = 2000\n'
    (m,) = measures(rule, H("二、集群产业发展情况"), exactly(10), H("三、附件"))
    assert (m.value, m.section, m.outline, m.status) == (None, None, None, "unmeasured")


def test_the_outline_assignment_does_not_depend_on_the_order_of_the_rules() -> None:
    """The length rule comes before the outline in the pack: it still measures the heading the outline
    assigned (the Context matches every declared outline, whichever rule asks first)."""
    first = '[[rules]]\nid = "len"\nkind = "length"\nsection = { number = "一", title = "集群企业发展情况" }\nmin = 2000\n'
    items = (H("二、集群产业发展情况"), exactly(10), H("三、附件"))
    assert [(f.code, f.target) for f in run(first + OUTLINE, *items)] == [("O001", "集群企业发展情况")]
    assert [m.status for m in measures(first + OUTLINE, *items)] == ["unmeasured"]

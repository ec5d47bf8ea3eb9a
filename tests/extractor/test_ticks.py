from __future__ import annotations

import pytest

from extractor.ticks import TICKED, UNTICKED, choices, normalize, symbol_glyph


@pytest.mark.parametrize("glyph", list("☑√✓■✔☒⊠"))
def test_every_ticked_glyph_becomes_one_box_in_a_choice(glyph: str) -> None:
    assert normalize(f"是{glyph} 否□") == f"是{TICKED} 否{UNTICKED}"


@pytest.mark.parametrize("text", ["是□ 否☐", "县域☐  其他地区□"])
def test_empty_boxes_become_one_glyph(text: str) -> None:
    assert set(normalize(text)) & set("□☐") == {UNTICKED}


@pytest.mark.parametrize("text", ["■ 重点支持集群企业开展关键核心技术攻关。", "面积√2平方米", "计算公式：x=√(a²+b²)"])
def test_bullets_and_signs_outside_a_choice_are_left_alone(text: str) -> None:
    assert normalize(text) == text


def test_a_mark_alone_in_a_cell_is_a_tick() -> None:
    assert normalize(" √ ") == f" {TICKED} "


def test_a_bare_mark_after_a_short_label_is_a_tick() -> None:
    assert normalize("是√  否") == f"是{TICKED}  否"


@pytest.mark.parametrize(("text", "expected"), [
    ("是☑ 否☐", [("是", True), ("否", False)]),
    ("☑初次申请 ☐再次申请", [("初次申请", True), ("再次申请", False)]),
    ("县域□ 其他地区☑", [("县域", False), ("其他地区", True)]),
    ("产业集群类型：县域□  其他地区√", [("县域", False), ("其他地区", True)]),
    ("集群两年内（截止申请日期）是否发生重大质量、安全及环保事故。\n是□             否√", [("是", False), ("否", True)]),
    ("申报类别：■ 先进制造业集群   □ 中小企业特色产业集群", [("先进制造业集群", True), ("中小企业特色产业集群", False)]),
    ("（☑先进制造业集群或☐中小企业特色产业集群）", [("先进制造业集群", True), ("中小企业特色产业集群", False)]),
    ("县域 ☐ 其他地区 ☒", [("县域", False), ("其他地区", True)]),
    ("没有选项", []),
])
def test_choices(text: str, expected: list[tuple[str, bool]]) -> None:
    assert choices(text) == expected


@pytest.mark.parametrize(("font", "code", "glyph"), [
    ("Wingdings 2", 0xF052, "☑"), ("Wingdings 2", 0xA3, "□"), ("Wingdings 2", 0xF053, "☒"),
    ("Wingdings", 0xF0FE, "☑"), ("Wingdings", 0xF0A8, "□"), ("Wingdings", 0xF0FC, "✓"), ("Symbol", 0xF0FE, None),
    ("Wingdings", 0xF04A, None),
])
def test_wingdings_symbols(font: str, code: int, glyph: str | None) -> None:
    assert symbol_glyph(font, code) == glyph

"""Numbers and units as applicants type them in Chinese forms."""

from __future__ import annotations

import pytest

from checkers.numbers import cn_to_number, convert, parse_number, parse_unit, unit_in_label


@pytest.mark.parametrize(("text", "expected", "value", "unit"), [
    ("1,234.5", None, 1234.5, None),
    ("１２３", None, 123.0, None),
    ("1，234", None, 1234.0, None),
    ("12.3万", "万元", 12.3, "万"),
    ("12.3万", "元", 123000.0, "万"),
    ("12.3万", None, 123000.0, None),
    ("三", None, 3.0, None),
    ("二十五", None, 25.0, None),
    ("一百零五", None, 105.0, None),
    ("两千三百", None, 2300.0, None),
    ("三万五千", None, 35000.0, None),
    ("三点五", None, 3.5, None),
    ("二〇二一", None, 2021.0, None),
    ("五亿元", "万元", 50000.0, "亿元"),
    ("0", None, 0.0, None),
    ("8.5%", "%", 8.5, "%"),
    ("8.5％", None, 8.5, "%"),
    ("3.5个百分点", "%", 3.5, "%"),
    ("(3)", None, -3.0, None),
    ("-5", "万元", -5.0, None),
    ("1.2亿元", "万元", 12000.0, "亿元"),
    ("1.2亿元人民币", "千元", 120000.0, "亿元"),
    ("45,820,000千兀", "千元", 45820000.0, "千元"),
    ("85家", "个", 85.0, "家"),
    ("1.2万人", "人", 12000.0, "万人"),
    ("5（见第23页）", "个", 5.0, None),
])
def test_values_in_the_expected_unit(text: str, expected: str | None, value: float, unit: str | None) -> None:
    p = parse_number(text, expected)
    assert p.status == "value", p
    assert p.value == pytest.approx(value)
    assert p.unit == unit


def test_a_trailing_reference_is_kept_as_a_note() -> None:
    assert parse_number("5（见第23页）").note == "(见第23页)"


@pytest.mark.parametrize("text", ["约 5 亿元", "300余家", "近50家", "5亿元左右", "120多"])
def test_approximate_figures_are_flagged(text: str) -> None:
    p = parse_number(text)
    assert p.status == "value" and p.approx


@pytest.mark.parametrize("text", ["约 5 亿元", "300余家"])
def test_approximate_values_still_carry_the_number(text: str) -> None:
    assert parse_number(text, "万元" if "元" in text else "家").value in (50000.0, 300.0)


@pytest.mark.parametrize("text", ["-", "—", "——", "/", "无", "暂无"])
def test_none_answers_are_filled_and_count_as_zero(text: str) -> None:
    p = parse_number(text)
    assert p.status == "none" and p.filled and p.number == 0.0


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "____", None])
def test_blank(text: str | None) -> None:
    p = parse_number(text)
    assert p.status == "blank" and not p.filled and p.number is None


def test_zero_is_filled_not_blank() -> None:
    p = parse_number("0")
    assert p.filled and p.status == "value" and p.number == 0.0


@pytest.mark.parametrize(("text", "expected", "reason"), [
    ("若干", None, "不是数字"),
    ("二三", None, "不是数字"),  # OCR of ≥
    ("待统计", "人", "不是数字"),
    ("85家", "万元", "单位“家”与要求的“万元”不符"),
    ("12.5%", "家", "单位“%”与要求的“家”不符"),
    ("12公斤", None, "单位“公斤”无法识别"),
    ("亿元", "万元", "不是数字"),
])
def test_invalid_with_a_reason(text: str, expected: str | None, reason: str) -> None:
    p = parse_number(text, expected)
    assert p.status == "invalid"
    assert reason in p.reason


def test_units_convert_between_thousand_ten_thousand_and_hundred_million_yuan() -> None:
    assert convert(1.2, "亿元", "万元") == pytest.approx(12000)
    assert convert(45820000, "千元", "亿元") == pytest.approx(458.2)
    assert convert(3, "万元", "千元") == pytest.approx(30)
    assert convert(1, "家", "万元") is None


def test_unit_parsing_and_ocr() -> None:
    assert parse_unit("千兀").text == "千元"  # type: ignore[union-attr]
    assert parse_unit("（万元）").text == "万元"  # type: ignore[union-attr]
    assert parse_unit("％").text == "%"  # type: ignore[union-attr]
    assert parse_unit("吨/万元").base == "吨/万元"  # type: ignore[union-attr]
    assert parse_unit("公斤") is None
    assert parse_unit("家").compatible(parse_unit("个"))  # type: ignore[union-attr,arg-type]
    assert not parse_unit("家").compatible(parse_unit("人"))  # type: ignore[union-attr,arg-type]


@pytest.mark.parametrize(("label", "unit"), [
    ("企业总户数（家）", "家"),
    ("营业收入（亿元）", "亿元"),
    ("上市和挂牌企业数量（个，需提供佐证材料，并标注所在页码，下同）", "个"),
    ("集群单位产值二氧化碳排放量（吨/万元）", "吨/万元"),
    ("集群内中小企业产值占集群总产值的比重（%，仅中小企业特色产业集群填报）", "%"),
    ("上市企业（不含“新三板“挂牌企业）", None),
    ("营业收入", None),
])
def test_unit_in_label(label: str, unit: str | None) -> None:
    assert unit_in_label(label) == unit


def test_chinese_numerals_reject_digit_runs_with_units_missing() -> None:
    assert cn_to_number("二三") is None
    assert cn_to_number("十") == 10
    assert cn_to_number("一亿三千万") == 130_000_000

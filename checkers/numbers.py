"""Numbers as applicants write them in Chinese forms, with their units.

A form cell holds "1,234.5", "１２３", "12.3万", "约 5 亿元", "二十五", "8.5%", "(3)", "5（见第23页）",
"—" or "无". `parse_number(text, expected)` turns it into one `Parsed`: a value (converted into the
unit the template asks for when one is given), the unit as written, or the reason it is not a
number. Blank ("", spaces, underscores) and "none" ("-", "—", "/", "无": filled, meaning zero) are
kept apart, because 空白不得分 while "无" is an answer; "0" is a value like any other.

Units are split into a magnitude and a base — 千元 = 千 × 元, 1.2万人 = 万 × 人 — so 千元/万元/亿元
convert into one another, a bare "12.3万" in a 万元 row means 12.3 万元, and OCR's 千兀 reads 千元.
Count units are compatible within their usual synonyms (家/户/个, 人/名/位, 件/项/个); anything else is
a wrong unit. A whole cell in parentheses, "(3)", is the accounting notation for −3.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Status = Literal["value", "blank", "none", "invalid"]

_MAGNITUDES: dict[str, float] = {"百万": 1e6, "千万": 1e7, "十万": 1e5, "万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
# Bases longest first; compound units are bases of their own.
_BASES = sorted(["元", "美元", "人民币", "%", "家", "户", "个", "人", "名", "位", "件", "项", "所", "座", "台",
                 "套", "次", "篇", "本", "亩", "吨", "平方米", "公顷", "千瓦", "分", "吨/万元", "万元/亩", "万元/人",
                 "人/万人", "件/万人", "项/万人", "个/万人"], key=len, reverse=True)
_SYNONYMS: list[frozenset[str]] = [frozenset("家户个所"), frozenset("人名位"), frozenset("件项个篇"),
                                   frozenset("台套个")]
_OCR_UNIT = str.maketrans({"兀": "元", "％": "%", "‰": "%"})
_UNIT_ALIASES = {"元人民币": "元", "人民币元": "元", "人民币": "元", "个百分点": "%", "百分点": "%", "百分比": "%",
                 "万元人民币": "万元", "亿元人民币": "亿元", "千元人民币": "千元"}

_BLANK = re.compile(r"^[\s_＿\u3000.。…]*$")
_NONE = {"-", "—", "——", "–", "−", "/", "／", "\\", "无", "暂无", "没有", "空", "不适用", "n/a", "na", "N/A"}
_APPROX_BEFORE = re.compile(r"^(约|大约|近|将近|接近|超过|逾|达|共计|合计|共|约计|预计)\s*")
_APPROX_AFTER = re.compile(r"(余|多|左右|以上|上下)$")
_ARABIC = re.compile(r"^(?P<sign>[-−–+＋]?)\s*(?P<num>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)")
_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4,
              "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = "万亿"
_CN = re.compile(rf"^(?P<sign>负?)(?P<num>[{''.join(_CN_DIGITS)}{''.join(_CN_SMALL)}{_CN_BIG}]+"
                 rf"(?:点[{''.join(_CN_DIGITS)}]+)?)")
_NOTE = re.compile(r"\s*[（(【\[][^（）()【】\[\]]*[）)】\]]\s*$")


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit split into magnitude × base: 万元 = Unit("元", 1e4, "万元")."""

    base: str | None  # None: a bare magnitude such as "万" in "12.3万"
    factor: float
    text: str

    def compatible(self, other: Unit) -> bool:
        if self.base is None or other.base is None or self.base == other.base:
            return True
        return any(self.base in g and other.base in g for g in _SYNONYMS)


@dataclass(frozen=True, slots=True)
class Parsed:
    status: Status
    value: float | None = None  # in the expected unit when one was given, else in `unit`
    unit: str | None = None  # the unit as written in the cell (canonical spelling), if any
    approx: bool = False  # 约、近、余、左右…: not an exact figure
    note: str = ""  # a trailing parenthesised remark, e.g. "（见第23页）"
    reason: str = ""  # why it is invalid (Chinese)
    text: str = ""

    @property
    def filled(self) -> bool:
        """空白不得分 while "无" is an answer: anything but blank counts as filled."""
        return self.status != "blank"

    @property
    def number(self) -> float | None:
        """The value, with "none" answers counted as 0."""
        return 0.0 if self.status == "none" else self.value


def parse_unit(text: str) -> Unit | None:
    """"千兀" -> Unit("元", 1000, "千元"); "" -> None; unknown -> None (the caller says why)."""
    t = unicodedata.normalize("NFKC", text).translate(_OCR_UNIT).strip().strip("()（）")
    t = re.sub(r"\s+", "", t)
    t = _UNIT_ALIASES.get(t, t)
    for alias, canon in _UNIT_ALIASES.items():
        if t.endswith(alias) and len(t) > len(alias):
            t = t[: -len(alias)] + canon
            break
    if not t:
        return None
    if t in _BASES:
        return Unit(t, 1.0, t)
    for mag in sorted(_MAGNITUDES, key=len, reverse=True):
        if t.startswith(mag):
            rest = t[len(mag):]
            if not rest:
                return Unit(None, _MAGNITUDES[mag], t)
            if rest in _BASES:
                return Unit(rest, _MAGNITUDES[mag], t)
    return None


def cn_to_number(text: str) -> float | None:
    """Chinese numerals: "二十五" -> 25, "一百零五" -> 105, "三万五千" -> 35000, "三点五" -> 3.5,
    "二〇二一" -> 2021 (digit by digit). None for anything else, e.g. "二三" (OCR of ≥)."""
    whole, _, frac = text.partition("点")
    if not whole or not (any(ch in _CN_DIGITS for ch in whole) or whole[0] in "十拾"):
        return None
    if frac and any(ch not in _CN_DIGITS for ch in frac):
        return None
    tail = float("0." + "".join(str(_CN_DIGITS[ch]) for ch in frac)) if frac else 0.0
    if len(whole) > 1 and all(ch in _CN_DIGITS for ch in whole):
        if whole[0] in "零〇○" or "〇" in whole or "○" in whole:
            return float("".join(str(_CN_DIGITS[ch]) for ch in whole)) + tail
        return None
    total, section, number, prev_digit = 0, 0, 0, False
    for ch in whole:
        if ch in _CN_DIGITS:
            if prev_digit and number != 0:
                return None
            number, prev_digit = _CN_DIGITS[ch], True
            continue
        prev_digit = False
        if ch in _CN_SMALL:
            section += (number or 1) * _CN_SMALL[ch]
        elif ch == "万":
            total += (section + number) * 10_000
            section = 0
        elif ch == "亿":
            total = (total + section + number) * 100_000_000
            section = 0
        else:
            return None
        number = 0
    return float(total + section + number) + tail


def parse_number(text: str | None, expected: str | None = None) -> Parsed:
    """Read one cell. With `expected` (the template's unit) the value is converted into it and a
    unit that cannot be converted makes the cell invalid."""
    raw = text or ""
    if _BLANK.match(raw):
        return Parsed("blank", text=raw)
    t = unicodedata.normalize("NFKC", raw).strip()
    t = re.sub(r"(?<=\d)\s+(?=[\d.,])", "", t)
    if t in _NONE or t.lower() in _NONE:
        return Parsed("none", value=0.0, text=raw)
    note = ""
    m = _NOTE.search(t)
    if m and m.start() > 0:
        note, t = m.group().strip(), t[: m.start()].strip()
    negative = False
    if re.fullmatch(r"[(（]\s*[\d.,]+\s*[)）]", t):  # accounting negative "(3)"
        negative, t = True, t.strip("()（） ")
    approx = False
    m = _APPROX_BEFORE.match(t)
    if m:
        approx, t = m.group(1) not in ("共计", "合计", "共", "达"), t[m.end():]
    m = _APPROX_AFTER.search(t)
    if m:
        approx, t = True, t[: m.start()].strip()
    value, rest = _leading_number(t)
    if value is None:
        return Parsed("invalid", reason=f"“{raw.strip()}”不是数字", text=raw)
    value = -value if negative else value
    m = _APPROX_AFTER.search(rest)  # "5亿元左右" after the unit
    if m:
        approx, rest = True, rest[: m.start()]
    if rest.startswith(("余", "多")):
        approx, rest = True, rest[1:]
    rest = rest.strip()
    unit = parse_unit(rest) if rest else None
    if rest and unit is None:
        return Parsed("invalid", value=value, reason=f"单位“{rest}”无法识别", approx=approx, note=note, text=raw)
    return _in_expected(value, unit, expected, approx, note, raw)


def _leading_number(t: str) -> tuple[float | None, str]:
    m = _ARABIC.match(t)
    if m:
        num = float(m.group("num").replace(",", "").replace("，", ""))
        return (-num if m.group("sign") in ("-", "−", "–") else num), t[m.end():]
    m = _CN.match(t)
    if m:
        num_text, rest = m.group("num"), t[m.end():]
        # "五亿元", "三千元": the magnitude before 元 belongs to the unit, not to the numeral.
        while num_text and num_text[-1] in "万亿千百" and rest[:1] in ("元", "人", "家") and len(num_text) > 1:
            num_text, rest = num_text[:-1], num_text[-1] + rest
        num = cn_to_number(num_text)
        if num is None:
            return None, t
        return (-num if m.group("sign") else num), rest
    return None, t


def _in_expected(value: float, unit: Unit | None, expected: str | None, approx: bool, note: str,
                 raw: str) -> Parsed:
    want = parse_unit(expected) if expected else None
    shown = unit.text if unit else None
    if want is None:
        if unit is not None and unit.base is None:  # "12.3万" with no unit to read it in
            return Parsed("value", value * unit.factor, None, approx, note, text=raw)
        return Parsed("value", value, shown, approx, note, text=raw)
    if unit is None:
        return Parsed("value", value, None, approx, note, text=raw)
    if not unit.compatible(want):
        return Parsed("invalid", value=value, unit=shown, approx=approx, note=note, text=raw,
                      reason=f"单位“{unit.text}”与要求的“{expected}”不符")
    return Parsed("value", value * unit.factor / want.factor, shown, approx, note, text=raw)


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """Between units of one base: convert(1.2, "亿元", "万元") -> 12000.0; None if incompatible."""
    a, b = parse_unit(from_unit), parse_unit(to_unit)
    if a is None or b is None or not a.compatible(b):
        return None
    return value * a.factor / b.factor


def unit_in_label(label: str) -> str | None:
    """The unit a label carries in parentheses: "企业总户数（家）" -> "家", "营业收入（亿元）" -> "亿元",
    "上市企业数量（个，需提供佐证材料）" -> "个"."""
    for m in re.finditer(r"[（(]([^（）()]*)[）)]", unicodedata.normalize("NFKC", label)):
        first = re.split(r"[,，、;；]", m.group(1))[0].strip()
        u = parse_unit(first)
        if u is not None and u.base is not None:
            return u.text
    return None


def fmt(v: float) -> str:
    """12.0 -> "12", 8.4211 -> "8.42": figures as a message shows them."""
    return str(round(v)) if abs(v - round(v)) < 1e-9 else f"{v:.2f}".rstrip("0").rstrip(".")


def shown(v: float, unit: str | None) -> str:
    """"120 家", "8.5%"."""
    if unit == "%":
        return f"{fmt(v)}%"
    return f"{fmt(v)} {unit}" if unit else fmt(v)

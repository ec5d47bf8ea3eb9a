"""Word automatic numbering, rendered the way Word displays it.

python-docx's `paragraph.text` drops automatic numbers, yet in Chinese reports the number *is*
the structure: the heading "集群总体情况" is displayed as "一、集群总体情况" from numbering.xml
(numFmt chineseCounting, lvlText "%1、"). Word keeps one set of counters per list (abstractNum);
using a level restarts the deeper ones, and a w:num with a startOverride restarts its levels the
first time it is used. Paragraphs must be rendered in document order for the counters to be right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from extractor.docx_styles import Styles
from extractor.docx_xml import MC_NS, W_STYLE, W_VAL, int_attr, on, w

_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = [chr(c) for c in range(0x2460, 0x2474)]  # ①..⑳
_PAREN = [chr(c) for c in range(0x2474, 0x2488)]  # ⑴..⒇
_FULLSTOP = [chr(c) for c in range(0x2488, 0x249C)]  # ⒈..⒛
_IDEO_CIRCLED = [chr(c) for c in range(0x3220, 0x322A)]  # ㈠..㈩
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_PLACEHOLDER = re.compile(r"%([1-9])")


def _chinese(n: int, digits: str = _DIGITS, units: str = "十百千", zero: str = "零") -> str:
    """Counting form up to 9999 (一百零五, 十二; 壹佰零伍 with the legal digits)."""
    if n <= 0 or n >= 10000:
        return str(n)
    out: list[str] = []
    pending_zero = False
    s = str(n)
    for i, ch in enumerate(s):
        d, pos = int(ch), len(s) - 1 - i
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        out.append(digits[d] + (units[pos - 1] if pos else ""))
    text = "".join(out)
    return text[1:] if digits is _DIGITS and 10 <= n < 20 else text


def _letters(n: int) -> str:
    """Word repeats the letter past Z: A … Z, AA, BB …"""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _pick(seq: list[str] | str, n: int) -> str:
    return seq[n - 1] if 0 < n <= len(seq) else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in one numFmt; unknown formats fall back to decimal, as Word does."""
    if fmt in ("chineseCounting", "japaneseCounting", "taiwaneseCounting"):
        return _chinese(n) if n < 100 else "".join(_DIGITS[int(c)] for c in str(n))
    if fmt in ("chineseCountingThousand", "japaneseDigitalTenThousand", "taiwaneseCountingThousand"):
        return _chinese(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return _chinese(n, _LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_DIGITS[int(c)] for c in str(n))
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _pick(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _pick(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _pick(_FULLSTOP, n)
    if fmt == "ideographEnclosedCircle":
        return _pick(_IDEO_CIRCLED, n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n) if fmt == "upperLetter" else _letters(n).lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(slots=True, frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # lvlRestart: 1-based level whose use restarts this one; 0 = never
    legal: bool = False  # isLgl: show the higher levels' numbers as decimals
    suffix: str = "tab"
    style: str | None = None  # the paragraph style linked to this level


@dataclass(slots=True, frozen=True)
class Label:
    """The displayed number of one paragraph: "一、" (fmt chineseCounting, level 0 of list 3)."""

    text: str
    fmt: str
    ilvl: int
    list_key: str  # the abstractNum: paragraphs of one list share it
    suffix: str

    @property
    def shown(self) -> str:
        """What goes in front of the paragraph text; bullets add nothing to the text."""
        return "" if self.fmt in ("bullet", "none") else self.text

    def join(self, text: str) -> str:
        shown = self.shown
        if not shown:
            return text
        if self.suffix == "nothing" or shown[-1] in "、.．）)：:" or not text:
            return shown + text
        return f"{shown} {text}"


@dataclass(slots=True)
class _Instance:
    abstract: str
    levels: dict[int, Level] = field(default_factory=dict)  # lvlOverride/lvl
    starts: dict[int, int] = field(default_factory=dict)  # lvlOverride/startOverride


class Numbering:
    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self._style_link: dict[str, str] = {}  # abstractNum id -> numbering style it defers to
        self.nums: dict[str, _Instance] = {}
        self._styles = styles
        self._counters: dict[str, list[int | None]] = {}
        self._starts: dict[tuple[str, int], int] = {}
        self._used: set[str] = set()
        if root is None:
            return
        for el in root.iter(w("abstractNum")):
            aid = el.get(w("abstractNumId"), "")
            self.abstract[aid] = {lvl.ilvl: lvl.level for lvl in map(_read_level, el.iter(w("lvl")))}
            link = el.find(w("numStyleLink"))
            if link is not None and link.get(W_VAL):
                self._style_link[aid] = link.get(W_VAL, "")
        for el in root.iter(w("num")):
            ref = el.find(w("abstractNumId"))
            if ref is None:
                continue
            inst = _Instance(ref.get(W_VAL, ""))
            for ov in el.iter(w("lvlOverride")):
                ilvl = int_attr(ov, "ilvl") or 0
                start = int_attr(ov.find(w("startOverride")))
                if start is not None:
                    inst.starts[ilvl] = start
                lvl = ov.find(w("lvl"))
                if lvl is not None:
                    inst.levels[ilvl] = _read_level(lvl).level
            self.nums[el.get(w("numId"), "")] = inst

    def _abstract_of(self, num_id: str) -> str | None:
        inst = self.nums.get(num_id)
        aid = inst.abstract if inst else None
        for _ in range(3):  # numStyleLink -> numbering style -> its num -> the real abstractNum
            if aid not in self._style_link:
                break
            style = self._styles.by_id.get(self._style_link[aid])
            target = self.nums.get(style.num_id or "") if style else None
            if target is None:
                break
            aid = target.abstract
        return aid

    def level_for_style(self, num_id: str, style_id: str) -> int:
        """The level a style-inherited number uses when the style names no ilvl: the linked one."""
        levels = self.abstract.get(self._abstract_of(num_id) or "", {})
        return next((i for i, lvl in levels.items() if lvl.style == style_id), 0)

    def render(self, num_id: str, ilvl: int) -> Label | None:
        """Advance the list's counter for this paragraph and return its displayed number."""
        inst = self.nums.get(num_id)
        aid = self._abstract_of(num_id)
        if inst is None or aid is None or aid not in self.abstract:
            return None
        ilvl = min(max(ilvl, 0), 8)
        levels = {**self.abstract[aid], **inst.levels}
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(aid, [None] * 9)
        if num_id not in self._used:
            self._used.add(num_id)
            for lv, start in inst.starts.items():
                if 0 <= lv < 9:
                    self._starts[(aid, lv)] = start
                    counters[lv] = None
        current = counters[ilvl]
        counters[ilvl] = self._start(aid, ilvl, levels) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            lvl = levels.get(deeper)
            restart = lvl.restart if lvl and lvl.restart is not None else deeper
            if restart and ilvl < restart:
                counters[deeper] = None

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            ref = levels.get(k, level)
            value = counters[k] if counters[k] is not None else self._start(aid, k, levels)
            fmt = "decimal" if level.legal and k < ilvl else ref.fmt
            return format_number(value, fmt)

        text = level.text if level.fmt == "bullet" else _PLACEHOLDER.sub(sub, level.text)
        return Label(text=text, fmt=level.fmt, ilvl=ilvl, list_key=aid, suffix=level.suffix)

    def _start(self, aid: str, ilvl: int, levels: dict[int, Level]) -> int:
        if (aid, ilvl) in self._starts:
            return self._starts[(aid, ilvl)]
        lvl = levels.get(ilvl)
        return lvl.start if lvl else 1


@dataclass(slots=True, frozen=True)
class _Read:
    ilvl: int
    level: Level


def _read_level(el: etree._Element) -> _Read:
    fmt_el = el.find(w("numFmt"))
    if fmt_el is None:  # Word 2010 puts custom formats in mc:AlternateContent with a fallback
        fmt_el = el.find(f"{{{MC_NS}}}AlternateContent/{{{MC_NS}}}Fallback/{w('numFmt')}")
    text_el = el.find(w("lvlText"))
    suffix_el = el.find(w("suff"))
    style_el = el.find(W_STYLE)
    start = int_attr(el.find(w("start")))
    level = Level(
        fmt=fmt_el.get(W_VAL, "decimal") if fmt_el is not None else "decimal",
        text=text_el.get(W_VAL, "") if text_el is not None else "",
        start=1 if start is None else start,
        restart=int_attr(el.find(w("lvlRestart"))),
        legal=on(el.find(w("isLgl"))),
        suffix=suffix_el.get(W_VAL, "tab") if suffix_el is not None else "tab",
        style=style_el.get(W_VAL) if style_el is not None else None,
    )
    return _Read(int_attr(el, "ilvl") or 0, level)


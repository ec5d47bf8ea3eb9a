"""Tick boxes as applicants really fill them in, reduced to one ticked and one unticked glyph.

The forms ask 是□ 否□ or 县域□ 其他地区□, and applicants answer with whatever their input method
offers: ☑ √ ✓ ✔ ■ ☒ ⊠, a Wingdings symbol, a Word checkbox control. A checker needs one answer
per option, so every parser (Word, PDF, OCR) passes its text through `normalize` and checkers read
the pairs from `choices`. √ and ■ double as square-root sign and bullet, so they only count as
ticks where the text is visibly a tick-box field.
"""

from __future__ import annotations

import re

TICKED = "☑"
UNTICKED = "☐"

_BOX_TICKED = "☑☒⊠✅🗹🗷"  # boxes that are ticked wherever they appear
_MARKS = "√✓✔■"  # ticks that are also ordinary symbols (√ sqrt, ■ bullet): need a box context
_BOX_EMPTY = "□☐"
_ALL = _BOX_TICKED + _MARKS + _BOX_EMPTY
_ANY = re.compile(f"[{_ALL}]")
_BOX = re.compile(f"[{_BOX_TICKED}{_BOX_EMPTY}]")
_TO_CANONICAL = str.maketrans({**dict.fromkeys(_BOX_TICKED + _MARKS, TICKED), **dict.fromkeys(_BOX_EMPTY, UNTICKED)})
_BOX_ONLY = str.maketrans({**dict.fromkeys(_BOX_TICKED, TICKED), **dict.fromkeys(_BOX_EMPTY, UNTICKED)})
# A bare mark right after a short label, where a box was deleted: "是√  否", "县域 √".
_MARK_BY_LABEL = re.compile(rf"(?:^|[\s：:，,；;、])[\u4e00-\u9fff]{{1,8}}[ \u3000]?[{_MARKS}](?=$|[\s，,；;。、)）])")
_SEPARATORS = re.compile(r"[\s：:，,；;。、/|]+")
_TRIM = "（）()【】[]「」《》 \u3000"
_CONNECTORS = ("或", "和", "及")

# Symbol fonts map a private code point to a glyph (w:sym, or U+F0xx text in that font).
_WINGDINGS = {0x6F: "□", 0x71: "□", 0x72: "□", 0xA8: "□", 0x6E: "■", 0xFE: "☑", 0xFD: "☒", 0xFC: "✓",
              0x78: "☒"}
_WINGDINGS_2 = {0x50: "✓", 0x51: "☒", 0x52: "☑", 0x53: "☒", 0x54: "☒", 0xA3: "□", 0x2A: "□"}


def symbol_glyph(font: str, code: int) -> str | None:
    """The tick-box glyph a Wingdings character shows, or None when it is some other symbol."""
    f = font.lower().replace(" ", "")
    code &= 0xFF  # Word writes F0FE or FE for the same symbol
    if f == "wingdings2":
        return _WINGDINGS_2.get(code)
    if f == "wingdings":
        return _WINGDINGS.get(code)
    return None


def has_ticks(text: str) -> bool:
    return _ANY.search(text) is not None


def normalize(text: str) -> str:
    """Ticked glyphs → ☑, empty boxes → ☐, where the text is a tick-box field; other text unchanged."""
    if _ANY.search(text) is None:
        return text
    if _BOX.search(text) or text.strip() in _MARKS or _looks_like_choice(text):
        return text.translate(_TO_CANONICAL)
    return text.translate(_BOX_ONLY)


def _looks_like_choice(text: str) -> bool:
    return len(text) <= 60 and _MARK_BY_LABEL.search(text) is not None


def choices(text: str) -> list[tuple[str, bool]]:
    """Read "是☑ 否☐", "☑初次申请 ☐再次申请", "县域□ 其他地区☑" into [(label, ticked), ...].

    The glyph goes either after its label (是☑) or before it (☑初次申请); which one is decided by
    whether anything stands between the line's last separator and the first glyph. Text before the
    options ("产业集群类型：", the question) is dropped; labels are cut at spaces and punctuation.
    """
    t = text.translate(_TO_CANONICAL)
    marks = [m.start() for m in re.finditer(f"[{TICKED}{UNTICKED}]", t)]
    if not marks:
        return []
    before_first = _SEPARATORS.split(t[: marks[0]].rstrip())[-1].strip(_TRIM)
    out: list[tuple[str, bool]] = []
    for i, pos in enumerate(marks):
        if before_first:  # label, then glyph
            start = marks[i - 1] + 1 if i else 0
            label = _SEPARATORS.split(t[start:pos].rstrip())[-1]
        else:  # glyph, then label
            end = marks[i + 1] if i + 1 < len(marks) else len(t)
            label = _SEPARATORS.split(t[pos + 1 : end].lstrip())[0]
        label = _clean_label(label)
        if label:
            out.append((label, t[pos] == TICKED))
    return out


def _clean_label(label: str) -> str:
    s = label.strip(_TRIM)
    while s.endswith(_CONNECTORS) and len(s) > 1:
        s = s[:-1].strip(_TRIM)
    return s

"""字数: the one place where text is counted, the way Microsoft Word counts it.

Word's rule for Chinese text: every CJK ideograph and every full-width (East Asian) punctuation
mark is one word; every whitespace- or CJK-delimited run of other characters is one word, so
"8.5%" is one word and "2023年" is two. Counts are taken on the text as written, never on the
normalised form used for matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

# Characters Word counts one by one: CJK ideographs (BMP, extensions, compatibility),
# CJK symbols and punctuation, full-width forms, kana, hangul, Kangxi radicals, bopomofo.
_EAST_ASIAN = (
    "\u1100-\u11ff"  # hangul jamo
    "\u2e80-\u2fdf"  # CJK radicals supplement, Kangxi radicals
    "\u3000-\u303f"  # CJK symbols and punctuation (、。〈〉《》「」【】〔〕…)
    "\u3040-\u30ff"  # kana
    "\u3100-\u312f\u31a0-\u31bf"  # bopomofo
    "\u3190-\u319f\u31c0-\u31ef"  # kanbun, strokes
    "\u3200-\u33ff"  # enclosed CJK, compatibility
    "\u3400-\u4dbf"  # extension A
    "\u4e00-\u9fff"  # unified ideographs
    "\uac00-\ud7af"  # hangul syllables
    "\uf900-\ufaff"  # compatibility ideographs
    "\ufe30-\ufe4f"  # CJK compatibility forms
    "\uff00-\uffef"  # half-width and full-width forms (，：；！？（）％ …)
    "\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"  # ‘’“”—…· as typed by Chinese IMEs
    "\U00020000-\U0003134f"  # extensions B–G
)
_EA_ONE = re.compile(f"[{_EAST_ASIAN}]")
_OTHER_RUN = re.compile(f"[^\\s{_EAST_ASIAN}]+")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_SPACE = re.compile(r"\s")


@dataclass(slots=True, frozen=True)
class Counts:
    words: int = 0  # Word's 字数
    cjk_chars: int = 0  # 汉字数: ideographs only
    chars_no_spaces: int = 0
    chars_with_spaces: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.words + other.words,
            self.cjk_chars + other.cjk_chars,
            self.chars_no_spaces + other.chars_no_spaces,
            self.chars_with_spaces + other.chars_with_spaces,
        )

    @staticmethod
    def sum(items: Iterable[Counts]) -> Counts:
        w = c = n = s = 0
        for x in items:
            w += x.words
            c += x.cjk_chars
            n += x.chars_no_spaces
            s += x.chars_with_spaces
        return Counts(w, c, n, s)

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def count(text: str) -> Counts:
    if not text:
        return Counts()
    ea = len(_EA_ONE.findall(text))
    runs = len(_OTHER_RUN.findall(text))
    spaces = len(_SPACE.findall(text))
    # Word does not count paragraph marks / line breaks as characters with spaces.
    breaks = text.count("\n") + text.count("\r")
    return Counts(
        words=ea + runs,
        cjk_chars=len(_HAN.findall(text)),
        chars_no_spaces=len(text) - spaces,
        chars_with_spaces=len(text) - breaks,
    )


def word_count(text: str) -> int:
    return count(text).words

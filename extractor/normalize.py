"""Normalised text for *matching* only (never for counting): NFKC, Kangxi radical look-alikes
mapped to ideographs, brackets and punctuation unified, whitespace dropped."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# NFKC already folds the Kangxi Radicals block (U+2F00–U+2FD5); the CJK Radicals Supplement
# (U+2E80–U+2EFF) is not folded, and OCR and some PDF fonts emit those look-alikes.
_RADICALS = str.maketrans({
    "⺁": "厂", "⺅": "亻", "⺇": "几", "⺈": "刀", "⺊": "卜", "⺌": "小", "⺍": "小", "⺎": "兀",
    "⺏": "尢", "⺐": "尢", "⺑": "尢", "⺒": "巳", "⺓": "幺", "⺔": "彐", "⺖": "忄", "⺗": "心",
    "⺘": "扌", "⺙": "攵", "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歹", "⺟": "母", "⺠": "民",
    "⺡": "氵", "⺢": "水", "⺣": "灬", "⺤": "爪", "⺥": "爫", "⺦": "丬", "⺧": "牛", "⺨": "犭",
    "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示", "⺭": "礻", "⺮": "竹", "⺯": "糸", "⺰": "纟",
    "⺱": "网", "⺲": "罒", "⺳": "网", "⺴": "网", "⺵": "网", "⺶": "羊", "⺷": "羊", "⺸": "羊",
    "⺹": "耂", "⺺": "聿", "⺻": "聿", "⺼": "肉", "⺽": "臼", "⺾": "艹", "⺿": "艹", "⻀": "艹",
    "⻁": "虎", "⻂": "衤", "⻃": "西", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠",
    "⻉": "贝", "⻊": "足", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "金",
    "⻑": "長", "⻒": "镸", "⻓": "长", "⻔": "门", "⻕": "阝", "⻖": "阝", "⻗": "雨", "⻘": "青",
    "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻟": "食", "⻠": "饣", "⻡": "首",
    "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄",
    "⻪": "黾", "⻫": "齐", "⻬": "齐", "⻭": "齿", "⻮": "齿", "⻯": "龙", "⻰": "龙", "⻱": "龟",
    "⻲": "龟", "⻳": "龟",
})
_PUNCT = str.maketrans({"〈": "(", "〉": ")", "《": "<", "》": ">", "【": "[", "】": "]", "〔": "(", "〕": ")",
                        "“": '"', "”": '"', "‘": "'", "’": "'", "、": ",", "。": ".", "—": "-", "－": "-"})
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).translate(_RADICALS).translate(_PUNCT)
    return _SPACE.sub("", t)

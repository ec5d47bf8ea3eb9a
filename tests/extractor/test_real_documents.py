"""Headings of real public Chinese documents that we did not write (issue 15, class 6).

The documents are listed, with where each comes from, in samples/real/SOURCES.md. They are other
projects' files, so they are not committed here: the tests read them from $CLUSTERCHECK_REAL_DOCS,
samples/real/files/, the machine's cache (~/.cache/clustercheck/real-docs/, where a clean clone
in CI on the same machine finds them) or the shared folder beside the checkout (shared/real/), and skip a document
that is not there. What they pin is what a reviewer would call each document's headings: how many
there are, lines that must not be headings (every wrapped line of a numbered reference list, the
pieces of a formula, list items, a cover's subtitle) and headings that must be found, at their level.
The same failure classes are pinned on generated samples in test_outline_cases.py, which always run.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from extractor import Document, extract

ROOT = Path(__file__).resolve().parents[2]


def _folders() -> list[Path]:
    named = os.environ.get("CLUSTERCHECK_REAL_DOCS")
    if named:
        return [Path(named)]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "clustercheck" / "real-docs"
    return [ROOT / "samples" / "real" / "files", cache, ROOT.parent / "shared" / "real"]


@dataclass(frozen=True)
class Expect:
    sha256: str  # first 16 hex digits: the expectations hold for these bytes
    headings: int
    absent: tuple[str, ...] = ()  # text that starts no heading
    present: tuple[tuple[int, str], ...] = ()  # (level, title) of headings that must be found
    title: str | None = None  # the cover's title block
    extra: dict[str, object] = field(default_factory=dict)


EXPECT: dict[str, Expect] = {
    # a broker's research report: sidebar of numbered references wrapped over three lines, a chart
    # legend, a ratings table without rulings, and seven real headings in bold
    "mineru_research_report.pdf": Expect(
        "0aff210b70de7ec5", 7,
        absent=("《高测股份", "及硅片切割代工", "业绩大超预期", "高测股份沪深300", "市场基准指数", "级", "股票投资评",
                "证券分析师", "相关研究", "里金刚线"),
        present=((1, "投资要点"), (1, "信息披露"), (1, "分析师声明"), (1, "法律声明")),
        title="高测股份（688556.SH）：扩产4000万公里金刚线，强化光伏硅片切割三元布局"),
    # an English paper: formulas set in their own lines, figure labels
    "mineru_demo3.pdf": Expect(
        "7fa1e7e571b093a6", 18,
        absent=("V P =", "(t2f + f2t)", "Aij =", "(h", ">", "ij", "dK", "Before Perturb", "(ICLR)", ", ", "Encoding",
                "Perturbed Data"),
        present=((1, "Preliminaries: TAPAS for Table Encoding"), (1, "Experiments and Results"), (2, "Main Results"),
                 (2, "Comparison of TABLEFORMER and Perturbed Data Augmentation"), (1, "Conclusion"))),
    # a textbook page whose text layer is mostly formula glyphs
    "mineru_ordinary_textbook.pdf": Expect("ae43aceb96dd22a5", 0),
    # a scanned book (OCR): numbered quotations and a running header
    "mineru_scanned.pdf": Expect("76a0ecf678a975d1", 0, absent=("(3", "(4", "第一篇", "第一章")),
    # a Word test file of list numbering: list items between the numbered headings
    "mineru_demo1.docx": Expect(
        "da36ac4d82c9a486", 35,
        absent=("单独的带删除线的空格", "带删除线和下划线的空格", "a2+b2=c2行内公式后接正文", "xyz省政府采购中心各一份"),
        present=((1, "有序列表构成的章节标题"), (2, "显式空白字符表示"), (1, "这是第一章标题"), (3, "Grouped images"),
                 (1, "复杂嵌套多级列表"))),
    "mineru_contract.docx": Expect("fb145bf5b8dc448e", 11, present=((2, "甲方违约责任"), (2, "乙方违约责任"))),
    "mineru_p3_mixed_layout.pdf": Expect("20523ef792919a4d", 2, present=((1, "三角形原理的普遍意义"), (2, "关系线与运动线"))),
    "mineru_2list_1table.pdf": Expect("06bb167c3ec35cee", 1, present=((1, "智能船舶附加标志"),)),
    "mineru_test_mineru.docx": Expect("fd9e04c58951abe6", 0),
    # national standards drafts: a cover's "第1部分：通用要求", a clause that opens a list, a)–i) list items
    "chatchat_psr_part1.docx": Expect(
        "f287aacc0555881b", 47,
        absent=("第1部分", "5.1.1", "a)", "b)", "1)时间计划表", "1)总体评价方法"),
        present=((1, "核电厂定期安全评价 第1部分：通用要求"), (2, "范围"), (3, "确定评价范围和内容"),
                 (4, "确定适用的现行安全标准和实践"),
                 (5, "弱项处置"))),
    "chatchat_psr_part6.docx": Expect("01a7395f0cdd7433", 40, present=((1, "范围"), (2, "评价目的"))),
    "chatchat_psr_part12.docx": Expect("07fe0fcdb9e073a0", 37, absent=("第12部分",), present=((1, "范围"), (4, "弱项处理"))),
    "chatchat_notes_part1.docx": Expect(
        "810abed10b5c5371", 25, present=((1, "任务来源及计划要求"), (2, "征求意见稿"), (2, "引入差异项定义"))),
    "chatchat_notes_part12.docx": Expect("88b0bc47ad80734c", 16, present=((1, "编制过程"),)),
    "chatchat_1.pdf": Expect("5ec6c23c27eaed7b", 4, present=((1, "喝酒吃肉"), (1, "养颜妙术"))),
    "chatchat_langchain.pdf": Expect(
        "ff9bff7500565061", 4, absent=("a ⋅ b", "*", "View publication stats", "All Sciences Proceedings")),
    "pymupdf_chinese_tables.pdf": Expect(
        "a4fc0ee8f0493ac8", 3, present=((1, "企业资信状况"), (2, "发行人历史信用评级情况"), (2, "授信情况"))),
}


def _find(name: str) -> Path | None:
    return next((folder / name for folder in _folders() if (folder / name).is_file()), None)


@cache
def _load(name: str) -> Document:
    path = _find(name)
    if path is None:
        pytest.skip(f"{name} is not here (see samples/real/SOURCES.md)")
    expect = EXPECT[name]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    assert digest == expect.sha256, f"{path} is not the file SOURCES.md lists ({digest})"
    return extract(path)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_headings_of_real_documents(name: str) -> None:
    doc, expect = _load(name), EXPECT[name]
    heads = doc.headings()
    titles = [h.text for h in heads]
    for text in expect.absent:
        assert not any(t.startswith(text) or h.title.startswith(text) for t, h in zip(titles, heads, strict=True)), \
            f"{text!r} is a heading in {name}"
    found = {(h.level, h.title) for h in heads}
    for level, title in expect.present:
        assert (level, title) in found, f"{title!r} at level {level} missing from {name}: {sorted(found)}"
    assert len(heads) == expect.headings, [h.text for h in heads]
    if expect.title is not None:
        assert doc.title == expect.title


def test_sources_list_every_document() -> None:
    sources = (ROOT / "samples" / "real" / "SOURCES.md").read_text(encoding="utf-8")
    for name, expect in EXPECT.items():
        assert f"`{name}`" in sources and expect.sha256 in sources, name

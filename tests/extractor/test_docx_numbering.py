"""Word automatic numbering rendered as Word shows it (counters, restarts, overrides, formats)."""

from __future__ import annotations

import pytest

from extractor.docx_numbering import format_number
from tests.extractor.docx_fixtures import abstract, convert, docx, num, p, style, texts

OUTLINE = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]


@pytest.mark.parametrize(("n", "fmt", "shown"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (21, "chineseCounting", "二十一"), (105, "chineseCountingThousand", "一百零五"), (3, "chineseLegalSimplified", "叁"),
    (2, "ideographTraditional", "乙"), (11, "ideographTraditional", "甲"), (3, "decimalEnclosedCircle", "③"),
    (27, "upperLetter", "AA"), (4, "lowerRoman", "iv"), (12, "decimalFullWidth", "１２"), (7, "decimalZero", "07"),
    (5, "bullet", ""), (5, "someFutureFormat", "5"),
])
def test_format_number(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown


def _render(numbering: str, paragraphs: str, styles: str = "") -> list[str]:
    return texts(convert(docx(paragraphs, styles, numbering)))


def test_using_a_level_restarts_the_deeper_ones() -> None:
    numbering = abstract(1, OUTLINE) + num(1, 1)
    body = "".join(p(t, num=(1, lvl)) for t, lvl in [("甲", 0), ("乙", 1), ("丙", 1), ("丁", 2), ("戊", 0), ("己", 1), ("庚", 2)])
    assert _render(numbering, body) == ["一、甲", "（一）乙", "（二）丙", "1.丁", "二、戊", "（一）己", "1.庚"]


def test_nums_of_one_list_share_counters_unless_they_override_the_start() -> None:
    numbering = (abstract(1, [("decimal", "%1.")]) + num(1, 1) + num(2, 1)
                 + num(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'))
    body = "".join(p(t, num=(n, 0)) for t, n in [("a", 1), ("b", 1), ("c", 2), ("d", 3), ("e", 3), ("f", 1)])
    assert _render(numbering, body) == ["1.a", "2.b", "3.c", "1.d", "2.e", "3.f"]


def test_lvl_restart_zero_never_restarts() -> None:
    levels = abstract(1, [("chineseCounting", "%1、"), ("decimal", "%2.")], extra={1: '<w:lvlRestart w:val="0"/>'})
    body = "".join(p(t, num=(1, lvl)) for t, lvl in [("a", 0), ("b", 1), ("c", 0), ("d", 1)])
    assert _render(levels + num(1, 1), body) == ["一、a", "1.b", "二、c", "2.d"]


def test_legal_numbering_shows_higher_levels_as_decimals() -> None:
    levels = abstract(1, [("chineseCounting", "第%1章"), ("decimal", "%1.%2")], extra={1: "<w:isLgl/>"})
    body = p("总则", num=(1, 0)) + p("范围", num=(1, 1))
    assert _render(levels + num(1, 1), body) == ["第一章总则", "1.1范围"]


def test_lvl_override_replaces_a_level_definition() -> None:
    override = ('<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/>'
                '<w:lvlText w:val="（%1）"/><w:suff w:val="nothing"/></w:lvl></w:lvlOverride>')
    numbering = abstract(1, OUTLINE) + num(1, 1, override)
    assert _render(numbering, p("第三项", num=(1, 0))) == ["（3）第三项"]


def test_numbering_from_the_style_and_its_linked_level() -> None:
    numbering = abstract(1, OUTLINE, extra={1: '<w:pStyle w:val="Heading2"/>'}) + num(1, 1)
    styles = (style("Heading1", "heading 1", outline=1, num=(1, 0)) + style("Heading2", "heading 2", outline=2, num=(1, None))
              + style("Body", "Body", based_on="Heading1"))
    body = (p("集群总体情况", style="Heading1") + p("集群产业结构", style="Heading2")
            + p("不编号", style="Heading2", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>') + p("集群发展环境", style="Heading2"))
    assert _render(numbering, body, styles) == ["一、集群总体情况", "（一）集群产业结构", "不编号", "（二）集群发展环境"]


def test_tab_after_a_bare_number_becomes_a_space() -> None:
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%1"/></w:lvl></w:abstractNum>') + num(1, 1)
    doc = convert(docx(p("集群总体情况", num=(1, 0)), numbering=numbering))
    h = doc.headings()[0]
    assert (h.text, h.number, h.title) == ("1 集群总体情况", "1", "集群总体情况")


def test_numbering_style_link_is_followed() -> None:
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ReportList"/></w:abstractNum>'
                 + abstract(2, OUTLINE) + num(1, 1) + num(2, 2))
    styles = style("ReportList", "Report List", kind="numbering", num=(2, None))
    assert _render(numbering, p("集群总体情况", num=(1, 0)), styles) == ["一、集群总体情况"]


def test_unknown_num_id_is_no_number() -> None:
    assert _render(abstract(1, OUTLINE) + num(1, 1), p("集群总体情况", num=(9, 0))) == ["集群总体情况"]

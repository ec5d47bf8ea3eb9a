"""The title block on the cover of a PDF (text layer or OCR).

A long cluster name set large and centred on a cover wraps over two or three lines, and the
document type may follow on the last of them ("…产业集群2024年度工作总结报告"). Read line by line
the name is in no single line, so a checker looking for it finds none. The block is the first run
of consecutive lines near the top of the first page that are set larger than the body and centred
on the text column; those lines are one paragraph, the document's title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.headings import split_number
from extractor.pdf_lines import Line

_ATTACHMENT = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?$")
_LOOK = 20  # lines of the first page searched for the block
_SKIP = 6  # lines allowed above it (附件2, a file number, a logo's caption, a report's header)


def title_lines(lines: Sequence[Line], body_size: float, left: float, right: float) -> list[Line]:
    """The cover's title lines, in order; [] when the first page opens with no such block.

    `lines` are the upper half of the first page's body lines, top to bottom; `left` and `right`
    the text column's margins, whose middle a centred line straddles."""
    if lines and not lines[0].font:  # a scanned cover: its smallest line is the body's size
        body_size = min([body_size, *(ln.size for ln in lines if len(ln.text.strip()) >= 2)])
    run: list[Line] = []
    skipped = 0
    for ln in lines[:_LOOK]:
        if run and (ln.x1 <= min(r.x0 for r in run) or ln.x0 >= max(r.x1 for r in run)):
            continue  # beside the block, in another column
        if (_is_title_line(ln, body_size, left, right) and (not run or _follows(run[-1], ln))
                and (not run or _same_size(run[0], ln))):  # the unit and date below are set smaller
            run.append(ln)
            continue
        if run:
            break
        if not _ATTACHMENT.match(ln.text.strip()):
            skipped += 1
        if skipped > _SKIP:
            break
    return run if sum(len(ln.text.strip()) for ln in run) >= 4 else []


def _is_title_line(ln: Line, body_size: float, left: float, right: float) -> bool:
    text = ln.text.strip()
    if not text or len(text) > 40 or _ATTACHMENT.match(text):
        return False
    big = ln.size >= body_size + 2 if ln.font else ln.size >= 1.15 * body_size  # OCR sizes are box heights
    if not big:
        return False
    numbered = split_number(text)
    if numbered is not None and numbered.numbering != "case":
        return False  # "一、集群总体情况" set large is the outline's first heading, not the title
    middle, width = (left + right) / 2, right - left
    return abs((ln.x0 + ln.x1) / 2 - middle) <= max(1.5 * ln.size, 0.06 * width)


def _same_size(first: Line, ln: Line) -> bool:
    """Set in the title's size; a recognised line's size is its box height, which varies more."""
    return abs(ln.size - first.size) <= (1.0 if ln.font else 0.45 * first.size)


def _follows(prev: Line, ln: Line) -> bool:
    """The next line of the same block: on the same page, no wider a gap than a blank line."""
    return ln.page == prev.page and 0 < ln.top - prev.top <= 2.6 * max(prev.size, ln.size)

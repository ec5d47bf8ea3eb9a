"""Narrative items that forms put inside tables, found by the shape of the table.

An application form asks its long questions in table rows: "2.8  集群发展总体情况自评报告" in a row
spanning the table, the applicant's report typed into the row below it; "4.1基本情况" above its box;
the handbook's "简述……情况" over its 简述 box; sometimes "4.1 基本情况" in the left cell and the answer
beside it. A reviewer reads those items as parts of the outline with their own 字数, so they are
listed there — but they stay table content: no heading is made of them and no section's 字数
changes. The label is recognised by what it says (a heading-like numbered line, or a prompt such
as 简述…/…情况), the answer by where it is (the spanning cell below, or the cell beside).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from extractor.headings import RANK, Numbered, looks_like_heading_text, rank_of, split_number


# The model's Cell, Table and Heading as this module reads them (the model derives its outline
# from here, so this module cannot import it).
class Cell(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def row(self) -> int: ...
    @property
    def col(self) -> int: ...
    @property
    def rowspan(self) -> int: ...


class Table(Protocol):
    @property
    def rows(self) -> Sequence[Sequence[Cell]]: ...
    @property
    def n_rows(self) -> int: ...
    @property
    def n_cols(self) -> int: ...


class Heading(Protocol):
    @property
    def level(self) -> int: ...
    @property
    def rank(self) -> int | None: ...

_PROMPT_START = re.compile(r"^(?:请?(?:简述|简要|概述|阐述|简介|介绍|说明|描述|列举|论述))")
_PROMPT_END = re.compile(r"(?:报告|情况|说明|简介|概况|举措|做法|成效|措施|思路|规划|方案|计划)[:：]?$")
_PARENS = re.compile(r"[（(][^（()）]*[)）]")
_ITEM_KINDS = {"arabic-dotted", "arabic", "chinese", "chinese-paren", "arabic-paren", "case"}
_SAME_CELL_ANSWER = 200  # characters under a label in its own cell that make it a typed report


@dataclass(frozen=True, slots=True)
class CellItem:
    """A form's narrative item written inside a table: its label cell and the answer typed into
    the box below it or beside it."""

    table: int  # index of the table in Document.blocks
    row: int  # 0-based grid position of the label cell
    col: int
    number: str  # as written ("2.8", "1、"); "" for an unnumbered prompt (简述…)
    value: str
    numbering: str
    title: str
    text: str  # the answer as typed: what its 字数 are counted on

    @property
    def rank(self) -> int | None:
        return rank_of(Numbered(self.numbering, self.value, self.title)) if self.numbering in RANK else None


def find_items(table: Table, index: int) -> list[CellItem]:
    out: list[CellItem] = []
    r = 0
    while r < table.n_rows:
        head = _spanning(table, r)
        if head is None:
            r += 1
            out.extend(_beside(table, r - 1, index))
            continue
        first, _, rest = head.text.partition("\n")
        read = label(first)
        below = head.row + head.rowspan
        answer = _spanning(table, below) if below < table.n_rows else None
        if read is not None and answer is not None and label(answer.text.partition("\n")[0]) is None:
            out.append(_item(index, head, read, answer.text))
            r = below + answer.rowspan
            continue
        if read is not None and len(rest) >= _SAME_CELL_ANSWER:
            out.append(_item(index, head, read, rest))
        r = below
    return out


def item_level(item: CellItem, open_heads: Sequence[Heading]) -> int:
    """One below the innermost open heading that outranks the item; beside one of its own rank."""
    rank = item.rank
    for h in reversed(open_heads):
        if rank is None or h.rank is None or h.rank < rank:
            return h.level + 1
        if h.rank == rank:
            return h.level
    return 1


def _spanning(table: Table, r: int) -> Cell | None:
    """The cell that makes up row r on its own (merged across every column), if one does."""
    row = table.rows[r]
    cell = row[0] if row else None
    if cell is None or cell.row != r or any(c is not cell for c in row) or len(row) < table.n_cols:
        return None
    return cell


def _beside(table: Table, r: int, index: int) -> list[CellItem]:
    """"4.1基本情况 | (the answer spanning the rest of the row)": a numbered label with prose beside it."""
    anchors = [c for k, c in enumerate(table.rows[r]) if c.row == r and c.col == k]
    if len(anchors) != 2 or anchors[0].col != 0 or "\n" in anchors[0].text:
        return []
    head, answer = anchors
    read = label(head.text)
    if read is None or read[0] is None or not _prose(answer.text):
        return []
    return [_item(index, head, read, answer.text)]


def label(text: str) -> tuple[Numbered | None, str] | None:
    """(its number, its title) when `text` is an item's label ("2.8 …自评报告", "简述…情况"); None
    for anything else, e.g. the applicant's prose."""
    t = text.strip()
    if not t or len(t) > 300:
        return None
    n = split_number(t)
    if n is not None:
        bare = _unbracketed(n.title, keep_end=True)
        if n.numbering in _ITEM_KINDS and looks_like_heading_text(bare, max_chars=40):
            return n, _short(n.title)
        return None
    bare = _unbracketed(t)
    if _PROMPT_START.match(bare) or (len(bare) <= 40 and _PROMPT_END.search(bare)
                                     and looks_like_heading_text(bare)):
        return None, _short(t)
    return None


def _unbracketed(text: str, keep_end: bool = False) -> str:
    """"2、“互联网+产业集群”发展情况（产业集群所在园区宽带接入……）。" -> its words without the
    bracketed remarks (nested ones too) and, unless `keep_end`, the closing punctuation."""
    prev = None
    while prev != text:
        prev, text = text, _PARENS.sub("", text)
    return text.strip() if keep_end else text.strip().rstrip("。．.:：；;")


def _short(prompt: str) -> str:
    """A label as an outline title: up to its first bracketed remark or clause, at most 60 characters."""
    head = re.split(r"[（(；;。]", prompt, maxsplit=1)[0].strip() or prompt
    return head if len(head) <= 60 else head[:59] + "…"


def _prose(text: str) -> bool:
    t = text.strip()
    return len(t) >= 50 or "。" in t


def _item(index: int, label: Cell, read: tuple[Numbered | None, str], answer: str) -> CellItem:
    n, title = read
    if n is None:
        return CellItem(index, label.row, label.col, "", "", "none", title, answer)
    return CellItem(index, label.row, label.col, n.label, n.number, n.numbering, title, answer)

"""Text units (headings, paragraphs, table cells) and the region that answers a label.

Forms put the answer to a label in three places: the rest of the label's own cell ("意见：\\n（盖章）
\\n年 月 日"), the cell to its right ("质量、安全、环保情况 | …是□ 否□"), or the paragraphs after a
label line ("集群促进组织负责人签字：" / "（单位盖章）" / "年 月 日"). A Region holds that text
and where it starts, so declaration, veto and choice rules read forms the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.model import Cell, Document, Heading, Table
from extractor.normalize import normalize

_LABEL_CELL_SLACK = 8  # a cell no longer than label + this many characters is "just the label"


@dataclass(frozen=True, slots=True)
class TextUnit:
    index: int  # block index in Document.blocks
    text: str
    row: int | None = None  # 1-based row/column of a table cell
    column: int | None = None
    heading: bool = False

    @property
    def in_table(self) -> bool:
        return self.row is not None


@dataclass(frozen=True, slots=True)
class Region:
    unit: TextUnit  # where the label was found
    text: str  # the label's unit and what answers it, joined by newlines
    answer: str  # `text` without the label unit when the answer sits elsewhere, else `text`
    beside: bool = False  # the answer is a neighbouring cell, the label stands in a cell of its own


def text_units(doc: Document) -> list[TextUnit]:
    out: list[TextUnit] = []
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Table):
            for r, row in enumerate(b.rows):
                for c, cell in enumerate(row):
                    if cell.row == r and cell.col == c and cell.text.strip():
                        out.append(TextUnit(i, cell.text, r + 1, c + 1))
        elif b.text.strip():
            out.append(TextUnit(i, b.text, heading=isinstance(b, Heading)))
    return out


def title_lines(doc: Document, limit: int = 12) -> list[str]:
    """The cover and title lines: the file's title property, the text before the first heading
    and the first heading itself (many submissions style their title as Heading 1)."""
    lines = [doc.meta.title] if doc.meta.title else []
    taken = 0
    for b in doc.blocks:
        if isinstance(b, Table):
            break
        if b.text.strip():
            lines.append(b.text.strip())
            taken += 1
        if isinstance(b, Heading) or taken >= limit:
            break
    return lines


def contains(text: str, label: str) -> bool:
    return bool(label) and normalize(label) in normalize(text)


def after_label(text: str, label: str) -> str:
    """`text` after the first occurrence of `label` (compared normalised), or all of it."""
    norm_label = normalize(label)
    pos = normalize(text).find(norm_label) if norm_label else -1
    return text if pos < 0 else _drop_prefix(text, pos + len(norm_label))


def _drop_prefix(raw: str, n_norm: int) -> str:
    """Drop the first `n_norm` normalised characters of `raw` (whitespace is not counted)."""
    seen = 0
    for k, ch in enumerate(raw):
        if seen >= n_norm:
            return raw[k:]
        if normalize(ch):
            seen += len(normalize(ch))
    return ""


def regions_for(doc: Document, units: list[TextUnit], label: str, *, span: int = 6) -> list[Region]:
    out: list[Region] = []
    for n, u in enumerate(units):
        if not contains(u.text, label):
            continue
        if u.in_table:
            out.append(_cell_region(doc, u, label))
        else:
            out.append(_paragraph_region(units, n, span))
    return out


def _cell_region(doc: Document, u: TextUnit, label: str) -> Region:
    table = doc.blocks[u.index]
    assert isinstance(table, Table) and u.row is not None and u.column is not None
    cell = table.rows[u.row - 1][u.column - 1]
    if len(normalize(cell.text)) > len(normalize(label)) + _LABEL_CELL_SLACK:
        return Region(u, cell.text, cell.text)
    right = _right_of(table, cell)
    if right is None and cell.row + cell.rowspan < table.n_rows:
        right = table.rows[cell.row + cell.rowspan][cell.col]
    answer = right.text if right is not None else ""
    return Region(u, f"{cell.text}\n{answer}" if answer else cell.text, answer, beside=True)


def _right_of(table: Table, cell: Cell) -> Cell | None:
    row = table.rows[cell.row]
    return next((x for x in row[cell.col + cell.colspan:] if x is not cell), None)


def _paragraph_region(units: list[TextUnit], n: int, span: int) -> Region:
    first = units[n]
    parts = [first.text]
    after: list[str] = []
    for u in units[n + 1: n + 1 + span]:
        if u.heading or u.in_table or u.index - first.index > span:
            break
        after.append(u.text)
    parts.extend(after)
    return Region(first, "\n".join(parts), "\n".join(parts))

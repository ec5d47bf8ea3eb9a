"""Text units (headings, paragraphs, table cells) and the region that answers a label.

Forms put the answer to a label in four places: the rest of the label's own cell ("意见：\\n（盖章）
\\n年 月 日"), the cell to its right ("质量、安全、环保情况 | …是□ 否□"), the box below a question
that fills its own cell ("简述……（注明文件名称、文号……）" over the applicant's text), or the
paragraphs after a label line ("集群促进组织负责人签字：" / "（单位盖章）" / "年 月 日"). A Region
holds the units that answer, so declaration, veto, choice, length and policy rules read forms alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from checkers.tables import right_or_below
from extractor.model import Block, Cell, Document, Heading, Paragraph, Table
from extractor.normalize import normalize
from extractor.ticks import has_ticks

_LABEL_CELL_SLACK = 8  # a cell no longer than label + this many characters is "just the label"
_BRACKETED = re.compile(r"^[（(【\[].*[)）】\]]$")


@dataclass(frozen=True, slots=True)
class TextUnit:
    index: int  # block index in Document.blocks
    text: str
    norm: str  # `text` normalised once, for every rule that looks for a label or a phrase in it
    row: int | None = None  # 1-based row/column of a table cell
    column: int | None = None
    heading: bool = False
    images: int = 0  # pictures in the cell or paragraph: scans pasted into an evidence box are an answer

    @property
    def in_table(self) -> bool:
        return self.row is not None


@dataclass(frozen=True, slots=True)
class Region:
    unit: TextUnit  # where the label was found
    answers: tuple[TextUnit, ...]  # the units that answer it; `unit` itself when it answers in its own cell
    beside: bool = False  # the answer is a neighbouring cell, the label stands in a cell of its own

    @property
    def text(self) -> str:
        """The label's unit and what answers it, joined by newlines."""
        rest = [a.text for a in self.answers if a is not self.unit and a.text]
        return "\n".join([self.unit.text, *rest])

    @property
    def answer(self) -> str:
        return "\n".join(a.text for a in self.answers)

    @property
    def images(self) -> int:
        """Pictures in the units that answer: a box holding only scanned certificates is not blank."""
        return sum(a.images for a in self.answers)


_UNITS: WeakKeyDictionary[Document, tuple[TextUnit, ...]] = WeakKeyDictionary()


def text_units(doc: Document) -> tuple[TextUnit, ...]:
    """Every heading, paragraph and table cell with text, in reading order, read once per document:
    template detection and every rule of the check then share them."""
    units = _UNITS.get(doc)
    if units is None:
        units = _UNITS[doc] = tuple(_read_units(doc))
    return units


def _read_units(doc: Document) -> list[TextUnit]:
    out: list[TextUnit] = []
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Table):
            out.extend(cell_unit(i, c) for c in b.anchors() if c.text.strip())
        elif b.text.strip():
            out.append(TextUnit(i, b.text, normalize(b.text), heading=isinstance(b, Heading), images=pictures(b)))
    return out


def pictures(block: Block) -> int:
    """Pictures a block shows; a paragraph of a scanned certificate, or a form's evidence cell the
    scans were pasted into, has them and no text."""
    if isinstance(block, Table):
        return sum(c.images for c in block.anchors())
    return block.images if isinstance(block, Paragraph) else 0


def cell_unit(index: int, cell: Cell) -> TextUnit:
    return TextUnit(index, cell.text, normalize(cell.text), cell.row + 1, cell.col + 1, images=cell.images)


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


def regions_for(doc: Document, units: Sequence[TextUnit], label: str, *, span: int = 6) -> list[Region]:
    want = normalize(label)
    out: list[Region] = []
    for n, u in enumerate(units):
        if not want or want not in u.norm:
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
    if len(normalize(cell.text)) <= len(normalize(label)) + _LABEL_CELL_SLACK:  # just the label
        beside = right_or_below(table, cell)
        return Region(u, (cell_unit(u.index, beside),) if beside is not None else (), beside=True)
    box = _box_below(table, cell)
    if box is not None and not _answers_itself(cell.text, label):
        return Region(u, (cell_unit(u.index, box),), beside=True)
    return Region(u, (u,))


def _box_below(table: Table, cell: Cell) -> Cell | None:
    """The cell right below, spanning the same columns: the box a question cell is answered in."""
    r = cell.row + cell.rowspan
    below = table.rows[r][cell.col] if r < table.n_rows else None
    return below if below is not None and below.col == cell.col and below.colspan == cell.colspan else None


def _answers_itself(text: str, label: str) -> bool:
    """Whether a long cell holds its own answer: "label：value", ticks, or lines typed under the
    label's line. A question or instruction runs on in the label's own line, or adds a bracketed
    note below it ("（企业数字化研发设计工具普及状况……）"), and is answered in the box below."""
    rest = after_label(text, label)
    if rest.lstrip(" \u3000\t")[:1] in (":", "：") or has_ticks(rest):
        return True
    _, _, below = rest.partition("\n")
    return any(line.strip() and not _BRACKETED.match(line.strip()) for line in below.splitlines())


def _paragraph_region(units: Sequence[TextUnit], n: int, span: int) -> Region:
    first = units[n]
    answers = [first]
    for u in units[n + 1: n + 1 + span]:
        if u.heading or u.in_table or u.index - first.index > span:
            break
        answers.append(u)
    return Region(first, tuple(answers))

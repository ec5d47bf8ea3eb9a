"""What the rules of one check share: the document, its sections found once, and lookups that
turn a template's label ("二、集群企业发展情况", "表3", "集群名称") into a place in the document.

A Context knows no rule and no pack. The outlines the pack declares are handed in
(`outlines`), and assigning headings to them is a service of the Context: every rule that names a
section — whichever kind, whichever asks first — gets the heading that outline was matched to.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from checkers.findings import FindingLocation
from checkers.matching import OutlineMatch, match_outline, spec_score
from checkers.regions import Region, TextUnit, pictures, regions_for, text_units, title_lines
from checkers.tables import right_or_below
from checkers.where import SectionSpec, TableRef
from extractor.model import Document, Heading, Paragraph, Section, Table
from extractor.normalize import normalize

if TYPE_CHECKING:
    from checkers.roster import Roster

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class OutlineSpec:
    """An outline the pack requires: its sections, and how close a heading's title must be."""

    sections: Sequence[SectionSpec]
    min_score: float = 80.0


@dataclass
class Context:
    doc: Document
    roster: Roster | None = None
    outlines: Sequence[OutlineSpec] = ()  # every outline the pack requires, matched once for all rules
    _memo: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False)

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What several rules ask of the document (a table found, an attachments part read),
        computed once per check whichever rule asks first."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # ---- sections -------------------------------------------------------------------------
    @cached_property
    def headed(self) -> list[Section]:
        return [s for s in self.doc.sections if s.heading]

    def section_matches(self, spec: SectionSpec, within: Section | None = None,
                        min_score: float = 80.0) -> list[tuple[float, Section]]:
        """Every section whose title (or number + title) matches the spec, best first."""
        out: list[tuple[float, Section]] = []
        for s in self.headed:
            if within and not (within.start < s.start < within.end):
                continue
            score = spec_score(spec, s)
            if score >= min_score:
                out.append((score, s))
        out.sort(key=lambda p: (-p[0], p[1].start))
        return out

    def find_section(self, spec: SectionSpec, within: Section | None = None,
                     min_score: float = 80.0) -> Section | None:
        """The section the pack's outline assigned to this spec, else the best match.

        Going through the outline's assignment keeps every rule on the same heading: a length
        rule on "集群企业发展情况" never measures "集群产业发展情况" because the titles are close.
        """
        key = _spec_key(spec)
        if key not in self.assigned and not key[0]:  # written without its number: the title alone
            key = next((k for k in self.assigned if k[1] == key[1]), key)
        if key in self.assigned:
            s = self.assigned[key]
            if s is None or within is None or within.start < s.start < within.end:
                return s
        found = self.section_matches(spec, within, min_score)
        return found[0][1] if found else None

    def outline_match(self, outline: OutlineSpec) -> OutlineMatch:
        """Headings assigned to an outline's sections, computed once per check."""
        key = ("outline", tuple(id(s) for s in outline.sections), outline.min_score)
        return self.once(key, lambda: match_outline(outline.sections, self.doc.sections, outline.min_score))

    @cached_property
    def assigned(self) -> dict[tuple[str, str], Section | None]:
        """(number, title) of every outline spec -> the section it was matched to, or None."""
        out: dict[tuple[str, str], Section | None] = {}
        for outline in self.outlines:
            for spec, sec, _parent in self.outline_match(outline).walk():
                out.setdefault(_spec_key(spec), sec)
        return out

    def outline_requires_body(self, spec: SectionSpec) -> bool:
        """Whether the outline already reports this section when it is empty (O004)."""
        for outline in self.outlines:
            for s, _sec, _parent in self.outline_match(outline).walk():
                if _spec_key(s) == _spec_key(spec):
                    return s.body_required
        return False

    def outline_index(self, s: Section) -> int | None:
        """The place of a section in the report's outline (every headed section, in order)."""
        return next((i for i, h in enumerate(self.headed) if h is s), None)

    def block_indices(self, specs: Iterable[SectionSpec], *, with_heading: bool = False) -> list[int]:
        """Blocks of the sections found for `specs`, in document order, each once: where a rule limited
        to some parts of the outline reads, or what it leaves out."""
        out: set[int] = set()
        for spec in specs:
            sec = self.find_section(spec)
            if sec is not None:
                out.update(range(sec.start if with_heading else sec.start + 1, sec.end))
        return sorted(out)

    def is_empty(self, s: Section) -> bool:
        """No text and no picture: a part made of scanned certificates is not empty (O004, E002)."""
        return s.words == 0 and not any(pictures(b) for b in self.doc.section_blocks(s))

    @staticmethod
    def section_label(s: Section) -> str:
        if not s.heading:
            return "（正文开头）"
        return s.heading.text.strip() or f"{s.number} {s.title}".strip()

    def section_at(self, index: int) -> Section | None:
        """The innermost headed section containing block `index`: what a finding's location names."""
        best: Section | None = None
        for s in self.headed:
            if s.start <= index < s.end and (best is None or s.level >= best.level):
                best = s
        return best

    def section_text(self, s: Section) -> str:
        return "\n".join(
            b.text() if isinstance(b, Table) else b.text for b in self.doc.section_blocks(s)
        )

    @cached_property
    def title_lines(self) -> list[str]:
        return title_lines(self.doc)

    # ---- text units and labelled regions ----------------------------------------------------
    @property
    def units(self) -> tuple[TextUnit, ...]:
        """Every heading, paragraph and table cell once, in reading order, normalised once per document."""
        return text_units(self.doc)

    def regions(self, label: str, *, span: int = 6) -> list[Region]:
        """Where a label of the template (a form field, a declaration, a question) sits, with the
        text that answers it: the rest of its cell and the cell to its right, or the paragraphs
        that follow it up to the next heading or table."""
        return regions_for(self.doc, self.units, label, span=span)

    # ---- locations ------------------------------------------------------------------------
    def locate(self, index: int | None, *, table: str | None = None, row: int | None = None,
               column: int | None = None) -> FindingLocation:
        if index is None:
            return FindingLocation(table=table, row=row, column=column)
        block = self.doc.blocks[index]
        sec = self.section_at(index)
        return FindingLocation(
            page=block.loc.page, paragraph=block.loc.paragraph, sheet=block.loc.sheet, cell=block.loc.cell,
            section=self.section_label(sec) if sec else None, table=table, row=row, column=column,
        )

    # ---- tables ---------------------------------------------------------------------------
    def find_table(self, ref: TableRef) -> tuple[int, Table] | None:
        """The first table whose caption or preceding heading matches, and whose cells hold the header words."""
        return self.once(("table", ref.label, tuple(ref.caption), tuple(ref.header)), lambda: self._find_table(ref))

    def _find_table(self, ref: TableRef) -> tuple[int, Table] | None:
        for i, text in self._table_texts.items():
            if ref.header and not all(normalize(h) in text for h in ref.header):
                continue
            table = self.doc.blocks[i]
            assert isinstance(table, Table)
            if ref.caption and not self._caption_matches(i, table, ref.caption):
                continue
            return i, table
        return None

    @cached_property
    def _table_texts(self) -> dict[int, str]:
        """Block index -> the table's text normalised, in document order."""
        return {i: normalize(b.text()) for i, b in enumerate(self.doc.blocks) if isinstance(b, Table)}

    def _caption_matches(self, index: int, table: Table, words: list[str]) -> bool:
        near = [table.caption or ""]
        for j in range(index - 1, max(-1, index - 4), -1):
            prev = self.doc.blocks[j]
            if isinstance(prev, Table):
                break
            near.append(prev.text if isinstance(prev, (Paragraph, Heading)) else "")
        first_row = " ".join(c.text for c in table.rows[0]) if table.rows else ""
        hay = normalize(" ".join([*near, first_row]))
        return any(normalize(w) in hay for w in words)

    # ---- labelled fields ------------------------------------------------------------------
    def field_hits(self, labels: list[str]) -> list[FieldHit]:
        """Every place a label is filled in: the cell right of (else below) a label cell, or the
        text after "label：" in a paragraph. Forms put 集群名称 in both places, so all are returned."""
        wanted = [normalize(x) for x in labels if x]
        starts = {w[:1] for w in wanted} | {x[:1] for x in labels if x}
        hits: list[FieldHit] = []
        for _n, u in sorted(p for s in starts for p in self._by_first.get(s, [])):
            if u.in_table:
                hit = self._cell_hit(u, wanted)
                if hit is not None:
                    hits.append(hit)
                continue
            text = u.text.strip()
            for lab in labels:
                pos = _label_pos(text, lab)
                if pos is not None:
                    hits.append(FieldHit(label=lab, text=text[pos:].strip().lstrip(":：").strip(), index=u.index))
                    break
        return hits

    @cached_property
    def _by_first(self) -> dict[str, list[tuple[int, TextUnit]]]:
        """(position, unit) by the first character a label would start with (a cell normalised, a
        paragraph as typed), so a field lookup reads only the units that may hold it."""
        out: dict[str, list[tuple[int, TextUnit]]] = {}
        for n, u in enumerate(self.units):
            out.setdefault((u.norm if u.in_table else u.text.lstrip())[:1], []).append((n, u))
        return out

    def field_value(self, labels: list[str]) -> FieldHit | None:
        hits = self.field_hits(labels)
        filled = [h for h in hits if h.text.strip(" _　")]
        return (filled or hits or [None])[0]

    def _cell_hit(self, u: TextUnit, wanted: list[str]) -> FieldHit | None:
        """The value of a label cell: the cell right of it, else below it."""
        norm = u.norm.rstrip(":：")
        if not any(norm == w or (norm.startswith(w) and len(norm) <= len(w) + 6) for w in wanted):
            return None
        t = self.doc.blocks[u.index]
        assert isinstance(t, Table) and u.row is not None and u.column is not None
        target = right_or_below(t, t.rows[u.row - 1][u.column - 1])
        if target is None:
            return None
        return FieldHit(label=u.text.strip(), text=target.text.strip(), index=u.index,
                        row=target.row + 1, column=target.col + 1, table=t.caption)


def _spec_key(spec: SectionSpec) -> tuple[str, str]:
    return normalize(spec.number), normalize(spec.title)


@dataclass(frozen=True, slots=True)
class FieldHit:
    label: str
    text: str
    index: int  # block index
    row: int | None = None  # 1-based table row/column of the value cell
    column: int | None = None
    table: str | None = None


def _label_pos(text: str, label: str) -> int | None:
    """Index just after "label：" / "label:" at the start of a paragraph, else None."""
    t = text.lstrip()
    if not t.startswith(label):
        return None
    rest = t[len(label):].lstrip(" 　")
    if rest[:1] in (":", "："):
        return len(text) - len(rest)
    return None

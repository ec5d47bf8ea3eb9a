"""What the rules of one check share: the document, its sections found once, and lookups that
turn a template's label ("二、集群企业发展情况", "表3", "集群名称") into a place in the document."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from checkers.findings import ClusterResult, FindingLocation
from checkers.kinds.refs import SectionSpec, TableRef
from extractor.model import Document, Heading, Paragraph, Section, Table
from extractor.normalize import normalize

if TYPE_CHECKING:
    from checkers.pack import RulePack
    from checkers.roster import Roster


def similarity(a: str, b: str) -> float:
    """0–100 title similarity, tolerant to punctuation, width and small wording changes."""
    na, nb = normalize(a), normalize(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 100.0
    return max(fuzz.ratio(na, nb), 0.95 * fuzz.partial_ratio(na, nb) if min(len(na), len(nb)) >= 4 else 0.0)


@dataclass
class Context:
    doc: Document
    pack: RulePack
    roster: Roster | None = None
    cluster: ClusterResult = field(default_factory=ClusterResult)

    # ---- sections -------------------------------------------------------------------------
    @cached_property
    def headed(self) -> list[Section]:
        return [s for s in self.doc.sections if s.heading]

    def section_matches(self, spec: SectionSpec, within: Section | None = None,
                        min_score: float = 80.0) -> list[tuple[float, Section]]:
        """Every section whose title (or number + title) matches the spec, best first."""
        names = [spec.title, *spec.aliases]
        out: list[tuple[float, Section]] = []
        for s in self.headed:
            if within and not (within.start < s.start < within.end):
                continue
            score = max(similarity(s.title, n) for n in names)
            if spec.number and normalize(s.number) == normalize(spec.number):
                score = min(100.0, score + 10)
            if score >= min_score:
                out.append((score, s))
        out.sort(key=lambda p: (-p[0], p[1].start))
        return out

    def find_section(self, spec: SectionSpec, within: Section | None = None,
                     min_score: float = 80.0) -> Section | None:
        found = self.section_matches(spec, within, min_score)
        return found[0][1] if found else None

    @staticmethod
    def section_label(s: Section) -> str:
        if not s.heading:
            return "（正文开头）"
        return s.heading.text.strip() or f"{s.number} {s.title}".strip()

    def section_at(self, index: int) -> Section | None:
        """The innermost headed section containing block `index`."""
        best: Section | None = None
        for s in self.headed:
            if s.start <= index < s.end and (best is None or s.level >= best.level):
                best = s
        return best

    def section_text(self, s: Section) -> str:
        return "\n".join(
            b.text() if isinstance(b, Table) else b.text for b in self.doc.section_blocks(s)
        )

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
        for i, b in enumerate(self.doc.blocks):
            if not isinstance(b, Table):
                continue
            if ref.header:
                text = normalize(b.text())
                if not all(normalize(h) in text for h in ref.header):
                    continue
            if ref.caption and not self._caption_matches(i, b, ref.caption):
                continue
            return i, b
        return None

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
        hits: list[FieldHit] = []
        for i, b in enumerate(self.doc.blocks):
            if isinstance(b, Table):
                hits.extend(self._table_hits(i, b, wanted))
            else:
                text = b.text.strip()
                for lab in labels:
                    pos = _label_pos(text, lab)
                    if pos is not None:
                        value = text[pos:].strip().lstrip(":：").strip()
                        hits.append(FieldHit(label=lab, text=value, index=i))
                        break
        return hits

    def field_value(self, labels: list[str]) -> FieldHit | None:
        hits = self.field_hits(labels)
        filled = [h for h in hits if h.text.strip(" _　")]
        return (filled or hits or [None])[0]

    def _table_hits(self, index: int, t: Table, wanted: list[str]) -> list[FieldHit]:
        out: list[FieldHit] = []
        for r, row in enumerate(t.rows):
            for c, cell in enumerate(row):
                if cell.row != r or cell.col != c:
                    continue
                norm = normalize(cell.text).rstrip(":：")
                if not norm or not any(norm == w or (norm.startswith(w) and len(norm) <= len(w) + 6) for w in wanted):
                    continue
                right = next((x for x in row[c + cell.colspan:] if x is not cell), None)
                below = t.rows[r + cell.rowspan][c] if r + cell.rowspan < t.n_rows else None
                target = right if right is not None else below
                if target is None:
                    continue
                out.append(FieldHit(label=cell.text.strip(), text=target.text.strip(), index=index,
                                    row=target.row + 1, column=target.col + 1, table=t.caption))
        return out


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

"""Finding rows and columns of a form's table by the template's own words.

Applicants keep the template's labels but not its layout: "其中：" prefixes come and go, indentation
is typed with spaces, units move into parentheses ("企业总户数（家）"), headers are merged over two
rows ("营业收入（亿元） | 2021年 / 2022年"), and one Word table often holds several of the template's
tables one after another. So rows are found by a label *key* (numbering, 其中, parentheses and
punctuation removed), and a column by the header text nearest above the rows it serves.

A column spec may name a path through merged headers with "|" or a space: "2021年|园区总额" is the
园区总额 column under the 2021年 header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from extractor.headings import split_number
from extractor.model import Cell, Table
from extractor.normalize import normalize

_QIZHONG = re.compile(r"^(?:其中\s*[:：,，]?|其\s*[:：,，])\s*")  # not the 其 of 其他
_PARENS = re.compile(r"\([^()]*\)")
_PUNCT = re.compile(r"[\"'“”‘’:;,.。、*_]")
_SCORE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


@lru_cache(maxsize=16384)  # every rule reading a form asks for the keys of the same cells
def label_key(text: str) -> str:
    """"（一）创新服务机构数(附名单)" -> "创新服务机构数"; "其中：1、高新技术企业" -> "高新技术企业".

    Numbering is cut from the raw text with extractor.headings.split_number, before normalising:
    normalize turns 、 into "," and a "1、" list number would survive as "1"."""
    k = text.strip()
    for _ in range(3):
        before = k
        numbered = split_number(k)
        k = _QIZHONG.sub("", numbered.title if numbered else k)
        if k == before:
            break
    k = normalize(k)
    prev = None
    while prev != k:  # nested parentheses
        prev, k = k, _PARENS.sub("", k)
    return _PUNCT.sub("", k)


def squash(text: str) -> str:
    """Normalised and without quotes or punctuation, for finding a label inside running text."""
    return _PUNCT.sub("", normalize(text))


def score_max(text: str) -> float | None:
    """"集群工作组织机构 (5分)" -> 5.0."""
    found = _SCORE.findall(normalize(text))
    return float(found[-1]) if found else None


def strip_score(text: str) -> str:
    return _SCORE.sub("", text).strip()


def key_matches(cell_key: str, want: str, fuzzy: bool) -> float:
    """0 (no) to 100 (same key); fuzzy accepts near spellings (OCR, a dropped word)."""
    if not cell_key or not want:
        return 0.0
    if cell_key == want:
        return 100.0
    if not fuzzy:
        return 0.0
    short, long_ = (cell_key, want) if len(cell_key) <= len(want) else (want, cell_key)
    if len(short) < 0.75 * len(long_):
        return 0.0  # too different in length for either test below (a ratio of 88 needs 0.79)
    if short in long_:
        return 90.0
    score = fuzz.ratio(cell_key, want)
    return score if score >= 88 else 0.0


@dataclass
class Grid:
    """A form's table read by the template's words: rows by label key, columns by the header above
    them, since applicants keep the template's labels but not its layout."""

    table: Table

    def row_anchors(self, r: int) -> list[Cell]:
        out: list[Cell] = []
        for cell in self.table.rows[r]:
            if all(x is not cell for x in out):
                out.append(cell)
        return out

    def label_cell(self, r: int, key: str, fuzzy: bool) -> tuple[float, Cell] | None:
        best: tuple[float, Cell] | None = None
        for cell in self.row_anchors(r):
            s = key_matches(label_key(cell.text), key, fuzzy)
            if s and (best is None or s > best[0]):
                best = (s, cell)
        return best

    def find_rows(self, labels: dict[str, list[str]], start: int = 0) -> dict[str, tuple[int, Cell]]:
        """Each wanted label (with aliases) to (row, label cell); exact keys first, then near ones,
        one row per label, preferring the row after the previous label's (templates keep the order)."""
        found: dict[str, tuple[int, Cell]] = {}
        used: set[int] = set()
        for fuzzy in (False, True):
            last = start
            for name, aliases in labels.items():
                if name in found:
                    last = found[name][0]
                    continue
                keys = [label_key(x) for x in [name, *aliases]]
                best: tuple[float, int, int, Cell] | None = None
                for r in range(start, self.table.n_rows):
                    if r in used:
                        continue
                    for key in keys:
                        hit = self.label_cell(r, key, fuzzy)
                        if hit:
                            rank = (hit[0], -(r - last) if r > last else -10_000 - (last - r))
                            if best is None or rank > (best[0], best[1]):
                                best = (rank[0], rank[1], r, hit[1])
                if best:
                    found[name] = (best[2], best[3])
                    used.add(best[2])
                    last = best[2]
        return found

    def find_column(self, spec: str, first_row: int, min_col: int = 0, top: int = 0) -> int | None:
        """The column whose header (nearest above `first_row`) holds every "|"-separated part of spec."""
        parts = [label_key(p) or normalize(p) for p in re.split(r"[|\s]+", spec) if p.strip()]
        if not parts:
            return None
        for r in range(first_row - 1, top - 1, -1):
            for cell in self.row_anchors(r):
                if cell.col + cell.colspan <= min_col or not _header_has(cell.text, parts[0]):
                    continue
                col = self._descend(cell, parts[1:], first_row)
                if col is not None:
                    return max(col, min_col)
        return None

    def _descend(self, cell: Cell, parts: list[str], first_row: int) -> int | None:
        if not parts:
            return cell.col
        for rr in range(cell.row + cell.rowspan, first_row):
            for sub in self.row_anchors(rr):
                if cell.col <= sub.col < cell.col + cell.colspan and _header_has(sub.text, parts[0]):
                    return self._descend(sub, parts[1:], first_row)
        return None

    def text(self, r: int, c: int) -> str:
        return self.table.rows[r][c].text.strip()


def _header_has(text: str, part: str) -> bool:
    n = normalize(text)
    return bool(n) and (part in n or part in label_key(text))


def right_or_below(t: Table, cell: Cell) -> Cell | None:
    """The cell that answers a label cell: the next one to its right, else the one below it."""
    row = t.rows[cell.row]
    right = next((x for x in row[cell.col + cell.colspan:] if x is not cell), None)
    if right is not None:
        return right
    below = cell.row + cell.rowspan
    return t.rows[below][cell.col] if below < t.n_rows else None


def transpose(t: Table) -> Table:
    """Rows become columns: a score summary laid out across (表11) reads like one laid out down."""
    cells: dict[int, Cell] = {}
    rows: list[list[Cell]] = []
    for c in range(t.n_cols):
        row: list[Cell] = []
        for r in range(t.n_rows):
            src = t.rows[r][c] if c < len(t.rows[r]) else Cell("", r, c)
            key = id(src)
            if key not in cells:
                cells[key] = Cell(src.text, src.col, src.row, src.colspan, src.rowspan)
            row.append(cells[key])
        rows.append(row)
    return Table(rows=rows, loc=t.loc, caption=t.caption)

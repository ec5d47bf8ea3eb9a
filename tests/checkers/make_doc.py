"""Documents built directly from extractor.model objects, and packs of a few rules, for checking one
kind at a time without a parser or a shipped pack."""

from __future__ import annotations

from typing import Any

from checkers import Finding, RulePack, check
from checkers.pack import parse_pack
from extractor.headings import split_number
from extractor.model import Cell, Document, Heading, Location, Meta, Paragraph, Table
from samples.builder import prose_text


def H(text: str, level: int = 1, page: int | None = None) -> Heading:
    n = split_number(text)
    return Heading(text=text, level=level, number=n.number if n else "", title=n.title if n else text,
                   loc=Location(page=page), numbering=n.numbering if n else "none", signal="style")


def P(text: str, page: int | None = None) -> Paragraph:
    return Paragraph(text=text, loc=Location(page=page))


def prose(words: int, seed: int = 0) -> list[Paragraph]:
    return [P(t) for t in prose_text(words, seed)]


def T(rows: list[list[str]], merges: list[tuple[int, int, int, int]] = ()) -> Table:
    """A table from a grid; merges are (row, col, rowspan, colspan), the anchor keeps its text."""
    grid = [[Cell(text=t, row=r, col=c) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    for r, c, rs, cs in merges:
        anchor = Cell(text=rows[r][c], row=r, col=c, rowspan=rs, colspan=cs)
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                grid[rr][cc] = anchor
    return Table(rows=grid, loc=Location())


def make(*items: object, filename: str = "test.docx", title: str | None = None) -> Document:
    blocks = []
    for it in items:
        if isinstance(it, list):
            blocks.extend(it)
        elif isinstance(it, str):
            blocks.append(P(it))
        else:
            blocks.append(it)
    for n, b in enumerate(blocks, start=1):
        if not isinstance(b, Table) and b.loc.paragraph is None:
            b.loc = Location(page=b.loc.page, paragraph=n)
    return Document(blocks=blocks, meta=Meta(format="docx", filename=filename, title=title))


_PACK_META = {"id": "t", "title": "测试", "seed": "test", "version": "1"}


def pack_of(*rules: dict[str, Any]) -> RulePack:
    """Rules as a pack's TOML would load them, under a test [pack] table."""
    return RulePack.model_validate({"pack": _PACK_META, "rules": list(rules)})


def toml_pack(rules: str) -> RulePack:
    """Rules written in the pack's TOML (``[[rules]]`` tables), under a test [pack] table."""
    head = "".join(f'{k} = "{v}"\n' for k, v in _PACK_META.items())
    return parse_pack(f"[pack]\n{head}{rules}", "test")


def run(doc: Document, *rules: dict[str, Any]) -> list[Finding]:
    return check(doc, pack_of(*rules)).findings


def codes(findings: list[Finding]) -> list[tuple[str, str]]:
    """(code, target) of every finding, sorted."""
    return sorted((f.code, f.target) for f in findings)

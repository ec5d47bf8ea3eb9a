"""The one document model every parser produces.

A `Document` is a flat, ordered list of blocks; sections and the outline are *derived* from the
headings so that no parser has to build a tree, and every block keeps where it came from so a
finding can point a reviewer at the page, paragraph or cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from extractor.counting import Counts, count
from extractor.headings import RANK, Numbered, bare_number, rank_of

if TYPE_CHECKING:
    from extractor.table_items import CellItem


@dataclass(slots=True, frozen=True)
class Location:
    """Where a block sits in the source file. Fields that do not apply stay None."""

    page: int | None = None  # 1-based; PDF always, Word only when a page break is known
    paragraph: int | None = None  # 1-based index among the Word body paragraphs
    sheet: str | None = None  # Excel sheet name
    cell: str | None = None  # Excel A1 reference of the block's first cell
    line: int | None = None  # 1-based line on the page (PDF)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}


@dataclass(slots=True)
class Heading:
    """A heading with its numbering split off: "（一）集群总体情况" -> number "（一）", title "集群总体情况".

    `number` is the number as written, so "（一）" and "一、" stay different headings; `value` is
    its bare value ("一"), what a sequence is counted in and a template's number is compared with
    (like docling's orig beside text). `numbering` names the numbering kind ("chinese",
    "chinese-paren", "arabic", "arabic-paren", "arabic-dotted", "part", "chapter", "case", "none"),
    which is what decides the hierarchy in Chinese reports more reliably than the style does.
    `signal` says what made it a heading (style, outline, numbering, prefix, font, bookmark) so a
    doubtful call can be explained.
    """

    text: str
    level: int
    number: str
    title: str
    loc: Location
    numbering: str = "none"
    signal: str = "prefix"
    value: str = ""
    kind: Literal["heading"] = "heading"

    def __post_init__(self) -> None:
        if not self.value and self.number:
            self.value = bare_number(self.number)

    @property
    def rank(self) -> int | None:
        """The conventional rank of its numbering kind (see headings.RANK); None when unnumbered."""
        if self.numbering not in RANK:
            return None
        return rank_of(Numbered(self.numbering, self.value, self.title))


@dataclass(slots=True)
class Paragraph:
    text: str
    loc: Location
    style: str | None = None
    kind: Literal["paragraph"] = "paragraph"
    # Pictures in the paragraph: a scanned certificate carries no text but is content all the same,
    # so a paragraph holding only a picture is kept, with text "".
    images: int = 0
    # "title": the cover's title block, its wrapped lines joined into one (a long cluster name
    # centred on a cover breaks over two or three lines; the name is only whole when joined).
    role: str | None = None


@dataclass(slots=True)
class Cell:
    """An anchor cell. In `Table.rows` every grid position covered by a merge holds the same Cell."""

    text: str
    row: int  # 0-based grid row of the anchor (top-left) position
    col: int  # 0-based grid column of the anchor
    rowspan: int = 1
    colspan: int = 1
    images: int = 0  # pictures in the cell: scans pasted into an evidence box are content without text


@dataclass(slots=True)
class Table:
    rows: list[list[Cell]]  # rectangular grid, merged cells resolved
    loc: Location
    caption: str | None = None  # nearest preceding short paragraph, if it looks like a caption
    kind: Literal["table"] = "table"

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def grid(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]

    def anchors(self) -> list[Cell]:
        """Each distinct cell once, in reading order."""
        return [c for r, row in enumerate(self.rows) for k, c in enumerate(row) if c.row == r and c.col == k]

    def text(self) -> str:
        return "\n".join(c.text for c in self.anchors() if c.text)


Block = Heading | Paragraph | Table


@dataclass(slots=True)
class Seal:
    """A seal impression the extractor saw: on a scanned page, or in a picture of a Word or PDF file.

    It is no block (a seal is stamped over the text, not between paragraphs): a checker finds the
    seal of a 盖章 place by page and position, or by the paragraph holding the picture.
    """

    loc: Location  # page (scans, PDF pictures) or paragraph (Word pictures)
    shape: Literal["round", "oval", "square"]
    colour: str = "red"
    text: str = ""  # the ring's text, when it could be read ("十堰经开区管委会")
    box: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points on the page
    source: Literal["scan", "picture"] = "scan"
    near: list[str] = field(default_factory=list)  # recognised text under and around it (scans)

    def to_dict(self) -> dict[str, Any]:
        return {"loc": self.loc.to_dict(), "shape": self.shape, "colour": self.colour, "text": self.text,
                "box": [round(v, 1) for v in self.box] if self.box else None, "source": self.source,
                "near": self.near}


@dataclass(slots=True)
class Signature:
    """Pen strokes in the space after a 签字 / 签名 label on a scanned page."""

    loc: Location  # page and line of the label
    label: str  # the label's recognised line ("集群促进组织负责人签字：")
    box: tuple[float, float, float, float]  # x0, top, x1, bottom of the strokes, points

    def to_dict(self) -> dict[str, Any]:
        return {"loc": self.loc.to_dict(), "label": self.label, "box": [round(v, 1) for v in self.box]}


@dataclass(slots=True)
class Notice:
    """Something the extractor wants the report to say (e.g. F004: text came from OCR)."""

    code: str
    severity: Literal["error", "warning", "info"]
    message: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Meta:
    format: str
    filename: str = ""
    pages: int | None = None
    scanned: bool = False  # no usable text layer on at least one page
    ocr_engine: str | None = None
    ocr_confidence: float | None = None  # mean over recognised lines, 0..1
    ocr_pages: list[int] = field(default_factory=list)
    producer: str | None = None
    title: str | None = None
    converted_from: str | None = None  # "doc", "wps", ... when LibreOffice converted it
    sha256: str = ""  # of the file's bytes as submitted: what a report is filed under


@dataclass(slots=True)
class Section:
    """A heading and everything up to the next heading of the same or a higher level.

    `start`/`end` index `Document.blocks`; the body includes nested subsections. The
    preamble before the first heading is a Section with level 0 and no heading.
    """

    heading: Heading | None
    start: int
    end: int
    counts: Counts
    page: int | None

    @property
    def level(self) -> int:
        return self.heading.level if self.heading else 0

    @property
    def number(self) -> str:
        """The heading's number as written ("（一）", "一、", "2.1")."""
        return self.heading.number if self.heading else ""

    @property
    def value(self) -> str:
        """The heading number's bare value ("一", "2.1")."""
        return self.heading.value if self.heading else ""

    @property
    def title(self) -> str:
        return self.heading.title if self.heading else ""

    @property
    def words(self) -> int:
        return self.counts.words


def block_text(block: Block) -> str:
    return block.text() if isinstance(block, Table) else block.text


@dataclass(eq=False)
class Document:
    blocks: list[Block]
    meta: Meta
    furniture: list[Paragraph] = field(default_factory=list)  # running headers, footers, page numbers
    notices: list[Notice] = field(default_factory=list)
    seals: list[Seal] = field(default_factory=list)  # in reading order: by page (or paragraph), then position
    signatures: list[Signature] = field(default_factory=list)

    def seals_near(self, page: int | None, paragraph: int | None = None) -> list[Seal]:
        """The seals on a page (scans, PDF pictures), or in pictures within two paragraphs of one."""
        if paragraph is not None:
            return [s for s in self.seals if s.loc.paragraph is not None and abs(s.loc.paragraph - paragraph) <= 2]
        return [s for s in self.seals if page is not None and s.loc.page == page]

    @cached_property
    def block_counts(self) -> list[Counts]:
        return [count(block_text(b)) for b in self.blocks]

    @cached_property
    def sections(self) -> list[Section]:
        heads = [i for i, b in enumerate(self.blocks) if isinstance(b, Heading)]
        out: list[Section] = []
        first = heads[0] if heads else len(self.blocks)
        if first > 0:
            out.append(self._section(None, 0, first))
        for n, i in enumerate(heads):
            head = self.blocks[i]
            assert isinstance(head, Heading)
            end = len(self.blocks)
            for j in heads[n + 1 :]:
                nxt = self.blocks[j]
                assert isinstance(nxt, Heading)
                if nxt.level <= head.level:
                    end = j
                    break
            out.append(self._section(head, i, end))
        return out

    def _section(self, head: Heading | None, start: int, end: int) -> Section:
        body = range(start + 1 if head else start, end)
        total = Counts.sum(self.block_counts[i] for i in body)
        page = head.loc.page if head else (self.blocks[start].loc.page if start < len(self.blocks) else None)
        return Section(heading=head, start=start, end=end, counts=total, page=page)

    def section_blocks(self, section: Section) -> list[Block]:
        first = section.start + 1 if section.heading else section.start
        return self.blocks[first : section.end]

    @cached_property
    def stats(self) -> Counts:
        return Counts.sum(self.block_counts)

    def text(self) -> str:
        return "\n".join(block_text(b) for b in self.blocks)

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    @property
    def title(self) -> str | None:
        """The cover's title block (its wrapped lines joined), else the file's title."""
        for b in self.blocks[:20]:
            if isinstance(b, Paragraph) and b.role == "title":
                return b.text
        return self.meta.title

    @cached_property
    def cell_items(self) -> list[CellItem]:
        """The numbered narrative items of forms written inside tables ("2.8 …自评报告" over the
        box the report is typed into), in document order. Derived, like the sections: they are
        outline entries with their own 字数, not headings, so no section's 字数 changes."""
        from extractor.table_items import find_items

        return [item for i, b in enumerate(self.blocks) if isinstance(b, Table) for item in find_items(b, i)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def outline(self) -> list[dict[str, Any]]:
        """Headed sections and, where they sit, the narrative items written inside tables (an item
        has "cell": [table block index, row, column], 1-based row and column, and sits one level
        below the section holding its table, or beside a heading of its own kind)."""
        from extractor.table_items import item_level

        items: dict[int, list[CellItem]] = {}
        for item in self.cell_items:
            items.setdefault(item.table, []).append(item)
        out: list[dict[str, Any]] = []
        open_heads: list[Heading] = []
        sections = {s.start: s for s in self.sections if s.heading}
        for i, b in enumerate(self.blocks):
            if isinstance(b, Heading):
                while open_heads and open_heads[-1].level >= b.level:
                    open_heads.pop()
                open_heads.append(b)
                s = sections[i]
                out.append({"level": s.level, "number": s.number, "title": s.title, "words": s.words,
                            "page": s.page})
            elif i in items:
                for item in items[i]:
                    out.append({"level": item_level(item, open_heads), "number": item.number,
                                "title": item.title, "words": count(item.text).words, "page": b.loc.page,
                                "cell": [i, item.row + 1, item.col + 1]})
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON model of `clustercheck extract --format json`."""
        blocks: list[dict[str, Any]] = []
        for b in self.blocks:
            d: dict[str, Any] = {"kind": b.kind, "loc": b.loc.to_dict()}
            if isinstance(b, Heading):
                d |= {"level": b.level, "number": b.number, "value": b.value, "title": b.title, "text": b.text,
                      "numbering": b.numbering, "signal": b.signal}
            elif isinstance(b, Paragraph):
                d |= {"text": b.text} | ({"images": b.images} if b.images else {}) | ({"role": b.role} if b.role else {})
            else:
                d |= {"caption": b.caption, "grid": b.grid(),
                      "merges": [[c.row, c.col, c.rowspan, c.colspan] for c in b.anchors()
                                 if c.rowspan > 1 or c.colspan > 1]}
                pictured = [[c.row, c.col, c.images] for c in b.anchors() if c.images]
                if pictured:
                    d["cell_images"] = pictured
            blocks.append(d)
        m = self.meta
        return {
            "meta": {k: getattr(m, k) for k in m.__slots__},
            "title": self.title,
            "stats": self.stats.to_dict() | {"pages": m.pages},
            "outline": self.outline(),
            "blocks": blocks,
            "furniture": [p.text for p in self.furniture],
            "notices": [{"code": n.code, "severity": n.severity, "message": n.message} for n in self.notices],
            "seals": [x.to_dict() for x in self.seals],
            "signatures": [x.to_dict() for x in self.signatures],
        }

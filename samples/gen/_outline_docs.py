"""What the outline-template generators share: a submission as a list of parts, written with
python-docx in one of the heading styles applicants use, and the edits that plant one defect.

A `Part` is a heading and what follows it (prose of a chosen 字数, fixed paragraphs, sub-parts).
Each defect is a function from the correct parts to the defective ones, so a defect sample
differs from the correct sample in exactly one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from docx.document import Document as DocxDocument

from samples.builder import heading, new_document, paragraph, prose, save, title
from samples.pictures import add_certificate


@dataclass(frozen=True)
class Part:
    heading: str  # as written, number included: "二、集群企业发展情况"
    words: int = 0  # prose 字数 after the fixed paragraphs
    paragraphs: tuple[str, ...] = ()  # fixed text right under the heading
    children: tuple[Part, ...] = ()
    seed: int = 0
    pictures: int = 0  # scanned certificates after the text, each a paragraph holding only its picture

    def with_(self, **changes: object) -> Part:
        return replace(self, **changes)


@dataclass(frozen=True)
class Submission:
    cover: tuple[str, ...]  # the title line first, then cover lines ("集群名称：…")
    parts: tuple[Part, ...]
    mode: str = "style"  # heading mode of samples.builder.heading
    tail: tuple[str, ...] = field(default=())  # lines after the last part (signature, date)


Edit = Callable[[list[Part]], list[Part]]


def write(sub: Submission, path: Path) -> Path:
    doc = new_document()
    title(doc, sub.cover[0])
    for line in sub.cover[1:]:
        paragraph(doc, line)
    for part in sub.parts:
        _part(doc, part, 1, sub.mode)
    for line in sub.tail:
        paragraph(doc, line)
    return save(doc, path)


def _part(doc: DocxDocument, part: Part, level: int, mode: str) -> None:
    heading(doc, part.heading, level=level, mode=mode)
    for text in part.paragraphs:
        paragraph(doc, text)
    if part.words:
        prose(doc, part.words, seed=part.seed)
    for n in range(part.pictures):
        add_certificate(doc, lines=4 + n % 3)
    for child in part.children:
        _part(doc, child, level + 1, mode)


# ---- edits that plant one defect -----------------------------------------------------------------

def index_of(parts: Sequence[Part], start: str) -> int:
    return next(i for i, p in enumerate(parts) if p.heading.startswith(start))


def drop(start: str) -> Edit:
    def edit(parts: list[Part]) -> list[Part]:
        return [p for i, p in enumerate(parts) if i != index_of(parts, start)]
    return edit


def move_after(start: str, after: str) -> Edit:
    def edit(parts: list[Part]) -> list[Part]:
        moved = parts[index_of(parts, start)]
        rest = [p for p in parts if p is not moved]
        at = index_of(rest, after) + 1
        return [*rest[:at], moved, *rest[at:]]
    return edit


def repeat_after(start: str, after: str, words: int = 400, seed: int = 99) -> Edit:
    """The same section a second time (its second body different), as happens when two drafts merge."""
    def edit(parts: list[Part]) -> list[Part]:
        again = parts[index_of(parts, start)].with_(seed=seed, words=words, paragraphs=(), children=())
        at = index_of(parts, after) + 1
        return [*parts[:at], again, *parts[at:]]
    return edit


def change(start: str, **changes: object) -> Edit:
    def edit(parts: list[Part]) -> list[Part]:
        i = index_of(parts, start)
        return [*parts[:i], parts[i].with_(**changes), *parts[i + 1:]]
    return edit


def change_child(parent: str, start: str, **changes: object) -> Edit:
    def edit(parts: list[Part]) -> list[Part]:
        i = index_of(parts, parent)
        kids = list(parts[i].children)
        k = index_of(kids, start)
        kids[k] = kids[k].with_(**changes)
        return [*parts[:i], parts[i].with_(children=tuple(kids)), *parts[i + 1:]]
    return edit


def drop_child(parent: str, start: str) -> Edit:
    def edit(parts: list[Part]) -> list[Part]:
        i = index_of(parts, parent)
        kids = tuple(c for c in parts[i].children if not c.heading.startswith(start))
        return [*parts[:i], parts[i].with_(children=kids), *parts[i + 1:]]
    return edit


Defect = tuple[Edit, str] | tuple[Edit, str, tuple[str, ...]]


def generate_all(pack: str, ok: Submission, defects: dict[str, Defect], out: Path) -> list[Path]:
    """`<pack>_ok.docx` and one `<pack>_<defect>.docx` per planted defect, each (edit, heading mode)
    or (edit, heading mode, cover lines): the modes vary across the samples so every heading style
    meets every check."""
    made = [write(ok, out / f"{pack}_ok.docx")]
    for name, (edit, mode, *cover) in defects.items():
        sub = replace(ok, parts=tuple(edit(list(ok.parts))), mode=mode, cover=cover[0] if cover else ok.cover)
        made.append(write(sub, out / f"{pack}_{name}.docx"))
    return made


def same(parts: list[Part]) -> list[Part]:
    """No change to the parts: the defect is on the cover."""
    return parts

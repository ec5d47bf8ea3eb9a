"""Where the evidence for an item may be, in the three ways applicants give it.

1. A reference next to the item: "5（见附件3）", "P23-27", "佐证材料第12页" in its own row or sentence
   — 004 asks for exactly this: 需提供佐证材料，并标注所在页码.
2. A name list elsewhere in the file for 附名单 items: a heading, caption or table titled
   "创新服务机构名单" (名录/清单/一览表).
3. An attachments section (附件 / 佐证材料 / 相关附件) whose text names the item.

The attachments section itself is found as a heading of the outline or, failing that, as a
paragraph that starts with its title ("附件：") followed by the list.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from checkers.context import Context
from checkers.regions import pictures
from checkers.tables import label_key, squash
from checkers.where import SectionSpec
from extractor.model import Block, Heading, Paragraph, Table, block_text
from extractor.normalize import normalize

# What counts as a reference to evidence: 附件3, 见附件, 佐证材料, 第12页, P12, 页码：12.
REFERENCES = [r"附件\s*[0-9一二三四五六七八九十]+", r"见附件", "佐证", "证明材料", r"见第\s*\d+\s*页", r"P\s*\d+",
              r"第\s*\d+(?:\s*[-—~至]\s*\d+)?\s*页", r"页码\s*[:：]?\s*\d+"]

NAME_LIST_WORDS = ("名单", "名录", "清单", "一览表", "明细")
TEMPLATE_MARKERS = ("需提供佐证材料", "并标注所在页码", "附名单")  # the template's words in an item's label
_SUBJECT_TAIL = re.compile(r"(?:的)?(?:数量|总数|个数|项数|家数|企业数|数)$")
_SUBJECT_HEAD = re.compile(r"^(?:当年|获得|拥有|参与制定|新增|累计)")


def subject(label: str) -> str:
    """What an item is about, as an attachment would name it: "国家级单项冠军数量（个，需提供佐证
    材料）" -> "国家级单项冠军"; "（一）创新服务机构数(附名单)" -> "创新服务机构"."""
    k = label_key(label)
    k = _SUBJECT_HEAD.sub("", k)
    s = _SUBJECT_TAIL.sub("", k)
    return s if len(s) >= 2 else k


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def has_reference(text: str, patterns: Sequence[str], markers: Sequence[str] = ()) -> bool:
    """A reference in `text` once the template's own marker words are removed from it: the label's
    "需提供佐证材料" is no reference to 佐证材料."""
    t = text
    for m in (*markers, *TEMPLATE_MARKERS):
        t = t.replace(m, "")
    return bool(patterns) and _compiled(tuple(patterns)).search(t) is not None


def evidenced(ctx: Context, *, item: str, row_text: str, name_list: bool, table_index: int,
              references: Sequence[str], attachments: Sequence[SectionSpec], markers: Sequence[str] = ()) -> bool:
    """Whether an item reported with a value has its evidence in one of the three ways above."""
    if has_reference(row_text, references, markers):
        return True
    subj = subject(item)
    if name_list and name_list_present(ctx, subj, table_index):
        return True
    return named_in_attachments(ctx, subj, attachments)


@dataclass(frozen=True, slots=True)
class AttachmentPart:
    index: int  # block index of its heading (or lead paragraph)
    label: str
    items: int  # non-empty blocks after the heading
    text: str


def attachment_part(ctx: Context, spec: SectionSpec) -> AttachmentPart | None:
    """The attachments part of the submission, read once per check (every evidenced row asks)."""
    key = ("attachments", spec.number, spec.title, tuple(spec.aliases))
    return ctx.once(key, lambda: _attachment_part(ctx, spec))


def _attachment_part(ctx: Context, spec: SectionSpec) -> AttachmentPart | None:
    sec = ctx.find_section(spec)
    if sec is not None:
        items = sum(1 for b in ctx.doc.section_blocks(sec) if _is_item(b))
        return AttachmentPart(sec.start, ctx.section_label(sec), items, ctx.section_text(sec))
    names = [normalize(x) for x in [spec.title, *spec.aliases]]
    for i, b in enumerate(ctx.doc.blocks):
        if not isinstance(b, Paragraph):
            continue
        head = normalize(b.text)
        name = next((n for n in names if head.startswith(n) and len(head) <= len(n) + 30), None)
        if name is None:
            continue
        rest = head[len(name):].lstrip(":：")
        after = list(itertools.takewhile(lambda x: not isinstance(x, Heading), ctx.doc.blocks[i + 1:]))
        items = bool(rest) + sum(1 for x in after if _is_item(x))
        return AttachmentPart(i, b.text.strip(), items, "\n".join([rest, *map(block_text, after)]))
    return None


def _is_item(block: Block) -> bool:
    """A table, a line of text, or a picture: scanned certificates are evidence without any text."""
    return isinstance(block, Table) or bool(block_text(block).strip()) or pictures(block) > 0


def named_in(text: str, subj: str) -> bool:
    n, s = squash(text), squash(subj)
    if not s or not n:
        return False
    if s in n:
        return True
    return len(s) >= 4 and fuzz.partial_ratio(s, n) >= 90


def named_in_attachments(ctx: Context, subj: str, specs: Sequence[SectionSpec]) -> bool:
    for spec in specs:
        part = attachment_part(ctx, spec)
        if part is not None and named_in(part.text, subj):
            return True
    return False


def name_list_present(ctx: Context, subj: str, exclude: int) -> bool:
    """A heading, paragraph or table (caption or first row) elsewhere naming a list of `subj`."""
    s = normalize(subj)
    for i, b in enumerate(ctx.doc.blocks):
        if i == exclude:
            continue
        if isinstance(b, Table):
            first = " ".join(c.text for c in b.rows[0]) if b.rows else ""
            hay = normalize(f"{b.caption or ''} {first}")
        else:
            hay = normalize(b.text)
            if len(hay) > 80:
                continue  # a sentence mentioning a list is not the list
        if s in hay and any(w in hay for w in NAME_LIST_WORDS):
            return True
    return False

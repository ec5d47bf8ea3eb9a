"""Claims of awards, titles and national/provincial platforms with no evidence reference (E004).

A claim is a title in itself (专精特新“小巨人”, 单项冠军, 驰名商标, 科技进步奖 …) or a platform with a
level before it (国家级企业技术中心, 省级众创空间, 国家重点实验室); see checkers/nlp.py for the
vocabulary, and ``vocabulary`` to add phrases. A paragraph making claims is evidenced when it holds
a reference (见附件3, 佐证材料, 第12页, P12) or when an ``attachments`` section names the claimed
term. One finding per paragraph lists its unevidenced claims. Headings, tables and the attachments
sections themselves are not read; ``sections`` limits the reading to parts of the outline.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from checkers import nlp
from checkers.evidence import attachment_part, named_in
from checkers.findings import Finding
from checkers.kinds.base import RuleBase
from checkers.violations.evidence import ClaimWithoutEvidence
from checkers.where import SectionSpec
from extractor.model import Paragraph

if TYPE_CHECKING:
    from checkers.context import Context


class Claims(RuleBase):
    kind: Literal["claims"]
    sections: list[SectionSpec] = Field(default_factory=list)  # empty: the whole document
    vocabulary: list[str] = Field(default_factory=list)  # extra claim phrases beyond the built-in list
    attachments: list[SectionSpec] = Field(default_factory=list)  # an attachment list naming the claim counts

    def check(self, ctx: Context) -> Iterator[Finding]:
        parts = [p for p in (attachment_part(ctx, s) for s in self.attachments) if p is not None]
        excluded = set(ctx.block_indices(self.attachments, with_heading=True))
        attached = "\n".join(p.text for p in parts)
        vocab = tuple(self.vocabulary)
        read = ctx.block_indices(self.sections) if self.sections else range(len(ctx.doc.blocks))
        for i in read:
            b = ctx.doc.blocks[i]
            if i in excluded or not isinstance(b, Paragraph) or not nlp.may_claim(b.text, vocab):
                continue
            found = nlp.spans(b.text, vocab)
            claims = nlp.claims(b.text, vocab, found)
            if not claims or any(s.label == "EVIDENCE" for s in found):
                continue
            bare = [c for c in claims if not (attached and named_in(attached, c.term))]
            names = list(dict.fromkeys(c.text for c in bare))
            if not names:
                continue
            yield self.finding(ClaimWithoutEvidence(names[0], tuple(names)),
                               location=ctx.locate(i), expected="佐证材料引用", actual=names)

"""Where a rule looks: a section of the outline, a table, a form cell, or the whole document.

One model for every kind that takes a scope (vale's `scope: paragraph`): `Where` holds the scope
and the keys it needs, and says at load time when a rule names a scope without them — a `length`
rule with scope = "section" and no `section` would otherwise load and never fire.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

Scope = Literal["section", "document", "cell"]


class SectionSpec(BaseModel):
    """A required part of the template's outline, e.g. number "二", title "集群企业发展情况"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    number: str = ""  # as the template writes it, without punctuation: "二", "一", "2.8", "第一部分"
    title: str
    aliases: list[str] = Field(default_factory=list)  # other wordings accepted as the same section
    required: bool = True
    body_required: bool = True  # O004 when the section has no body text
    children: list[SectionSpec] = Field(default_factory=list)


class TableRef(BaseModel):
    """Find a table by its caption (paragraph just before it) or by words in its first rows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str  # the template's own name for it, used as finding target: "表1", "2.1集群主要经济指标"
    caption: list[str] = Field(default_factory=list)  # any of these in the caption
    header: list[str] = Field(default_factory=list)  # all of these somewhere in the table's cells
    required: bool = True


class Where(BaseModel):
    """The scope of a rule and what it needs: a `section` for "section", a `cell_label` for "cell"
    (the text sits in the table cell right of or below that label), nothing for "document"."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    scopes: ClassVar[tuple[Scope, ...]] = ("section", "document", "cell")  # what the kind supports

    scope: Scope = "section"
    section: SectionSpec | None = None  # scope = section
    cell_label: str | None = None  # scope = cell

    def where_problems(self) -> Iterator[tuple[str, str]]:
        """(key, what is wrong) for a scope the kind does not take or one missing what it needs."""
        if self.scope not in self.scopes:
            yield "scope", f"只能是 {'、'.join(self.scopes)}，不能是 “{self.scope}”"
        if self.scope == "section" and self.section is None:
            yield "section", 'scope = "section" 时必须给出 section（要检查的章节）'
        if self.scope == "cell" and not self.cell_label:
            yield "cell_label", 'scope = "cell" 时必须给出 cell_label（文字所在栏目的标签）'
        if self.scope != "section" and self.section is not None:
            yield "section", f'只用于 scope = "section"（本规则为 “{self.scope}”）'
        if self.scope != "cell" and self.cell_label:
            yield "cell_label", f'只用于 scope = "cell"（本规则为 “{self.scope}”）'

"""How a rule points into a document: at a section of the outline, or at a table."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


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

"""Declarations and opinion blocks present, and signed, sealed and dated (D001, D002)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from checkers.kinds.base import RuleBase


class Block(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str  # "集群所在地县以上人民政府意见", "真实性声明"
    needs: list[Literal["signature", "seal", "date", "text"]] = Field(default_factory=lambda: ["seal", "date"])
    signature_labels: list[str] = Field(default_factory=lambda: ["签字", "签名"])
    required: bool = True


class Declaration(RuleBase):
    kind: Literal["declaration"]
    blocks: list[Block]

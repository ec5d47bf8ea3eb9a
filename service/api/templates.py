"""/api/v1/templates — the rule packs a submission can be checked against."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from checkers import PackError, load_pack, pack_ids
from service.api.deps import Reader
from service.api.errors import AUTH, responses
from service.api.schemas import TemplateOut

router = APIRouter(prefix="/api/v1/templates", tags=["catalog"])


def _summary(pack_id: str) -> TemplateOut:
    try:
        pack = load_pack(pack_id)
    except PackError as e:
        return TemplateOut(id=pack_id, error=str(e))
    m = pack.pack
    return TemplateOut(id=m.id, title=m.title, seed=m.seed, version=m.version, roster=m.roster, rules=len(pack.rules))


@router.get("", response_model=list[TemplateOut], summary="模板列表 (templates)", responses=responses(*AUTH))
def list_templates(who: Reader) -> list[TemplateOut]:
    return [_summary(i) for i in pack_ids()]


@router.get("/{template_id}", summary="模板全文：提纲、字数、表格与规则 (one template's rules)",
            responses={200: {"description": "规则包（TOML 的 JSON 形式）"}, **responses(*AUTH, 404)})
def get_template(template_id: str, who: Reader) -> dict[str, Any]:
    if template_id not in pack_ids():  # ids only: a path here would read files on the server
        raise HTTPException(404, f"未知的模板：{template_id} (unknown template)")
    return load_pack(template_id).model_dump(mode="json")  # a shipped pack that fails is a logged 500

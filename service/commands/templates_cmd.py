"""`clustercheck templates [ID] [--format text|json]`: the built-in templates (rule packs), or the
rules of one with the seed clause each enforces — what a reviewer reads before writing next year's pack."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser("templates", help="列出内置模板（规则包），或一个模板的规则",
                       description="列出内置模板；给出模板 id（或 .toml 文件）时列出它的规则及所依据的通知条款。")
    p.add_argument("template", nargs="?", help="模板 id 或规则包 .toml 文件")
    p.add_argument("--kinds", action="store_true", help="列出规则包可用的检查类型（kind）及其参数")
    p.add_argument("--format", choices=["text", "json"], default="text")
    return p


def run(args: argparse.Namespace) -> int:
    from checkers import PackError, all_packs, load_pack

    if args.kinds:
        print(_kinds())
        return 0
    try:
        packs = [load_pack(args.template)] if args.template else all_packs()
    except PackError as e:
        print(f"clustercheck templates: {e}", file=sys.stderr)
        return 2
    if args.format == "json":
        for p in packs:
            data = p.model_dump(mode="json") if args.template else {
                "id": p.id, "title": p.pack.title, "seed": p.pack.seed, "version": p.pack.version,
                "roster": p.pack.roster, "rules": len(p.rules)}
            print(json.dumps(data, ensure_ascii=False))
        return 0
    if args.template:
        print(_details(packs[0]))
        return 0
    width = max(len(p.id) for p in packs)
    for p in packs:
        print(f"{p.id:<{width}}  {p.pack.title}（{p.pack.seed}；名单 {p.pack.roster or '无'}；{len(p.rules)} 条规则）")
    return 0


def _details(pack: Any) -> str:
    m = pack.pack
    lines = [f"{pack.id}  {m.title}", f"来源：{m.seed}  版本：{m.version}  名单：{m.roster or '无'}"]
    d = pack.detect
    if d.title or d.headings:
        lines.append(f"自动识别：标题词 {'、'.join(d.title) or '无'}；章节 {len(d.headings)} 个"
                     + (f"；排除 {'、'.join(d.exclude)}" if d.exclude else ""))
    lines.append("")
    for r in pack.rules:
        lines.append(f"  {r.id:<20} {r.kind:<15} {r.clause}")
    if m.notes:
        lines += ["", "说明："] + [f"  - {n}" for n in m.notes]
    return "\n".join(lines)


_COMMON = {"id", "kind", "clause", "severity"}


def _kinds() -> str:
    """Every check kind with its parameters, read from the models themselves so it cannot drift;
    the nested tables they use (SectionSpec, TableRef, FieldRow …) follow once each."""
    import typing

    from checkers import Rule

    lines = ["每条规则都有：id（规则编号）、kind（检查类型）、clause（所依据的通知条款原文）、severity（可选，覆盖默认级别）", ""]
    nested: list[type] = []
    for model in typing.get_args(typing.get_args(Rule)[0]):
        kind = typing.get_args(model.model_fields["kind"].annotation)[0]
        lines.append(f"{kind}：{_first_line(sys.modules[model.__module__].__doc__)}")
        lines += _fields(model, nested, skip=_COMMON)
    for model in nested:
        lines += ["", f"{model.__name__}：{_first_line(model.__doc__)}", *_fields(model, nested)]
    return "\n".join(lines)


def _fields(model: Any, nested: list[type], skip: set[str] = frozenset()) -> list[str]:
    from pydantic import BaseModel

    out = []
    for name, f in model.model_fields.items():
        if name in skip:
            continue
        for t in _types(f.annotation):
            if isinstance(t, type) and issubclass(t, BaseModel) and t not in nested and t is not model:
                nested.append(t)
        shown = _shown(f)
        if name == "scope" and getattr(model, "scopes", None):  # the kind takes only some of the scopes
            shown = re.sub(r"Literal\[[^\]]*\]", f"Literal{list(model.scopes)}", shown)
        out.append(f"    {name} = {shown}")
    return out


def _types(annotation: Any) -> list[Any]:
    import typing

    args = typing.get_args(annotation)
    return [annotation] + [t for a in args for t in _types(a)]


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0] if (doc or "").strip() else ""


def _shown(field: Any) -> str:
    kind = str(field.annotation)
    kind = re.sub(r"<class '([\w.]+)'>", r"\1", kind)
    kind = re.sub(r"\b(?:typing|checkers(?:\.\w+)*)\.", "", kind)
    if field.is_required():
        return f"<{kind}>（必填）"
    default = field.get_default(call_default_factory=True)
    return f"<{kind}>，默认 {json.dumps(default, ensure_ascii=False, default=str)}"

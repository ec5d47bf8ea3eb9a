"""Rule packs are data: TOML files validated on load, with the exact path of any error.

    load_pack("hubei-2023-summary")       # a built-in pack by id
    load_pack("my-2025-pack.toml")        # or a file a reviewer wrote

Validation is of the whole pack, not rule by rule: ids are unique, every reference from one rule to
another (a score_table item's `total_of`) names a rule of the right kind and is resolved here, and
every scope has what it needs (a `length` rule with scope = "section" names its section) — a rule
that would load and then never fire is an error with its path, like a misspelled key.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from checkers.kinds import Rule

PACK_DIR = Path(__file__).parent / "packs"


class PackError(ValueError):
    """A pack that does not load; the message names the file and the exact key path."""


class PackProblems(ValueError):
    """What whole-pack validation found: (key path, what is wrong) for each problem."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("；".join(f"{path}: {what}" for path, what in problems))
        self.problems = problems


class PackMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str  # the document's title as the notice names it
    seed: str  # which notice and attachment it comes from, e.g. "000 附件2"
    version: str
    roster: str | None = None  # the roster id `--roster auto` picks
    notes: list[str] = Field(default_factory=list)  # corrections of the seed text, caveats


class Detect(BaseModel):
    """Signals for `--template auto`: words of the title, and headings of the outline."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: list[str] = Field(default_factory=list)
    headings: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)  # words that rule this template out


class RulePack(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    pack: PackMeta
    detect: Detect = Field(default_factory=Detect)
    rules: list[Rule]

    @property
    def id(self) -> str:
        return self.pack.id

    @model_validator(mode="after")
    def _validate_whole(self) -> RulePack:
        """Unique ids; then each rule links its references to the others (checkers/kinds/base.py)."""
        ids = [r.id for r in self.rules]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise PackProblems([("rules", f"id 重复：{', '.join(dup)}")])
        by_id = {r.id: r for r in self.rules}
        problems = [(f"rules[{n}](id={rule.id}).{key}", what)
                    for n, rule in enumerate(self.rules) for key, what in rule.link(by_id)]
        if problems:
            raise PackProblems(problems)
        return self


def _path_of(loc: tuple[int | str, ...], data: dict) -> str:
    """("rules", 3, "length", "min") -> "rules[3](id=len-2).min" — the union tag is dropped."""
    out, node = "", data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and "id" in node:
                out += f"(id={node['id']})"
        elif isinstance(node, dict) and part not in node and out.startswith("rules") and node.get("kind") == part:
            continue  # pydantic's discriminator tag, not a key the author wrote
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def parse_pack(text: str, source: str = "<pack>") -> RulePack:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PackError(f"{source}: TOML 语法错误：{e}") from None
    try:
        return RulePack.model_validate(data)
    except ValidationError as e:
        found: list[tuple[str, str]] = []
        for err in e.errors():
            whole = err.get("ctx", {}).get("error")
            if isinstance(whole, PackProblems):
                found += whole.problems
            else:
                found.append((_path_of(err["loc"], data), err["msg"]))
        lines = [f"{source}: 规则包校验失败（{len(found)} 处）", *(f"  {path}: {what}" for path, what in found)]
        raise PackError("\n".join(lines)) from None


@lru_cache(maxsize=64)
def _load_file(path: str, mtime: float) -> RulePack:
    return parse_pack(Path(path).read_text(encoding="utf-8"), path)


def load_pack(ref: str | Path) -> RulePack:
    path = Path(ref)
    if not path.suffix:
        path = PACK_DIR / f"{ref}.toml"
        if not path.exists():
            raise PackError(f"未知的模板：{ref}；可用模板：{', '.join(pack_ids())}")
    if not path.exists():
        raise PackError(f"规则包文件不存在：{path}")
    return _load_file(str(path.resolve()), path.stat().st_mtime)


def pack_ids() -> list[str]:
    return sorted(p.stem for p in PACK_DIR.glob("*.toml"))


def all_packs() -> list[RulePack]:
    """Every built-in pack, from one listing of the directory: template detection asks for all of
    them for every file it reads."""
    found = sorted((e for e in os.scandir(PACK_DIR) if e.name.endswith(".toml")), key=lambda e: e.name)
    return [_load_file(e.path, e.stat().st_mtime) for e in found]

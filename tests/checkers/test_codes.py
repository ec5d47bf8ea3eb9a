"""checkers/codes.py is the one documentation of the finding codes: docs/codes.md is written from
it, and the codes the checkers raise are exactly the ones it lists."""

from __future__ import annotations

import re
from pathlib import Path

from checkers.codes import CODES, GROUPS, main, markdown

ROOT = Path(__file__).resolve().parents[2]
_LITERAL = re.compile(r"""["']([A-Z]\d{3})["']""")


def test_docs_codes_md_is_up_to_date() -> None:
    written = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    assert written == markdown(), "regenerate: .venv/bin/python -m checkers.codes --markdown > docs/codes.md"


def test_the_markdown_command_prints_it(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--markdown"]) == 0
    assert capsys.readouterr().out == markdown()


def test_every_code_has_a_group_and_the_checkers_raise_only_listed_codes() -> None:
    assert {c[0] for c in CODES} == set(GROUPS)
    sources = [p for p in (ROOT / "checkers").rglob("*.py") if p.name != "codes.py"]
    raised = {m for p in sources for m in _LITERAL.findall(p.read_text(encoding="utf-8"))}
    assert raised - set(CODES) == set()
    # F… come from the extractor and B… from the batch audit; every other code is raised here
    assert {c for c in CODES if c[0] not in "FB"} - raised == set()

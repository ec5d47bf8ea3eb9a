"""checkers/codes.py is the one documentation of the finding codes: docs/codes.md is written from
it, and the codes the checkers raise are exactly the ones it lists, each through its violation classes."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

from checkers.codes import CODES, GROUPS, main, markdown
from checkers.violations import Violation
from checkers.violations.length import BelowMinimum
from checkers.violations.tables import Estimate

ROOT = Path(__file__).resolve().parents[2]
VIOLATION_DIR = ROOT / "checkers" / "violations"
_LITERAL = re.compile(r"""["']([A-Z]\d{3})["']""")
_CODE_OF_A_CLASS = re.compile(r"""^    code: ClassVar\[str\] = "[A-Z]\d{3}"$""")


def test_docs_codes_md_is_up_to_date() -> None:
    written = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    assert written == markdown(), "regenerate: .venv/bin/python -m checkers.codes --markdown > docs/codes.md"


def test_the_markdown_command_prints_it(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--markdown"]) == 0
    assert capsys.readouterr().out == markdown()


def _violations() -> list[type[Violation]]:
    """Every violation class: those of checkers/violations/, and any a kind keeps beside itself."""
    importlib.import_module("checkers.kinds")
    for module in VIOLATION_DIR.glob("*.py"):
        importlib.import_module(f"checkers.violations.{module.stem}")
    found, todo = [], list(Violation.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if getattr(sys.modules[cls.__module__], cls.__name__, None) is cls:  # slots=True rebuilds the class
            found.append(cls)
    return found


def test_every_code_has_a_group() -> None:
    assert {c[0] for c in CODES} == set(GROUPS)


def test_every_code_the_checkers_raise_has_its_violation_classes() -> None:
    """The ruff model: each situation is a class naming its code; F… are worded by the extractor."""
    classes = _violations()
    assert all(cls.code in CODES for cls in classes), [cls.__name__ for cls in classes if cls.code not in CODES]
    assert {c for c in CODES if not c.startswith("F")} == {cls.code for cls in classes}
    assert len({cls.__name__ for cls in classes}) == len(classes)


def test_no_bare_code_literal_outside_the_code_table_and_the_violations() -> None:
    """A check names a violation class, never a code string: the message and the code come together.
    A code is written only in the table and as a violation class's `code`."""
    bare = set()
    for p in (ROOT / "checkers").rglob("*.py"):
        if p.name == "codes.py":
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            if not _CODE_OF_A_CLASS.match(line):
                bare |= {f"{p.relative_to(ROOT)}: {m}" for m in _LITERAL.findall(line)}
    assert bare == set()


def test_a_violation_builds_its_message_from_its_figures() -> None:
    v = BelowMinimum("集群企业发展情况", 1999, 2000)
    f = v.finding(rule="len-2", expected=2000, actual=1999)
    assert (f.code, f.severity, f.target, f.rule) == ("L001", "error", "集群企业发展情况", "len-2")
    assert f.message == "“集群企业发展情况”字数为 1999，少于要求的 2000 字（不少于2000字）"
    assert Estimate("营业收入", "“营业收入”", "约5亿元").finding(severity="error").severity == "warning"

"""Templates, rosters and checks. Knows templates, nothing about files or HTTP.

    from checkers import load_pack, load_roster, check
    report = check(document, load_pack("hubei-2023-summary"), load_roster("hubei-2023"))

The names below are imported on first use, so that running a module of the package
(`python -m checkers.codes`) or reading the code table does not load the whole checker first.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checkers.api import CHECKER_VERSION, check
    from checkers.findings import Finding, Report
    from checkers.pack import PackError, RulePack, load_pack, pack_ids
    from checkers.roster import Roster, RosterError, load_roster, roster_ids

_HOME = {"CHECKER_VERSION": "api", "check": "api", "Finding": "findings", "Report": "findings",
         "PackError": "pack", "RulePack": "pack", "load_pack": "pack", "pack_ids": "pack",
         "Roster": "roster", "RosterError": "roster", "load_roster": "roster", "roster_ids": "roster"}

__all__ = ["CHECKER_VERSION", "Finding", "PackError", "Report", "Roster", "RosterError", "RulePack",
           "check", "load_pack", "load_roster", "pack_ids", "roster_ids"]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'checkers' has no attribute {name!r}")
    return getattr(importlib.import_module(f"checkers.{_HOME[name]}"), name)

"""Templates, rosters and checks. Knows templates, nothing about files or HTTP; owns every judgement.

    from checkers import check
    report = check(document)                                   # template detected, its roster
    report = check(document, "hubei-2023-summary", "hubei-2023")

This module is the front door: the service imports these names (and the report's models in
checkers.findings), never the modules behind them. The names are imported on first use, so that
running a module of the package (`python -m checkers.codes`) does not load the whole checker first.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checkers.api import CHECKER_VERSION, check
    from checkers.codes import CODES, GROUPS, Code
    from checkers.crosscheck import Submission, cross_check, fingerprint
    from checkers.detect import detect_template
    from checkers.findings import (
        ClusterResult,
        Counts,
        Finding,
        FindingLocation,
        MatchStatus,
        Measure,
        OutlineEntry,
        Report,
        RosterEntryOut,
        TemplateDetected,
        Verdict,
    )
    from checkers.kinds import Rule
    from checkers.namematch import PLAUSIBLE
    from checkers.namematch import index as name_index
    from checkers.namematch import match as match_name
    from checkers.pack import PackError, RulePack, all_packs, load_pack, pack_ids
    from checkers.roster import Roster, RosterError, load_roster, roster_ids

_HOME = {
    "CHECKER_VERSION": "api", "check": "api",
    "CODES": "codes", "GROUPS": "codes", "Code": "codes",
    "Submission": "crosscheck", "cross_check": "crosscheck", "fingerprint": "crosscheck",
    "detect_template": "detect",
    **dict.fromkeys(["ClusterResult", "Counts", "Finding", "FindingLocation", "MatchStatus", "Measure",
                     "OutlineEntry", "Report", "RosterEntryOut", "TemplateDetected", "Verdict"], "findings"),
    "Rule": "kinds",
    "PLAUSIBLE": "namematch", "name_index": "namematch", "match_name": "namematch",
    **dict.fromkeys(["PackError", "RulePack", "all_packs", "load_pack", "pack_ids"], "pack"),
    **dict.fromkeys(["Roster", "RosterError", "load_roster", "roster_ids"], "roster"),
}
_RENAMED = {"name_index": "index", "match_name": "match"}

__all__ = [
    "CHECKER_VERSION",
    "CODES",
    "GROUPS",
    "PLAUSIBLE",
    "ClusterResult",
    "Code",
    "Counts",
    "Finding",
    "FindingLocation",
    "MatchStatus",
    "Measure",
    "OutlineEntry",
    "PackError",
    "Report",
    "Roster",
    "RosterEntryOut",
    "RosterError",
    "Rule",
    "RulePack",
    "Submission",
    "TemplateDetected",
    "Verdict",
    "all_packs",
    "check",
    "cross_check",
    "detect_template",
    "fingerprint",
    "load_pack",
    "load_roster",
    "match_name",
    "name_index",
    "pack_ids",
    "roster_ids",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'checkers' has no attribute {name!r}")
    return getattr(importlib.import_module(f"checkers.{_HOME[name]}"), _RENAMED.get(name, name))

"""Templates, rosters and checks. Knows templates, nothing about files or HTTP.

    from checkers import load_pack, load_roster, check
    report = check(document, load_pack("hubei-2023-summary"), load_roster("hubei-2023"))
"""

from checkers.api import CHECKER_VERSION, check
from checkers.findings import Finding, Report
from checkers.pack import PackError, RulePack, load_pack, pack_ids
from checkers.roster import Roster, RosterError, load_roster, roster_ids

__all__ = ["CHECKER_VERSION", "Finding", "PackError", "Report", "Roster", "RosterError", "RulePack",
           "check", "load_pack", "load_roster", "pack_ids", "roster_ids"]

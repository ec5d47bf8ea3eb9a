"""The registry of check kinds: one discriminated union. A new kind is one module plus one line here."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from checkers.kinds.attachments import Attachments
from checkers.kinds.choice import Choice
from checkers.kinds.claims import Claims
from checkers.kinds.declaration import Declaration
from checkers.kinds.evidence_items import EvidenceItems
from checkers.kinds.fields import Fields
from checkers.kinds.identity import Identity
from checkers.kinds.instructions import Instructions
from checkers.kinds.item_count import ItemCount
from checkers.kinds.length import Length
from checkers.kinds.outline import Outline
from checkers.kinds.policy_refs import PolicyRefs
from checkers.kinds.score_table import ScoreTable
from checkers.kinds.veto import Veto

Rule = Annotated[
    Identity | Outline | ItemCount | Length | Fields | ScoreTable | Choice | Veto | Declaration
    | EvidenceItems | Attachments | PolicyRefs | Claims | Instructions,
    Field(discriminator="kind"),
]

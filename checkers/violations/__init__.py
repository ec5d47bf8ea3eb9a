"""What every finding says, built from its own figures: one small frozen class per situation, which
names its code (checkers/codes.py holds the code's title, default severity and fix).

The ruff model (`LineTooLong(width, limit)` → "Line too long (120 > 88)"): a check builds the
violation from what it measured — `BelowMinimum("集群企业发展情况", 1610, 2000)` — and the message,
the code and the default severity come with it; no code is written as a bare string anywhere else.
Where one code covers several situations (T003: not a number, negative, an estimate, a wrong unit)
each situation is a class of its own, with the same code.
"""

from checkers.violations.base import Violation, quoted, spec_label

__all__ = ["Violation", "quoted", "spec_label"]

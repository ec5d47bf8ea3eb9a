"""T: tables and their values — present, filled, numbers valid and consistent (fields, score_table,
choice kinds). `place` is how a message names the cell: "“营业收入”（2022年）", "表三第2行“企业名称”"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from checkers.codes import Severity
from checkers.numbers import fmt
from checkers.violations.base import Violation, quoted


# ---- T001 -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TableMissing(Violation):
    code: ClassVar[str] = "T001"

    def message(self) -> str:
        return f"未找到{quoted(self.target)}"


@dataclass(frozen=True, slots=True)
class ColumnMissing(Violation):
    code: ClassVar[str] = "T001"
    table: str
    column: str
    noun: str = "列"  # 列, 栏 (a score column), 表头 (a list's header)

    def message(self) -> str:
        return f"{quoted(self.table)}中没有{quoted(self.column)}{self.noun}"


# ---- T002 -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RowMissing(Violation):
    code: ClassVar[str] = "T002"
    table: str
    row: str
    before: str = ""  # "评分项"
    after: str = ""  # "一栏", "栏"

    def message(self) -> str:
        return f"{quoted(self.table)}中没有{self.before}{quoted(self.row)}{self.after}"


@dataclass(frozen=True, slots=True)
class Blank(Violation):
    code: ClassVar[str] = "T002"
    place: str
    note: str = ""  # "（空白不得分）"

    def message(self) -> str:
        return f"{self.place}未填写{self.note}"


@dataclass(frozen=True, slots=True)
class TooFewRows(Violation):
    code: ClassVar[str] = "T002"
    minimum: int
    actual: int

    def message(self) -> str:
        return f"{quoted(self.target)}应至少填写 {self.minimum} 行，实际填写 {self.actual} 行"


# ---- T003 -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NotANumber(Violation):
    code: ClassVar[str] = "T003"
    place: str
    text: str
    reason: str

    def message(self) -> str:
        return f"{self.place}填写为{quoted(self.text)}：{self.reason}"


@dataclass(frozen=True, slots=True)
class Negative(Violation):
    code: ClassVar[str] = "T003"
    place: str
    text: str

    def message(self) -> str:
        return f"{self.place}为负数（{self.text}）"


@dataclass(frozen=True, slots=True)
class Estimate(Violation):
    """"约5亿元", "300余家": a figure is due, an estimate was given."""

    code: ClassVar[str] = "T003"
    severity: ClassVar[Severity | None] = "warning"
    place: str
    text: str

    def message(self) -> str:
        return f"{self.place}填写了约数{quoted(self.text)}，应填写确数"


@dataclass(frozen=True, slots=True)
class WrongUnit(Violation):
    code: ClassVar[str] = "T003"
    written: str
    wanted: str
    convertible: bool  # 万元 for 亿元: the values are converted and still checked

    def message(self) -> str:
        verb = "改为了" if self.convertible else "为"
        return f"{quoted(self.target)}的计量单位{verb}{quoted(self.written)}，模板要求{quoted(self.wanted)}"


@dataclass(frozen=True, slots=True)
class NotADate(Violation):
    code: ClassVar[str] = "T003"
    place: str
    text: str

    def message(self) -> str:
        return f"{self.place}{quoted(self.text)}不是日期"


@dataclass(frozen=True, slots=True)
class BadFormat(Violation):
    code: ClassVar[str] = "T003"
    place: str
    text: str

    def message(self) -> str:
        return f"{self.place}{quoted(self.text)}格式不正确"


# ---- T004–T007 --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PartExceedsWhole(Violation):
    code: ClassVar[str] = "T004"
    part: str  # "“其中：高新技术企业”（2022年）"
    part_value: str  # shown with its unit: "320 家"
    whole: str
    whole_value: str

    def message(self) -> str:
        return f"{self.part}为 {self.part_value}，大于{self.whole} {self.whole_value}"


@dataclass(frozen=True, slots=True)
class RatioInconsistent(Violation):
    code: ClassVar[str] = "T005"
    place: str
    reported: str
    numerator: str
    denominator: str
    computed: str

    def message(self) -> str:
        return (f"{self.place}填报 {self.reported}，按{quoted(self.numerator)}/{quoted(self.denominator)}"
                f"计算应为 {self.computed}")


@dataclass(frozen=True, slots=True)
class GrowthInconsistent(Violation):
    code: ClassVar[str] = "T005"
    column: str  # "增幅（%）"
    reported: float  # %
    old_column: str
    old: float
    new_column: str
    new: float
    computed: float  # %

    def message(self) -> str:
        return (f"{quoted(self.target)}的{quoted(self.column)}填报 {fmt(self.reported)}%，按{self.old_column} "
                f"{fmt(self.old)}、{self.new_column} {fmt(self.new)} 计算应为 {self.computed:.2f}%")


@dataclass(frozen=True, slots=True)
class ScoreAboveMax(Violation):
    code: ClassVar[str] = "T006"
    place: str  # "“集群工作组织机构”自评"
    score: float
    maximum: float

    def message(self) -> str:
        return f"{self.place} {fmt(self.score)} 分，超过该项分值 {fmt(self.maximum)} 分"


@dataclass(frozen=True, slots=True)
class GroupScoreAboveMax(Violation):
    code: ClassVar[str] = "T006"
    column: str  # "自评"
    total: float
    maximum: float

    def message(self) -> str:
        return f"{quoted(self.target)}各子项{self.column}合计 {fmt(self.total)} 分，超过该项分值 {fmt(self.maximum)} 分"


@dataclass(frozen=True, slots=True)
class SumMismatch(Violation):
    code: ClassVar[str] = "T007"
    place: str
    total: str  # shown with its unit
    parts: tuple[str, ...]
    acc: str
    relation: str  # "eq": total = Σ parts; "le": Σ parts ≤ total

    def message(self) -> str:
        names = "、".join(quoted(p) for p in self.parts)
        rel = "不等于" if self.relation == "eq" else "小于"
        return f"{self.place}为 {self.total}，{rel}{names}之和 {self.acc}"


@dataclass(frozen=True, slots=True)
class ScoreTotalNotSum(Violation):
    code: ClassVar[str] = "T007"
    table: str
    column: str
    total: float
    acc: float

    def message(self) -> str:
        return (f"{quoted(self.table)}{self.target}为 {fmt(self.total)} 分，各项{self.column}之和为 "
                f"{fmt(self.acc)} 分")


@dataclass(frozen=True, slots=True)
class ScoreSummaryDiffers(Violation):
    """A summary table's category against the 合计 of the table it sums up (表11 vs 表3)."""

    code: ClassVar[str] = "T007"
    column: str
    score: float
    other_table: str
    other_total_label: str
    other_total: float

    def message(self) -> str:
        return (f"{quoted(self.target)}{self.column}为 {fmt(self.score)} 分，与{quoted(self.other_table)}"
                f"{self.other_total_label} {fmt(self.other_total)} 分不一致")


# ---- T008 -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NothingChosen(Violation):
    code: ClassVar[str] = "T008"
    options: tuple[str, ...]

    def message(self) -> str:
        return f"{quoted(self.target)}未选择（可选：{'、'.join(self.options)}）"


@dataclass(frozen=True, slots=True)
class TooManyChosen(Violation):
    code: ClassVar[str] = "T008"
    chosen: tuple[str, ...]

    def message(self) -> str:
        return f"{quoted(self.target)}选择了 {len(self.chosen)} 项（{'、'.join(self.chosen)}），只能选一项"

"""The one table of finding codes. Codes are stable across templates and releases: users filter
on them and look them up; the pack's rule id says which requirement of which template fired.

This table is also the documentation: docs/codes.md is written from it,

    python -m checkers.codes --markdown > docs/codes.md

and a test fails when the two differ. What each finding says is built from its own figures by one
small class per situation (checkers/violations/), which names its code here.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str  # kebab-case, like ruff's rule names
    severity: Severity  # default; a pack rule may override it
    title: str  # Chinese, what is wrong
    fix: str  # Chinese, what to do — kept apart from what is wrong


_TABLE = [
    Code("F001", "unreadable-file", "error", "文件无法读取或已损坏", "请重新导出或另存后再提交"),
    Code("F002", "encrypted-file", "error", "文件已加密或设有打开密码", "请取消密码保护后再提交"),
    Code("F003", "unsupported-format", "error", "文件格式不受支持或缺少转换组件", "请另存为 .docx 或 .pdf 后再提交"),
    Code("F004", "no-text-layer", "info", "文件无文字层，已用OCR识别（或无法识别）", "建议提交可复制文字的电子版"),
    Code("F005", "over-limit", "error", "文件超出处理限制（大小、页数、时间或内存）", "请拆分或压缩文件后再提交"),
    Code("M001", "template-not-recognised", "error", "无法识别材料对应的模板",
         "请用 --template（或接口的 template 参数）指定模板；clustercheck templates 列出可用模板"),
    Code("C001", "cluster-name-absent", "error", "未找到集群名称", "请在封面或“集群名称”栏填写集群全称"),
    Code("C002", "cluster-not-in-roster", "error", "集群名称不在名单中", "请核对集群名称是否为名单所列名称"),
    Code("C003", "cluster-name-differs", "warning", "集群名称与名单中的正式名称不一致", "请使用名单中的正式名称"),
    Code("C004", "cluster-name-ambiguous", "warning", "集群名称可对应名单中多个集群", "请填写完整的集群名称"),
    Code("C005", "builder-unit-differs", "warning", "依托（建设）单位与名单不一致", "请核对依托（建设）单位"),
    Code("O001", "section-missing", "error", "缺少提纲要求的章节", "请按提纲补充该部分内容"),
    Code("O002", "section-out-of-order", "warning", "章节顺序与提纲不一致", "请按提纲顺序编排"),
    Code("O003", "section-duplicated", "warning", "章节重复出现", "请合并重复的章节"),
    Code("O004", "section-empty", "error", "章节无正文内容", "请填写该部分内容"),
    Code("O005", "wrong-item-count", "warning", "条目数量不符合要求", "请按要求调整条目数量"),
    Code("L001", "below-minimum-length", "error", "字数少于要求", "请补充内容至要求字数"),
    Code("L002", "above-maximum-length", "error", "字数超过上限", "请精简内容至要求字数以内"),
    Code("L003", "away-from-target-length", "warning", "字数偏离要求的篇幅", "请将篇幅控制在要求字数左右"),
    Code("T001", "table-missing", "error", "缺少要求的表格", "请按模板补充该表"),
    Code("T002", "field-blank", "error", "必填栏目为空", "每栏均须按要求填写，空白不得分"),
    Code("T003", "invalid-number", "error", "数值或单位无效", "请填写数字并使用规定的计量单位"),
    Code("T004", "part-exceeds-whole", "error", "分项（其中）大于总数", "请核对分项与总数"),
    Code("T005", "computed-value-inconsistent", "warning", "计算值与填报值不一致", "请核对增幅、比率等计算值"),
    Code("T006", "self-score-above-max", "error", "自评得分超过该项分值", "自评得分不得超过该项分值"),
    Code("T007", "total-not-sum", "error", "合计与各项之和不一致", "请核对合计"),
    Code("T008", "invalid-choice", "error", "选择项未选或选择无效", "请勾选一项且只选一项"),
    Code("E001", "evidence-missing", "error", "该项需提供佐证材料，但未找到", "请附佐证材料并标注所在页码"),
    Code("E002", "attachments-missing", "error", "附件（佐证材料）部分缺失或为空", "请附上相关佐证材料"),
    Code("E003", "policy-without-reference", "warning", "引用政策文件未注明文号或日期", "请注明文件名称、文号、发文时间和发文机关"),
    Code("E004", "claim-without-evidence", "warning", "称号、奖项或平台无佐证引用", "请注明佐证材料所在附件或页码"),
    Code("D001", "declaration-missing", "error", "缺少声明或意见栏", "请按模板补充声明或意见栏"),
    Code("D002", "signature-seal-date-blank", "error", "签字、盖章或日期未填写", "请签字、盖章并填写日期"),
    Code("D003", "veto-unanswered", "error", "一票否决项未作答", "请勾选“是”或“否”"),
    Code("D004", "veto-answered-yes", "error", "一票否决项答“是”", "发生重大质量、安全或环保事故的集群不予通过"),
    Code("D005", "instruction-text-left", "warning", "模板说明文字未删除", "请删除模板中的填写说明"),
    # Found only across a batch (clustercheck audit): they compare submissions with each other.
    Code("B001", "cluster-submitted-twice", "warning", "同一集群在本批中重复提交同一材料", "请核实并只保留一份有效材料"),
    Code("B002", "paragraph-copied", "warning", "段落与其他集群的材料雷同", "请核实是否抄袭或套用其他集群的材料"),
]

CODES: dict[str, Code] = {c.code: c for c in _TABLE}

# The first letter of a code says what it concerns.
GROUPS = {
    "F": "文件（提取时发现）",
    "M": "模板识别",
    "C": "集群名称与名单",
    "O": "提纲与章节",
    "L": "字数",
    "T": "表格与数值",
    "E": "佐证材料",
    "D": "声明、一票否决与模板说明",
    "B": "批量审核（比较同一批材料）",
}
# An error of these groups means nothing was checked: the file could not be read, or no template fits.
UNCHECKED_GROUPS = ("F", "M")
_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def markdown() -> str:
    lines = [
        "# Finding codes",
        "",
        "<!-- Written by `python -m checkers.codes --markdown` from checkers/codes.py; edit that table. -->",
        "",
        "Every finding has a stable code (what kind of problem, the same in every template) and the id",
        "of the pack rule that fired (which requirement of which template). The severity below is the",
        "default; a pack rule may set its own. A report fails when it has any error.",
        "",
    ]
    for letter, title in GROUPS.items():
        lines += [f"## {letter} — {title}", "", "| 代码 | 名称 | 默认级别 | 问题 | 处理 |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {c.code} | `{c.name}` | {_SEVERITY[c.severity]} | {c.title} | {c.fix} |"
                  for c in _TABLE if c.code.startswith(letter)]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m checkers.codes", description="The finding codes.")
    ap.add_argument("--markdown", action="store_true", help="print docs/codes.md")
    args = ap.parse_args(argv)
    if args.markdown:
        sys.stdout.write(markdown())
    else:
        for c in _TABLE:
            print(f"{c.code}  {c.severity:<7}  {c.name:<32}  {c.title}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

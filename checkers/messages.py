"""Finding messages of the outline, length, declaration, veto, choice and instruction kinds, built
from the finding's own numbers (like ruff's "Line too long (120 > 88)"): what is wrong, with the
template's label and the figures. The table and evidence kinds word theirs next to the figures they
compute. What to do about it is the code's `fix`, kept apart (checkers/codes.py)."""

from __future__ import annotations

from collections.abc import Sequence

from checkers.kinds.refs import SectionSpec

NON_EMPTY = "有正文"


def spec_label(spec: SectionSpec) -> str:
    """The template's heading as a reviewer knows it: "五、集群金融创新发展情况", "（一）…", "2.…"."""
    n = spec.number.strip()
    if not n:
        return spec.title
    if n[0] in "（(":
        return f"{n}{spec.title}"
    if n.startswith("第"):  # 第一部分：培育背景, 第一章 总则
        return f"{n}：{spec.title}" if n.endswith("部分") else f"{n} {spec.title}"
    if n[0].isdigit():
        return f"{n}.{spec.title}"
    return f"{n}、{spec.title}"


def quoted(text: str) -> str:
    return f"“{text}”"


def _pages(pages: Sequence[int | None]) -> str:
    known = [str(p) for p in pages if p]
    return f"（第{'、'.join(known)}页）" if known else ""


# ---- outline ----------------------------------------------------------------------------------
def missing(spec: SectionSpec, parent: str | None, near: tuple[str, bool] | None = None) -> str:
    """near: (label of the closest section found, whether the missing one belongs after it)."""
    hint = f"（应位于{quoted(near[0])}{'之后' if near[1] else '之前'}）" if near else ""
    if parent:
        return f"{quoted(parent)}中未找到提纲要求的{quoted(spec_label(spec))}{hint}"
    return f"未找到提纲要求的{quoted(spec_label(spec))}部分{hint}"


def out_of_order(spec: SectionSpec, ref: SectionSpec, before: bool, expected: int, actual: int) -> str:
    rel = "之前" if before else "之后"
    return (f"{quoted(spec_label(spec))}排在{quoted(spec_label(ref))}{rel}，与提纲顺序不一致"
            f"（按提纲应为第 {expected} 部分，实为第 {actual} 部分）")


def duplicated(spec: SectionSpec, pages: Sequence[int | None]) -> str:
    return f"{quoted(spec_label(spec))}出现 {len(pages)} 次{_pages(pages)}，提纲要求只出现一次"


def empty(label: str) -> str:
    return f"{quoted(label)}只有标题，没有正文（0 字）"


def wrong_count(target: str, item: str, actual: int, lo: int | None, hi: int | None) -> str:
    return f"{quoted(target)}有 {actual} 个{item}，要求{count_range(lo, hi)}个"


def count_range(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f" {lo} " if lo == hi else f" {lo}–{hi} "
    if lo is not None:
        return f"至少 {lo} "
    return f"至多 {hi} "


# ---- length -----------------------------------------------------------------------------------
def below(target: str, actual: int, minimum: int) -> str:
    return f"{quoted(target)}字数为 {actual}，少于要求的 {minimum} 字（不少于{minimum}字）"


def above(target: str, actual: int, maximum: int) -> str:
    return f"{quoted(target)}字数为 {actual}，超过上限 {maximum} 字（{maximum}字以内）"


def away(target: str, actual: int, about: int, lo: int, hi: int) -> str:
    return f"{quoted(target)}字数为 {actual}，偏离要求的 {about} 字左右（允许 {lo}–{hi} 字）"


# ---- text left from the template --------------------------------------------------------------
def instruction_left(where: str, phrase: str) -> str:
    return f"{quoted(where)}中保留了模板的填写说明{quoted(phrase)}"


# ---- declarations, veto, choices --------------------------------------------------------------
def declaration_missing(label: str) -> str:
    return f"未找到{quoted(label)}栏"


PARTS = {"signature": "签字", "seal": "盖章单位", "date": "日期", "text": "意见内容"}


def declaration_blank(label: str, part: str, shown: str) -> str:
    what = PARTS[part]
    return f"{quoted(label)}的{what}未填写" + (f"（仍为{quoted(shown)}）" if shown else "")


def seal_not_seen(label: str, place: str, page: int | None) -> str:
    where = f"第{page}页" if page else ""
    return f"{quoted(label)}未见印章（扫描件{where}{quoted(place) if place else ''}处未发现红色印章）"


def veto_unanswered(label: str, yes: str, no: str, both: bool) -> str:
    if both:
        return f"{quoted(label)}（一票否决）同时勾选了{quoted(yes)}和{quoted(no)}"
    return f"{quoted(label)}（一票否决）未勾选{quoted(yes)}或{quoted(no)}"


def veto_yes(label: str, question: str, yes: str) -> str:
    asked = f"：{question}" if question else ""
    return f"{quoted(label)}（一票否决）勾选了{quoted(yes)}{asked}"


def choice_none(label: str, options: Sequence[str]) -> str:
    return f"{quoted(label)}未选择（可选：{'、'.join(options)}）"


def choice_many(label: str, chosen: Sequence[str]) -> str:
    return f"{quoted(label)}选择了 {len(chosen)} 项（{'、'.join(chosen)}），只能选一项"

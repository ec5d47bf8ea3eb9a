"""`clustercheck extract FILE [--format json|text] [--isolated|--in-process]`

What the extractor read, before any template is applied: text is what a reviewer wants to see
first (format, pages, 字数, and the outline with each section's 字数 and page); json is the whole
Document model. A file that cannot be read is one Chinese line with its F-code on stderr and exit
code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

_OUTLINE_WIDTH = 44  # display columns for "number title" before the 字数 column


def add_parser(sub: Any) -> argparse.ArgumentParser:
    p = sub.add_parser("extract", help="抽取材料的结构：大纲、各章节字数、表格",
                       description="抽取一个材料文件（Word/WPS、PDF 或 Excel）的结构与字数，不套用模板。"
                                   "退出码：0 成功，1 文件无法读取。")
    p.add_argument("file", metavar="FILE", help="材料文件")
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--isolated", dest="isolated", action="store_true", default=True,
                      help="在受时间和内存限制的子进程中解析（默认）")
    mode.add_argument("--in-process", dest="isolated", action="store_false", help="在当前进程中解析（调试用）")
    return p


def run(args: argparse.Namespace) -> int:
    from extractor import ExtractError, extract, extract_isolated

    try:
        doc = (extract_isolated if args.isolated else extract)(args.file)
    except ExtractError as e:
        return _fail(e.code, e.message)
    except MemoryError:
        return _fail("F005", "解析时内存超过上限")
    except Exception as e:  # an in-process parser bug must still not print a traceback
        return _fail("F001", f"文件已损坏或无法解析（{type(e).__name__}: {str(e)[:200]}）")
    if args.format == "json":
        json.dump(doc.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(doc, Path(args.file).name))
    return 0


def _fail(code: str, message: str) -> int:
    print(f"错误 {code}：{message}", file=sys.stderr)
    return 1


def render_text(doc: Any, name: str) -> str:
    m, s = doc.meta, doc.stats
    fmt = m.format
    if m.converted_from:
        inner = "" if m.converted_from == m.format else f"实为 {m.converted_from.upper()}，"
        fmt += f"（{inner}经 LibreOffice 转换后读取）"
    lines = [name]
    if m.title:
        lines.append(f"  标题：{m.title}")
    lines.append(f"  格式：{fmt}")
    if m.pages is not None:
        lines.append(f"  页数：{m.pages}")
    lines.append(f"  字数：{s.words:,}    汉字：{s.cjk_chars:,}    字符数（不计空格）：{s.chars_no_spaces:,}"
                 f"    字符数（计空格）：{s.chars_with_spaces:,}")
    tables = doc.tables()
    if tables:
        lines.append(f"  表格：{len(tables)} 个")
    if m.scanned:
        ocr = f"，OCR 页：{', '.join(map(str, m.ocr_pages))}" if m.ocr_pages else ""
        conf = f"，平均置信度 {m.ocr_confidence:.2f}" if m.ocr_confidence is not None else ""
        lines.append(f"  扫描件：是{ocr}{conf}")
    for n in doc.notices:
        lines.append(f"  提示 {n.code}：{n.message}")
    lines.append("")
    lines.append("大纲（章节字数含其下级章节）：")
    sections = doc.sections
    if not any(sec.heading for sec in sections):
        lines.append("  （未识别出标题）")
    for sec in sections:
        if sec.heading is None:
            if sec.words:
                lines.append(_row(0, "（首个标题之前）", sec.words, sec.page))
            continue
        label = f"{sec.heading.text}".strip()
        lines.append(_row(sec.level, label, sec.words, sec.page))
    return "\n".join(lines) + "\n"


def _row(level: int, label: str, words: int, page: int | None) -> str:
    indent = "  " * max(level, 1)
    label = _clip(label, _OUTLINE_WIDTH - len(indent))
    pad = _OUTLINE_WIDTH - len(indent) - _width(label)
    where = f"  第 {page} 页" if page is not None else ""
    return f"{indent}{label}{' ' * max(pad, 1)}{words:>7,} 字{where}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = _width(ch)
        if used + w > width - 2:
            break
        out += ch
        used += w
    return out + "…"

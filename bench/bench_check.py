"""Does a full `check` of a ~45-page submission cost at most 1.5x its `extract`?

    .venv/bin/python bench/bench_check.py [--repeat 11] [--pages]

Builds a long 2023 work summary (the hubei-2023-summary outline, ~35,000 字 of prose — 45 pages
in LibreOffice —, a 90-row indicator table, two cases, attachments) in bench/out/, then times, as
medians over --repeat runs: `extract` as the extract command does it (parse, then the JSON model with
the outline and 字数), and the whole check (parse + template detection + every rule of the pack +
the roster + the report) — both in this process and through the sandboxed child process the CLI
and the service use. Then the check's own cost, rule by rule.
--pages converts the file with LibreOffice once to report its page count.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from extractor import extract
from samples.builder import heading as add_heading
from samples.builder import new_document, paragraph, prose, save, table, title
from service.pipeline import check_source

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SECTIONS = [("一、集群总体情况", 3000), ("二、集群企业发展情况", 4600), ("三、集群产业发展情况", 4600),
            ("四、集群创新能力情况", 3400), ("五、集群金融创新发展情况", 3000), ("六、集群发展环境", 3200),
            ("七、集群发展成效", 4600), ("八、主要做法和经验", 2800), ("九、存在问题与下一步工作考虑", 2600)]


def build(path: Path) -> Path:
    doc = new_document()
    title(doc, "2023年度十堰商用车及部件创新型产业集群工作总结")
    paragraph(doc, "集群名称：十堰商用车及部件创新型产业集群")
    paragraph(doc, "依托（建设）单位：十堰经开区管委会")
    for n, (head, words) in enumerate(SECTIONS):
        add_heading(doc, head, level=1)
        prose(doc, words, seed=200 + n)
        if n == 0:
            paragraph(doc, "表1 集群主要指标完成情况")
            rows = [["指标名称", "计量单位", "2022年", "2023年", "增幅（%）"]]
            rows += [[f"指标{k}", "万元", str(1000 + k * 7), str(1100 + k * 8), "10.0"] for k in range(90)]
            table(doc, rows)
    add_heading(doc, "十、典型案例", level=1)
    for k, case in enumerate(["案例一：东风商用车带动产业链融通发展", "案例二：关键技术突破引领产业创新"]):
        add_heading(doc, case, level=2)
        prose(doc, 900, seed=300 + k)
    add_heading(doc, "十一、相关附件", level=1)
    for k in range(1, 6):
        paragraph(doc, f"附件{k}：相关政策文件（十政发〔2023〕{k}号）")
    return save(doc, path)


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def print_rule_costs(path: Path, repeat: int) -> None:
    """Where the check's own time goes: detection, counting, and each rule of the pack."""
    from checkers import load_pack, load_roster
    from checkers.context import Context
    from checkers.detect import detect_template

    pack = load_pack("hubei-2023-summary")
    roster = load_roster("hubei-2023")
    costs: dict[str, list[float]] = {}
    for _ in range(repeat):
        doc = extract(path)
        t0 = time.perf_counter()
        detect_template(doc)
        t1 = time.perf_counter()
        _ = doc.sections  # 字数 of every block and section
        costs.setdefault("detect", []).append(t1 - t0)
        costs.setdefault("count", []).append(time.perf_counter() - t1)
        ctx = Context(doc=doc, roster=roster, outlines=[o for r in pack.rules if (o := r.outline()) is not None])
        for rule in pack.rules:
            t = time.perf_counter()
            rule.run(ctx)
            costs.setdefault(f"{rule.id} ({rule.kind})", []).append(time.perf_counter() - t)
    print("check's own cost, median ms: " + ", ".join(
        f"{k} {statistics.median(v) * 1000:.1f}" for k, v in costs.items()))


def pages_of(path: Path) -> int | None:
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(path)],
                              capture_output=True, timeout=180, check=False)
        pdf = Path(tmp) / f"{path.stem}.pdf"
        if done.returncode or not pdf.exists():
            return None
        import pypdfium2

        return len(pypdfium2.PdfDocument(str(pdf)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--pages", action="store_true", help="count pages with LibreOffice (slow, once)")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    path = build(OUT / "bench_summary_45p.docx")
    doc = extract(path)
    report = check_source(path, isolated=False)
    print(f"file: {path.name}, {path.stat().st_size / 1024:.0f} KiB, {doc.stats.words:,} 字, "
          f"{len(doc.blocks)} blocks, {len(doc.tables())} tables"
          + (f", {pages_of(path)} pages (LibreOffice)" if args.pages else ""))
    print(f"check: template {report.template} ({report.template_detected.confidence:.2f}), "
          f"verdict {report.verdict}, {len(report.findings)} findings")
    median_seconds(lambda: check_source(path, isolated=False), 2)  # warm caches (packs, rosters, spaCy)
    rows = []
    for label, ex, full in [
        ("in process", lambda: extract(path).to_dict(), lambda: check_source(path, isolated=False)),
        ("sandboxed ", lambda: extract(path, isolated=True).to_dict(), lambda: check_source(path, isolated=True)),
    ]:
        t_extract = median_seconds(ex, args.repeat)
        t_check = median_seconds(full, args.repeat)
        rows.append((label, t_extract, t_check))
    print_rule_costs(path, args.repeat)
    for label, t_extract, t_check in rows:
        ratio = t_check / t_extract
        verdict = "ok" if ratio <= 1.5 else "OVER 1.5x"
        print(f"{label}: extract {t_extract * 1000:7.1f} ms   check {t_check * 1000:7.1f} ms   "
              f"ratio {ratio:.2f}x  [{verdict}]   (median of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

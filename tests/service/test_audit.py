"""`clustercheck audit` for real on a small archive built from the committed samples: folders, a GBK
zip with a nested zip, duplicates, damaged files, planted copying; the workbook, the CSV, the JSON
Lines; the cache and a real Ctrl-C in the middle of a run."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from extractor.base import Limits
from samples.archive import GbkZipInfo, make_archive
from service.audit.inputs import walk
from service.cli import main
from service.storage import BlobStore
from tests.service.conftest import SAMPLES_DIR, summary_docx

CLI = Path(sys.executable).with_name("clustercheck")
FORMULA_NAME = "=1+2.docx"


@dataclass
class Audit:
    root: Path
    extra: list[Path]
    out: Path
    manifest: dict[str, Any]
    stdout: str
    code: int
    records: list[dict[str, Any]]

    def by_path(self, suffix: str) -> dict[str, Any]:
        hits = [r for r in self.records if r["path"].endswith(suffix)]
        assert len(hits) == 1, (suffix, [r["path"] for r in hits])
        return hits[0]


def run_cli(*args: str) -> tuple[int, str]:
    buf = io.StringIO()
    with redirect_stdout(buf):
        code = main(["audit", *args])
    return code, buf.getvalue()


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], list[Path]]:
    base = tmp_path_factory.mktemp("archive")
    root = make_archive(base, n=20, seed=3)
    (root / "Thumbs.db").write_bytes(b"\x00" * 64)
    (root / "坏的压缩包.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    clutter = io.BytesIO()
    with zipfile.ZipFile(clutter, "w") as z:
        z.writestr("__MACOSX/._总结.docx", b"\x00\x05\x16\x07")
        z.writestr("总结.docx", summary_docx(seed=77, name="孝感高新区生物农业创新型产业集群"))
    (root / "mac.zip").write_bytes(clutter.getvalue())
    extra = base / "单独" / FORMULA_NAME
    extra.parent.mkdir()
    extra.write_bytes(summary_docx(seed=78))
    manifest = json.loads((base / "manifest.json").read_text(encoding="utf-8"))
    return root, manifest, [extra]


@pytest.fixture(scope="module")
def audited(archive: tuple[Path, dict[str, Any], list[Path]], tmp_path_factory: pytest.TempPathFactory) -> Audit:
    root, manifest, extra = archive
    out = tmp_path_factory.mktemp("out")
    code, stdout = run_cli(str(root), str(extra[0]), "--out", str(out), "--workers", "2", "--quiet")
    return Audit(root, extra, out, manifest, stdout, code, read_jsonl(out / "findings.jsonl"))


@pytest.mark.slow
def test_every_input_file_is_accounted_for_once(audited: Audit) -> None:
    paths = [r["path"] for r in audited.records]
    assert len(paths) == len(set(paths))
    on_disk = {f"材料/{p.relative_to(audited.root).as_posix()}" for p in audited.root.rglob("*")
               if p.is_file() and p.suffix != ".zip"}
    expected = on_disk | {f"材料/{z}" for z in audited.manifest["zipped"]} | {FORMULA_NAME}
    expected |= {"材料/坏的压缩包.zip", "材料/mac.zip!/总结.docx", "材料/mac.zip!/__MACOSX/._总结.docx"}
    assert set(paths) == expected
    statuses = {r["status"] for r in audited.records}
    assert statuses == {"checked", "failed", "duplicate", "ignored"}
    assert audited.code == 1
    assert "审核完成：共" in audited.stdout


@pytest.mark.slow
def test_gbk_names_in_nested_zips_are_decoded(audited: Audit) -> None:
    nested = [z for z in audited.manifest["zipped"] if "第二批.zip!/" in z]
    assert nested and len(audited.manifest["zipped"]) > len(nested)
    for z in audited.manifest["zipped"]:
        rec = audited.by_path(z)
        assert rec["status"] in ("checked", "failed") and rec["report"]["template"], rec


@pytest.mark.slow
def test_duplicates_are_reported_once_with_all_their_paths(audited: Audit) -> None:
    for first, copy in audited.manifest["duplicates"]:
        original, dup = audited.by_path(first), audited.by_path(copy)
        assert dup["status"] == "duplicate" and dup["report"] is None
        assert dup["duplicate_of"] == original["path"] and dup["sha256"] == original["sha256"]
        assert dup["path"] in original["paths"]


@pytest.mark.slow
def test_bad_inputs_get_f_codes_and_clutter_is_ignored(audited: Audit) -> None:
    for bad in audited.manifest["bad"]:
        rec = audited.by_path(bad)
        assert rec["status"] == "failed"
        assert rec["report"]["findings"][0]["code"].startswith("F")
    broken = audited.by_path("坏的压缩包.zip")
    assert broken["status"] == "failed" and broken["report"]["findings"][0]["code"] == "F001"
    assert audited.by_path("Thumbs.db")["status"] == "ignored"
    assert audited.by_path("__MACOSX/._总结.docx")["status"] == "ignored"
    assert audited.by_path("mac.zip!/总结.docx")["status"] == "checked"


@pytest.mark.slow
def test_cross_checks_find_the_planted_cases(audited: Audit) -> None:
    (a, b), = audited.manifest["same_cluster"]
    for mine, other in ((a, b), (b, a)):
        b001 = [f for f in audited.by_path(mine)["report"]["findings"] if f["code"] == "B001"]
        assert b001 and other in b001[0]["message"]
    assert audited.manifest["copied"]
    for donor, taker, paragraph in audited.manifest["copied"]:
        found = [f for f in audited.by_path(taker)["report"]["findings"]
                 if f["code"] == "B002" and donor in f["actual"]]
        assert found, (taker, donor)
        assert paragraph[:20] in found[0]["message"] or found[0]["location"]["section"]
        back = [f for f in audited.by_path(donor)["report"]["findings"] if f["code"] == "B002" and taker in f["actual"]]
        assert back


@pytest.mark.slow
def test_workbook_sheets_headers_frozen_filtered_escaped(audited: Audit) -> None:
    wb = openpyxl.load_workbook(audited.out / "summary.xlsx")
    assert wb.sheetnames == ["文件汇总", "问题清单", "统计", "字数与条目"]
    files, findings, counts, measured = wb["文件汇总"], wb["问题清单"], wb["统计"], wb["字数与条目"]
    assert measured.max_row > 1 and {row[9].value for row in measured.iter_rows(min_row=2)} <= {"符合", "不足", "超出", "未计"}
    assert [c.value for c in files[1][:3]] == ["序号", "路径", "状态"]
    assert files.max_row == len(audited.records) + 1
    for ws in (files, findings, counts):
        assert ws.freeze_panes == "A2"
    assert files.auto_filter.ref and findings.auto_filter.ref
    assert {t.displayName for t in counts.tables.values()} and len(counts.tables) == 2
    assert files.column_dimensions["B"].width > 30
    paths = [row[1].value for row in files.iter_rows(min_row=2)]
    assert f"'{FORMULA_NAME}" in paths and FORMULA_NAME not in paths
    assert {c.value for c in findings[1]} >= {"文件", "代码", "问题"}
    codes = {row[0].value for row in counts.iter_rows(min_row=2) if row[0].value}
    assert {"B001", "B002", "F001"} <= codes


@pytest.mark.slow
def test_csv_has_a_bom_and_one_row_per_file(audited: Audit) -> None:
    raw = (audited.out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "路径", "状态"] and len(rows) == len(audited.records) + 1
    assert any(r[1] == f"'{FORMULA_NAME}" for r in rows)


@pytest.mark.slow
def test_each_checked_file_has_its_report(audited: Audit) -> None:
    for rec in audited.records:
        if rec["status"] in ("checked", "failed"):
            page = (audited.out / rec["report_file"]).read_text(encoding="utf-8")
            assert page.lstrip().lower().startswith("<!doctype html")
        else:
            assert rec["report_file"] is None


@pytest.mark.slow
def test_a_second_run_takes_everything_from_the_cache(audited: Audit) -> None:
    stats = json.loads((audited.out / "run.json").read_text(encoding="utf-8"))
    code, stdout = run_cli(str(audited.root), str(audited.extra[0]), "--out", str(audited.out), "--quiet")
    again = json.loads((audited.out / "run.json").read_text(encoding="utf-8"))
    assert code == audited.code
    assert again["checked_now"] == 0 and again["from_cache"] == stats["distinct"]
    assert f"本次检查 0 个，沿用缓存 {stats['distinct']} 个" in stdout
    records = read_jsonl(audited.out / "findings.jsonl")
    assert [r["report"] for r in records] == [r["report"] for r in audited.records]


def _cached(out: Path) -> int:
    try:
        with sqlite3.connect(out / ".cache.sqlite", timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_ctrl_c_keeps_what_is_done_and_a_rerun_does_only_the_rest(
        archive: tuple[Path, dict[str, Any], list[Path]], tmp_path: Path) -> None:
    root = archive[0]
    out = tmp_path / "out"
    proc = subprocess.Popen([str(CLI), "audit", str(root), "--out", str(out), "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _cached(out) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "已中断" in err and "重新运行同一命令即可继续" in err
    assert not (out / "summary.xlsx").exists()
    done = _cached(out)
    assert done >= 3
    _, stdout = run_cli(str(root), "--out", str(out), "--quiet")
    stats = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert f"沿用缓存 {done} 个" in stdout
    assert stats["from_cache"] == done
    assert stats["checked_now"] == stats["distinct"] - done
    assert (out / "summary.xlsx").is_file()


@pytest.mark.slow
def test_a_file_over_the_time_limit_is_f005_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES_DIR / "pdf_scanned_report.pdf", folder / "扫描件.pdf")  # OCR: far over 1 second
    (folder / "总结.docx").write_bytes(summary_docx(seed=90))
    code, _ = run_cli(str(folder), "--out", str(tmp_path / "out"), "--timeout", "1", "--quiet",
                      "--report-format", "json")
    recs = {Path(r["path"]).name: r for r in read_jsonl(tmp_path / "out" / "findings.jsonl")}
    slow = recs["扫描件.pdf"]
    assert slow["status"] == "failed" and slow["report"]["findings"][0]["code"] == "F005"
    assert recs["总结.docx"]["status"] == "checked"
    assert code == 1


def _children() -> set[int]:
    """Live processes under this one (a worker, a parse sandbox, LibreOffice), resource trackers aside."""
    kids: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_bytes()
            cmd = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if entry.name.isdigit() and b"resource_tracker" not in cmd and b" Z " not in stat[stat.rfind(b")"):][:4]:
            kids.setdefault(int(stat[stat.rfind(b")") + 2:].split()[1]), []).append(int(entry.name))
    found, todo = set(), [os.getpid()]
    while todo:
        for k in kids.get(todo.pop(), []):
            found.add(k)
            todo.append(k)
    return found


@pytest.mark.slow
def test_the_local_engine_kills_a_file_past_its_deadline_and_goes_on(tmp_path: Path) -> None:
    from service.audit.runner import Job, LocalRunner

    ok = [tmp_path / f"总结{k}.docx" for k in (1, 2)]
    for k, path in enumerate(ok):
        path.write_bytes(summary_docx(seed=95 + k))
    runner = LocalRunner(2, "auto", "auto", Limits())
    runner.job_seconds = 1.5  # the parse limit stays 120 s: this is the engine's own deadline at work
    got: dict[int, dict[str, Any]] = {}
    jobs = [Job(0, "扫描件.pdf", str(SAMPLES_DIR / "pdf_scanned_report.pdf"), "a"),  # OCR: 3 s and more
            Job(1, ok[0].name, str(ok[0]), "b"), Job(2, ok[1].name, str(ok[1]), "c")]
    started = time.monotonic()
    runner.run(jobs, lambda job, outcome: got.setdefault(job.key, outcome), threading.Event())
    assert time.monotonic() - started < 60
    killed = got[0]["report"]["findings"][0]
    assert killed["code"] == "F005" and "处理超时" in killed["message"]
    assert [got[k]["report"]["findings"][0]["code"] != "F005" for k in (1, 2)] == [True, True]
    assert not _children()  # the worker and its OCR sandbox are gone


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")]) == 2
    assert "找不到" in capsys.readouterr().err
    assert main(["audit", str(tmp_path), "--template", "no-such-template", "--out", str(tmp_path / "o")]) == 2
    assert main(["audit", str(tmp_path), "--out", str(tmp_path / "inside")]) == 2
    assert "之内" in capsys.readouterr().err


def test_plain_progress_lines_when_not_a_terminal() -> None:
    from service.audit.progress import Lines, make_progress

    stream = io.StringIO()
    progress = make_progress(stream)
    assert isinstance(progress, Lines)
    progress.start(3, 1, 0)
    progress.advance(False)
    progress.advance(True)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("进度 1/3") and lines[-1].startswith("进度 3/3（100%）")
    assert lines[-1].endswith("失败 1") and "个/秒" in lines[-1]


def _gbk_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(GbkZipInfo(name), data)  # GBK bytes, no UTF-8 flag, as Windows writes
    return buf.getvalue()


def test_inputs_walk_gbk_nested_and_too_deep_zips(tmp_path: Path) -> None:
    data = b"not checked here"
    inner = _gbk_zip({"第三层/材料.docx": data})
    for level in range(5):
        inner = _gbk_zip({f"第{level}层.zip": inner})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "包.zip").write_bytes(_gbk_zip({"子目录/总结.docx": data, "深.zip": inner}))
    items = list(walk([tmp_path / "in"], BlobStore(tmp_path / "spool"), Limits()))
    shown = {i.display: i for i in items}
    assert shown["in/包.zip!/子目录/总结.docx"].checkable
    assert shown["in/包.zip!/子目录/总结.docx"].path.read_bytes() == data  # type: ignore[union-attr]
    deep = [i for i in items if i.error_code == "F005"]
    assert len(deep) == 1 and deep[0].display.count(".zip!/") == 4 and "嵌套" in (deep[0].error or "")

"""Legacy .doc/.wps/.xls/.et through the real LibreOffice, and what happens without it."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from extractor import Document, ExtractError, Limits, extract, extract_isolated
from extractor.containers import ole_streams
from extractor.libreoffice import ipc_socket, libreoffice_convert, scratch_root, sweep
from extractor.sandbox import descendants, kill_tree
from extractor.sniff import sniff

ROOT = Path(__file__).resolve().parents[2]


def _outline(doc: Document) -> list[tuple[int, str, int]]:
    return [(s["level"], s["title"], s["words"]) for s in doc.outline()]


@pytest.fixture(scope="module")
def reference(samples_dir: Path) -> Document:
    return extract(samples_dir / "legacy_report.docx")


@pytest.fixture(scope="module")
def xlsx_reference(samples_dir: Path) -> Document:
    return extract(samples_dir / "stats_table.xlsx")


@pytest.mark.slow
@pytest.mark.parametrize(("name", "fmt", "origin"), [
    ("legacy_report.doc", "doc", "doc"),
    ("legacy_report.wps", "wps", "wps"),
    ("legacy_report_rtf.doc", "doc", "rtf"),
])
def test_word_formats_read_like_the_docx(samples_dir: Path, reference: Document, name: str, fmt: str,
                                         origin: str) -> None:
    doc = extract(samples_dir / name)
    assert (doc.meta.format, doc.meta.converted_from, doc.meta.filename) == (fmt, origin, name)
    assert _outline(doc) == _outline(reference)
    assert doc.stats == reference.stats
    assert [t.grid() for t in doc.tables()] == [t.grid() for t in reference.tables()]


@pytest.mark.slow
def test_xls_reads_like_the_xlsx(samples_dir: Path, xlsx_reference: Document) -> None:
    doc = extract(samples_dir / "legacy_stats.xls")
    assert (doc.meta.format, doc.meta.converted_from) == ("xls", "xls")
    assert [h.text for h in doc.headings()] == [h.text for h in xlsx_reference.headings()]
    assert doc.tables()[0].grid() == xlsx_reference.tables()[0].grid()
    # LibreOffice saved the formula's result; the openpyxl-written .xlsx has none, so shows the formula.
    assert doc.tables()[1].grid()[-1] == ["合计", "", "", "8"]
    assert xlsx_reference.tables()[1].grid()[-1] == ["合计", "", "", "=COUNTA(B2:B9)"]


@pytest.mark.slow
def test_et_and_misnamed_ole_go_by_their_streams(samples_dir: Path) -> None:
    xls = (samples_dir / "legacy_stats.xls").read_bytes()
    assert extract(xls, "统计报表.et").meta.format == "et"
    misnamed = extract(xls, "统计报表.doc")  # a Workbook stream: Calc, whatever the name says
    assert misnamed.meta.format == "xls"
    assert misnamed.tables()


WEB_PAGE = ("<html><head><meta charset='utf-8'></head><body><h1>一、集群总体情况</h1><p>集群发展良好。</p>"
            "<table><tr><td colspan=2>集群统计</td></tr><tr><td>指标</td><td>数量</td></tr>"
            "<tr><td>企业总数</td><td>386</td></tr></table></body></html>").encode()


@pytest.mark.slow
def test_web_pages_saved_under_doc_and_xls_names() -> None:
    doc = extract(WEB_PAGE, "导出.doc")
    assert (doc.meta.format, doc.meta.converted_from) == ("doc", "html")
    assert [h.text for h in doc.headings()] == ["一、集群总体情况"]
    assert doc.tables()[0].grid()[1:] == [["指标", "数量"], ["企业总数", "386"]]
    sheet = extract(WEB_PAGE, "导出.xls")
    assert (sheet.meta.format, sheet.meta.converted_from) == ("xls", "html")
    assert sheet.tables()[0].grid() == [["指标", "数量"], ["企业总数", "386"]]


def test_ole_streams_tell_word_from_excel(samples_dir: Path) -> None:
    assert "WordDocument" in ole_streams((samples_dir / "legacy_report.doc").read_bytes())
    assert "Workbook" in ole_streams((samples_dir / "legacy_stats.xls").read_bytes())
    assert ole_streams((samples_dir / "legacy_report.docx").read_bytes()) == set()


def test_damaged_ole_is_f001(samples_dir: Path) -> None:
    cut = (samples_dir / "legacy_report.doc").read_bytes()[:1536]
    assert sniff(cut, "x.doc").kind == "ole"
    assert ole_streams(cut) == set()
    with pytest.raises(ExtractError) as err:
        extract(cut, "申报书.doc")
    assert err.value.code == "F001"


def test_password_protected_ooxml_is_f002() -> None:
    data = compound_file(["EncryptionInfo", "EncryptedPackage"])
    assert ole_streams(data) == {"EncryptionInfo", "EncryptedPackage"}
    with pytest.raises(ExtractError) as err:
        extract(data, "工作总结.docx")
    assert err.value.code == "F002"


def test_presentation_is_unsupported() -> None:
    with pytest.raises(ExtractError) as err:
        extract(compound_file(["PowerPoint Document", "Current User"]), "汇报.ppt")
    assert err.value.code == "F003"
    assert "演示文稿" in err.value.message


def test_without_libreoffice_the_error_says_how_to_install_it(samples_dir: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ExtractError) as err:
        extract(samples_dir / "legacy_report.doc")
    assert err.value.code == "F003"
    assert "apt-get install libreoffice-writer libreoffice-calc" in err.value.message


def test_cli_without_libreoffice(samples_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "service.cli", "extract", str(samples_dir / "legacy_stats.xls")],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith("错误 F003：")
    assert "scripts/setup" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_conversion_past_the_time_limit_leaves_no_libreoffice_behind(samples_dir: Path) -> None:
    data = (samples_dir / "legacy_report.doc").read_bytes()
    with pytest.raises(ExtractError) as err:
        libreoffice_convert(data, "doc", "docx", Limits(seconds=0.3))
    assert err.value.code == "F005"
    assert not descendants(os.getpid())


@pytest.mark.slow
def test_conversion_killed_by_the_sandbox_leaves_no_temp_dir(samples_dir: Path) -> None:
    """A child the sandbox SIGKILLs cleans nothing up; the next conversion removes what it left."""
    data = (samples_dir / "legacy_report.doc").read_bytes()
    before = _work_dirs()
    with pytest.raises(ExtractError) as err:
        extract_isolated(data, "legacy_report.doc", limits=Limits(seconds=0.5))
    assert err.value.code == "F005"
    orphans = {d for d in _work_dirs() - before if not Path(f"/proc/{d.name.split('-')[0]}").exists()}
    assert orphans, "the killed child's work directory is left until a sweep"
    with pytest.raises(ExtractError):
        libreoffice_convert(data, "doc", "docx", Limits(seconds=0.3))  # sweeps first, then times out
    assert not any(d.exists() for d in orphans)
    assert not any(ipc_socket(d / "profile").exists() for d in orphans)
    assert not any(d.name.startswith(f"{os.getpid()}-") for d in _work_dirs())  # its own went in `finally`


def test_sweep_keeps_the_directories_of_live_processes(tmp_path: Path) -> None:
    sweep()
    root = scratch_root()
    mine = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-{_start_time(os.getpid())}-", dir=root))
    recycled = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-1-", dir=root))  # same pid, another start time
    try:
        sweep()
        assert mine.is_dir() and not recycled.exists()
    finally:
        shutil.rmtree(mine, ignore_errors=True)


@pytest.mark.slow
def test_ipc_socket_is_where_libreoffice_puts_it(samples_dir: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    proc = subprocess.Popen(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                             "--convert-to", "docx", "--outdir", str(tmp_path), str(samples_dir / "legacy_report.doc")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, process_group=0)
    seen, deadline = False, time.monotonic() + 60
    while not seen and proc.poll() is None and time.monotonic() < deadline:
        seen = ipc_socket(profile).exists()
        time.sleep(0.005)
    kill_tree(proc.pid)
    proc.wait()
    ipc_socket(profile).unlink(missing_ok=True)
    assert seen


def _work_dirs() -> set[Path]:
    root = scratch_root()
    return {d for d in root.iterdir() if d.name[:1].isdigit()} if root.is_dir() else set()


def _start_time(pid: int) -> int:
    with open(f"/proc/{pid}/stat", "rb") as f:
        return int(f.read().rsplit(b")", 1)[1].split()[19])


def compound_file(streams: list[str]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding empty streams."""
    end, free, fat_sect, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sect, end, *([free] * 126))

    def entry(name: str, kind: int, right: int = none, child: int = none) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        e = bytearray(128)
        e[0 : len(raw)] = raw
        struct.pack_into("<HBBIII", e, 64, len(raw), kind, 1, none, right, child)
        struct.pack_into("<IQ", e, 116, end, 0)
        return bytes(e)

    entries = [entry("Root Entry", 5, child=1)]
    for i, name in enumerate(streams, 1):
        entries.append(entry(name, 2, right=i + 1 if i < len(streams) else none))
    directory = b"".join(entries).ljust(512 * ((len(entries) * 128 + 511) // 512), b"\0")
    assert len(directory) == 512, "one directory sector holds four entries"
    return bytes(header) + fat + directory

"""Every bad file ends in its F-code, in a killable child, quickly: never a traceback or a hang."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from extractor import ExtractError, Limits, extract_isolated
from extractor.sandbox import run_isolated

# A hang turns into F005 within this, instead of stalling the suite.
QUICK = Limits(seconds=60)

BAD = [
    ("zero-byte.docx", "F001"),
    ("truncated.docx", "F001"),
    ("random-bytes.pdf", "F001"),
    ("text-named-as.docx", "F001"),
    ("not-a-docx.zip.docx", "F001"),
    ("zip-bomb.docx", "F005"),
    ("many-pages.pdf", "F005"),
    ("truncated.pdf", "F001"),
]


@pytest.mark.parametrize(("name", "code"), BAD)
def test_bad_file_gives_its_code(samples_dir: Path, name: str, code: str) -> None:
    with pytest.raises(ExtractError) as err:
        extract_isolated(samples_dir / name, limits=QUICK)
    assert err.value.code == code, err.value.message
    assert "Traceback" not in err.value.message


def test_billion_laughs_is_neither_expanded_nor_leaking(samples_dir: Path) -> None:
    try:
        doc = extract_isolated(samples_dir / "xxe-billion-laughs.docx", limits=QUICK)
    except ExtractError as e:
        assert e.code == "F001"
        return
    text = doc.text()
    assert "lollol" not in text
    assert "root:" not in text


def test_docx_named_pdf_is_read_as_docx(samples_dir: Path) -> None:
    doc = extract_isolated(samples_dir / "docx-named-as.pdf", limits=QUICK)
    assert doc.meta.format == "docx"
    assert [h.title for h in doc.headings() if h.level == 1][:2] == ["集群总体情况", "集群企业发展情况"]


def test_file_over_size_limit_is_refused_before_reading(samples_dir: Path) -> None:
    with pytest.raises(ExtractError) as err:
        extract_isolated(samples_dir / "bench_45pages.pdf", limits=Limits(max_bytes=10_000))
    assert err.value.code == "F005"


def test_declared_zip_sizes_are_checked(samples_dir: Path) -> None:
    with pytest.raises(ExtractError) as err:
        extract_isolated(samples_dir / "bench_45pages.docx", limits=Limits(max_unzipped_bytes=50_000))
    assert err.value.code == "F005"


def test_a_parser_that_runs_too_long_is_killed(samples_dir: Path) -> None:
    t0 = time.monotonic()
    with pytest.raises(ExtractError) as err:
        extract_isolated(samples_dir / "bench_45pages.pdf", limits=Limits(seconds=0.05))
    assert err.value.code == "F005"
    assert "处理超时" in err.value.message
    assert time.monotonic() - t0 < 5


def test_a_parser_that_inflates_past_the_memory_cap_is_stopped(samples_dir: Path) -> None:
    """The zip bomb with the zip checks switched off: inflating 40 MB under a 16 MB cap."""
    limits = Limits(memory_mb=16, max_zip_ratio=10**9, max_unzipped_bytes=10**12, seconds=60)
    with pytest.raises(ExtractError) as err:
        extract_isolated(samples_dir / "zip-bomb.docx", limits=limits)
    assert err.value.code == "F005"
    assert "内存" in err.value.message


# --- the sandbox itself ------------------------------------------------------------------------

def _allocate(mb: int) -> int:
    return len(bytearray(mb * 1024 * 1024))


def _fail_with(code: str) -> None:
    raise ExtractError(code, "来自子进程", part="word/document.xml")


def _divide() -> float:
    return 1 / 0


def _spawn_and_hang(pid_file: str) -> None:
    child = subprocess.Popen(["sleep", "60"])
    Path(pid_file).write_text(str(child.pid))
    time.sleep(60)


def test_memory_cap() -> None:
    assert run_isolated(_allocate, (64,), Limits(memory_mb=256)) == 64 * 1024 * 1024
    with pytest.raises(ExtractError) as err:
        run_isolated(_allocate, (512,), Limits(memory_mb=64))
    assert err.value.code == "F005"
    assert err.value.message == "内存超过上限（64 MB）"


def test_extract_error_crosses_back_as_is() -> None:
    with pytest.raises(ExtractError) as err:
        run_isolated(_fail_with, ("F002",), Limits())
    assert (err.value.code, err.value.message, err.value.detail) == ("F002", "来自子进程", {"part": "word/document.xml"})


def test_other_exceptions_become_f001() -> None:
    with pytest.raises(ExtractError) as err:
        run_isolated(_divide, (), Limits())
    assert err.value.code == "F001"
    assert "ZeroDivisionError" in err.value.message


def test_timeout_kills_the_childs_children(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    with pytest.raises(ExtractError) as err:
        run_isolated(_spawn_and_hang, (str(pid_file),), Limits(seconds=3))
    assert err.value.code == "F005"
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][:1] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        return os.path.exists(f"/proc/{pid}")

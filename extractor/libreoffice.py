"""Running LibreOffice on a stranger's file, and leaving nothing of it behind.

Each conversion gets a directory of its own for the input, the output, a private LibreOffice
profile (a copy of one an earlier conversion initialised: parallel conversions must neither share
nor lock one, and a used profile starts about a second faster) and LibreOffice's own temp files
(its TMPDIR). LibreOffice runs in a process group of its own, killed with all its children at the
time limit.

A `finally` cannot promise that the directory goes: the sandbox SIGKILLs a parsing child that
overruns, and a killed process cleans nothing up. So the directories live under one root per user,
each named after the process that made it (pid and start time, so that a recycled pid does not
pass for its owner), and every conversion first removes those whose owner is gone. LibreOffice's
IPC socket, which it puts in /tmp whatever TMPDIR says and removes only on a normal exit, goes
with its directory.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

from extractor.base import OVER_LIMIT, UNREADABLE, UNSUPPORTED, ExtractError, Limits
from extractor.sandbox import exec_memory_cap, kill_tree

INSTALL_HINT = "apt-get install libreoffice-writer libreoffice-calc，或运行 scripts/setup"
SOFFICE_MIN_MB = 2048  # LibreOffice maps ~500 MB of address space converting a 45-page report
_SEED = "seed-profile"  # under the root; not named after a process, so never swept


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(data: bytes, suffix: str, target: str, limits: Limits,
                        infilter: str | None = None) -> bytes:
    """Convert bytes with `soffice --headless --convert-to TARGET`; the converted file's bytes.

    F003 when LibreOffice is not installed, F005 past limits.seconds, F001 when it produced nothing.
    """
    soffice = soffice_path()
    if soffice is None:
        raise ExtractError(UNSUPPORTED, f"无法读取 .{suffix} 文件：服务器未安装 LibreOffice（{INSTALL_HINT}）",
                           missing="soffice")
    sweep()
    work = _work_dir()
    try:
        src = work / f"input.{suffix}"
        src.write_bytes(data)
        profile = work / "profile"
        _seed_profile(profile)
        (work / "tmp").mkdir()
        cmd = [soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               f"-env:UserInstallation={profile.as_uri()}"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", target, "--outdir", str(work / "out"), str(src)]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=work, env=os.environ | {"TMPDIR": str(work / "tmp")}, process_group=0,
                                preexec_fn=exec_memory_cap(max(2 * limits.memory_mb, SOFFICE_MIN_MB)))
        try:
            _, err = proc.communicate(timeout=limits.seconds)
        except subprocess.TimeoutExpired:
            kill_tree(proc.pid)
            proc.communicate()
            raise ExtractError(OVER_LIMIT, f"处理超时（>{limits.seconds:g}s）：LibreOffice 转换 .{suffix} 未完成",
                               limit="seconds", expected=limits.seconds) from None
        out = work / "out" / f"input.{target}"
        if not out.is_file():
            said = err.decode("utf-8", "replace").strip().splitlines()
            detail = f"：{said[-1][:200]}" if said else ""
            raise ExtractError(UNREADABLE, f"LibreOffice 无法转换该 .{suffix} 文件（可能已损坏或设有密码）{detail}")
        converted = out.read_bytes()
        if proc.returncode == 0:
            _keep_seed(profile)
        return converted
    finally:
        _remove(work)


def scratch_root() -> Path:
    return Path(tempfile.gettempdir()) / f"clustercheck-office-{os.getuid()}"


def sweep() -> None:
    """Remove the work directories of processes that are gone (killed in the middle of a conversion)."""
    try:
        entries = list(scratch_root().iterdir())
    except OSError:
        return
    for entry in entries:
        pid, _, rest = entry.name.partition("-")
        if pid.isdigit() and _owner_tag(int(pid)) != f"{pid}-{rest.split('-', 1)[0]}":
            _remove(entry)


def _work_dir() -> Path:
    root = scratch_root()
    with contextlib.suppress(FileExistsError):
        root.mkdir(mode=0o700)
    st = root.lstat()
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():  # another user's: never work inside it
        return Path(tempfile.mkdtemp(prefix="clustercheck-office-"))
    return Path(tempfile.mkdtemp(prefix=f"{_owner_tag(os.getpid())}-", dir=root))


def _owner_tag(pid: int) -> str | None:
    """"<pid>-<start time>" of a running process; None once it has exited (a zombie included)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    if fields[0] in (b"Z", b"X"):
        return None
    return f"{pid}-{int(fields[19])}"  # fields[0] is stat field 3 (state); starttime is field 22


def _remove(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
    with contextlib.suppress(OSError):
        ipc_socket(work / "profile").unlink()


def ipc_socket(profile: Path) -> Path:
    """The socket LibreOffice's single-instance IPC listens on for `profile`: /tmp/OSL_PIPE_<uid>_
    SingleOfficeIPC_<MD5 of the profile URL as UTF-16, each byte in hex without zero padding>."""
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    return Path("/tmp") / f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{''.join(f'{b:x}' for b in digest)}"


def _seed_profile(profile: Path) -> None:
    seed = scratch_root() / _SEED
    if seed.is_dir():
        with contextlib.suppress(OSError):
            shutil.copytree(seed, profile, symlinks=True)


def _keep_seed(profile: Path) -> None:
    """Publish a profile LibreOffice has initialised as the seed, if there is none yet. A rename is
    atomic and fails onto an existing seed, so racing conversions cannot leave half a profile."""
    seed = scratch_root() / _SEED
    if not seed.exists():
        with contextlib.suppress(OSError):
            os.rename(profile, seed)

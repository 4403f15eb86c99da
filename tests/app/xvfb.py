"""A virtual X display for tests of OpenGL widgets (they do not render on the offscreen platform).

:func:`xvfb_display` starts ``Xvfb`` on a free display number and yields ``":N"``; the server is stopped
afterwards. If the binary is missing and we are root with ``apt-get``, the X server and the xcb libraries
Qt's xcb platform needs are installed once (quietly, bounded in time). Where none of that is possible the
test is skipped with the reason.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

APT_PACKAGES = ["xvfb", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0",
                "libxcb-xinerama0", "libxcb-xkb1", "libxkbcommon-x11-0", "libxcb-cursor0", "libgl1",
                "libegl1"]
INSTALL_TIMEOUT_S = 300
START_TIMEOUT_S = 10
_install_error: str | None = None  # remembered so that a failed install is tried once per session


def _install() -> str | None:
    """Install Xvfb and the xcb libraries with apt-get; returns an error message, or None on success."""
    global _install_error
    if _install_error is not None:
        return _install_error
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("apt-get") is None:
        _install_error = "Xvfb is not installed (and we are not root with apt-get to install it)"
        return _install_error
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    lock = ["-o", "DPkg::Lock::Timeout=120"]  # other processes may be using apt at the same time
    update = ["apt-get", *lock, "update", "-qq"]
    install = ["apt-get", *lock, "install", "-y", "-qq", "--no-install-recommends", *APT_PACKAGES]
    try:
        # a failed `update` may still leave usable package lists: only the install decides
        subprocess.run(update, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S)
        done = subprocess.run(install, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        _install_error = f"installing Xvfb failed: {exc}"
        return _install_error
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        _install_error = f"installing Xvfb failed: {tail[0]}"
        return _install_error
    if shutil.which("Xvfb") is None:
        _install_error = "apt-get ran but no Xvfb binary appeared"
    return _install_error


def _free_display() -> int:
    """A display number with neither a lock file nor a socket."""
    for n in range(99, 400):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise RuntimeError("no free X display number between 99 and 399")


def _start(binary: str) -> tuple[subprocess.Popen, str] | str:
    """Start Xvfb; (process, ":N") once its socket exists, or an error message."""
    last = "?"
    for _attempt in range(3):  # another test run may grab the same number between our check and its start
        n = _free_display()
        proc = subprocess.Popen([binary, f":{n}", "-screen", "0", "1024x768x24", "-nolisten", "tcp",
                                 "+extension", "GLX", "-noreset"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                return proc, f":{n}"
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        if proc.poll() is None:
            proc.kill()
        last = (proc.communicate()[1] or b"").decode(errors="replace").strip().splitlines()[-1:] or ["timed out"]
        last = last[0]
    return f"Xvfb did not start: {last}"


@contextlib.contextmanager
def xvfb_display():
    """Yield the DISPLAY (":N") of a fresh Xvfb server; ``pytest.skip`` with the reason where there can be none."""
    binary = shutil.which("Xvfb")
    if binary is None:
        error = _install()
        if error:
            pytest.skip(error)
        binary = shutil.which("Xvfb")
    started = _start(binary)
    if isinstance(started, str):
        pytest.skip(started)
    proc, display = started
    try:
        yield display
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

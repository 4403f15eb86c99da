"""Stray temporaries after a killed write (issue 18 item 2): the next write into the folder, by a later process,
removes them; a live writer's temporary and anything not of our naming are left alone."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine import atomic

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kills processes with POSIX signals")

# A writer that starts an atomic write, writes 600 KB, says so, and waits to be killed.
HANGING_WRITER = """
import sys, time
from engine.atomic import atomic_write
with atomic_write(sys.argv[1]) as out:
    out.write(b"x" * 600_000)
    out.flush()
    print("writing", flush=True)
    time.sleep(600)
"""
# A later process that saves a scene into the same folder.
SAVER = """
import sys
from engine import scene
scene.save(scene.load(sys.argv[1]), sys.argv[2])
"""
EXAMPLE = ROOT / "app" / "resources" / "scenes" / "himmelblau-four-basins.json"


def _partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


def _start_writer(target: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HANGING_WRITER, str(target)], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "writing"
    return proc


def _save_in_new_process(folder: Path) -> None:
    subprocess.run([sys.executable, "-c", SAVER, str(EXAMPLE), str(folder / "next.json")], cwd=ROOT, check=True,
                   timeout=120)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_writers_temporary_is_removed_by_the_next_write(tmp_path, sig):
    target = tmp_path / "scene.json"
    target.write_text("the old scene")
    proc = _start_writer(target)
    proc.send_signal(sig)
    proc.wait(timeout=30)
    stray = _partials(tmp_path)
    assert len(stray) == 1 and stray[0].startswith(".scene.json.") and str(proc.pid) in stray[0]
    assert (tmp_path / stray[0]).stat().st_size == 600_000
    _save_in_new_process(tmp_path)
    assert _partials(tmp_path) == []
    assert target.read_text() == "the old scene" and (tmp_path / "next.json").exists()


def test_a_live_writers_temporary_is_kept(tmp_path):
    proc = _start_writer(tmp_path / "scene.json")
    try:
        _save_in_new_process(tmp_path)
        assert len(_partials(tmp_path)) == 1   # its owner is still writing
    finally:
        proc.kill()
        proc.wait(timeout=30)


def test_only_our_naming_is_touched(tmp_path):
    """Old files that merely look similar, a symlink of our naming and a fresh legacy temporary stay."""
    keep = [".notes.partial", "data.1.deadbeef.partial", ".a.json.xyz.partial", ".a.json.deadbeef.partial.bak"]
    for name in keep:
        (tmp_path / name).write_text("mine")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("do not follow")
    (tmp_path / ".link.json.1.0123abcd.partial").symlink_to(elsewhere)
    fresh_legacy = tmp_path / ".b.json.0123abcd.partial"
    fresh_legacy.write_text("legacy, recent")
    old_legacy = tmp_path / ".c.json.89abcdef.partial"
    old_legacy.write_text("legacy, two hours old")
    dead = tmp_path / f".d.json.{_dead_pid()}.0123abcd.partial"
    dead.write_text("owner gone")
    hour_ago = time.time() - 7200
    for path in [*(tmp_path / n for n in keep), old_legacy, dead]:
        os.utime(path, (hour_ago, hour_ago))
    os.utime(fresh_legacy, (atomic._STARTED - 60, atomic._STARTED - 60))   # before this process, but recent
    removed = atomic.remove_stale_partials(tmp_path)
    assert sorted(p.name for p in removed) == sorted([old_legacy.name, dead.name])
    assert all((tmp_path / n).exists() for n in keep) and fresh_legacy.exists() and elsewhere.read_text()
    assert (tmp_path / ".link.json.1.0123abcd.partial").is_symlink()


def test_own_live_temporary_is_kept(tmp_path):
    target = atomic.AtomicFile(tmp_path / "x.json")
    os.utime(target.tmp_path, (0, 0))   # even when it looks ancient
    atomic.remove_stale_partials(tmp_path)
    assert target.tmp_path.exists()
    target.discard()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid

"""Streaming encoders and atomic writes: read every format back with an independent decoder (PyAV, Pillow)."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from app.export import encoders
from engine import atomic
from engine.atomic import WriteError, atomic_write
from app.export.encoders import Cancelled, EncoderError, export_frames, open_writer

W, H, N = 320, 240, 12
YELLOW = (255, 220, 0)


def square_frame(i: int, w: int = W, h: int = H, channels: int = 3) -> np.ndarray:
    """A horizontal red ramp with a yellow 40×40 square moving right by 20 px per frame."""
    frame = np.zeros((h, w, channels), np.uint8)
    frame[..., 0] = np.linspace(0, 255, w).astype(np.uint8)[None, :]
    frame[..., 2] = 60
    if channels == 4:
        frame[..., 3] = 255
    frame[40:80, 10 + 20 * i:50 + 20 * i, :3] = YELLOW
    return frame


def frames(n: int = N, **kw) -> list[np.ndarray]:
    return [square_frame(i, **kw) for i in range(n)]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def gif_blocks(data: bytes) -> tuple[bool, list[bool]]:
    """(has a global colour table, [has a local colour table] per image) by walking the GIF blocks."""
    assert data[:6] == b"GIF89a"
    flags = data[10]
    at = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    local = []
    while data[at] != 0x3B:
        if data[at] == 0x21:                    # extension: label, then sub-blocks
            at += 2
        else:                                   # image descriptor (10 bytes), optional table, LZW min size
            assert data[at] == 0x2C
            packed = data[at + 9]
            local.append(bool(packed & 0x80))
            at += 10 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0) + 1
        while data[at]:
            at += data[at] + 1
        at += 1
    return bool(flags & 0x80), local


# ---------------------------------------------------------------------------------------------------- formats
def test_mp4_has_the_frames_size_rate_and_duration(tmp_path):
    path = export_frames(frames(), tmp_path / "a.mp4", fps=30)
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.name, stream.codec_context.pix_fmt) == ("h264", "yuv420p")
        assert (stream.width, stream.height) == (W, H) and stream.average_rate == 30
        decoded = [f.to_ndarray(format="rgb24") for f in container.decode(stream)]
        assert len(decoded) == N
        assert container.duration / av.time_base == pytest.approx(N / 30, abs=1e-3)
    first = decoded[0].astype(int)
    assert np.abs(first - square_frame(0)).mean() < 4           # lossy, but close
    assert np.abs(first[60, 30] - YELLOW).max() < 20             # the square is where it was drawn
    assert np.abs(decoded[5][60, 130].astype(int) - YELLOW).max() < 20


def test_mp4_refuses_odd_sizes_and_leaves_nothing(tmp_path):
    with pytest.raises(EncoderError, match=r"even width and height, got 321×240; use 320×240"):
        open_writer(tmp_path / "odd.mp4", size=(321, 240))
    assert files_in(tmp_path) == []


def test_mp4_accepts_rgba_frames(tmp_path):
    path = export_frames(frames(3, channels=4), tmp_path / "a.mp4", fps=10)
    with av.open(str(path)) as container:
        assert sum(1 for _ in container.decode(video=0)) == 3


def test_gif_has_one_global_palette_the_frames_and_whole_hundredth_delays(tmp_path):
    path = export_frames(frames(), tmp_path / "a.gif", fps=30)
    has_global, local = gif_blocks(path.read_bytes())
    assert has_global and local == [False] * N
    with Image.open(path) as gif:
        assert (gif.n_frames, gif.size, gif.info["loop"]) == (N, (W, H), 0)
        for i in range(N):
            gif.seek(i)
            assert gif.info["duration"] == [30, 40, 30][i % 3]    # 3.33 hundredths a frame: 3, 4, 3, ...
            pixels = np.asarray(gif.convert("RGB")).astype(int)
            assert np.abs(pixels - square_frame(i)).max() <= 12   # 256 colours for a smooth ramp


@pytest.mark.parametrize("fps, frames, shown", [(30, 90, 30), (24, 48, 24), (25, 50, 25), (10, 20, 10),
                                                (60, 100, 50), (100, 100, 50), (0.5, 3, 0.5), (29.97, 300, 29.97)])
def test_gif_total_duration_is_exact_within_a_hundredth(tmp_path, fps, frames, shown):
    """GIF delays are whole hundredths: they alternate so the whole animation lasts frames / fps (the last frame
    ends within half a hundredth of it); above 50 fps a GIF shows 50 frames a second."""
    with open_writer(tmp_path / "a.gif", size=(W, H), fps=fps) as writer:
        for i in range(frames):
            writer.write(square_frame(i % N))
    assert writer.actual_fps == pytest.approx(shown)
    with Image.open(tmp_path / "a.gif") as gif:
        delays = []
        for i in range(gif.n_frames):
            gif.seek(i)
            delays.append(gif.info["duration"])
    assert len(delays) == frames and min(delays) >= 20
    assert abs(sum(delays) - 1000 * frames / shown) <= 5          # milliseconds: half a hundredth
    assert max(delays) - min(delays) <= 10                         # a steady rhythm: neighbouring hundredths


def test_apng_is_lossless_with_the_frames_and_delay(tmp_path):
    path = export_frames(frames(), tmp_path / "a.apng", fps=30)
    with Image.open(path) as png:
        assert (png.format, png.n_frames, png.size, png.info["loop"]) == ("PNG", N, (W, H), 0)
        for i in range(N):
            png.seek(i)
            assert png.info["duration"] == pytest.approx(1000 / 30)
            assert np.array_equal(np.asarray(png.convert("RGB")), square_frame(i))


def test_apng_keeps_alpha(tmp_path):
    rgba = frames(3, channels=4)
    rgba[1][100:120, 100:120, 3] = 0
    path = export_frames(rgba, tmp_path / "a.png", fmt="apng", fps=5)
    with Image.open(path) as png:
        png.seek(1)
        assert np.array_equal(np.asarray(png.convert("RGBA")), rgba[1])


def test_png_is_one_exact_frame(tmp_path):
    path = export_frames(frames(1), tmp_path / "still.png")
    with Image.open(path) as png:
        assert np.array_equal(np.asarray(png.convert("RGB")), square_frame(0))
        assert getattr(png, "n_frames", 1) == 1


def test_png_refuses_a_second_frame_and_leaves_nothing(tmp_path):
    with pytest.raises(EncoderError, match="one frame"):
        export_frames(frames(2), tmp_path / "still.png")
    assert files_in(tmp_path) == []


# ---------------------------------------------------------------------------------------- abort and cancel
@pytest.mark.parametrize("suffix", [".mp4", ".gif", ".apng", ".png"])
def test_abort_midway_leaves_no_file_and_keeps_the_old_one(tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    path.write_bytes(b"previous export")
    writer = open_writer(path, size=(W, H), fps=30)
    writer.write(square_frame(0))
    writer.abort()
    writer.abort()                                               # twice is fine
    assert path.read_bytes() == b"previous export" and files_in(tmp_path) == [path.name]


@pytest.mark.parametrize("suffix", [".mp4", ".gif", ".apng"])
def test_exception_in_the_with_block_aborts(tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    with pytest.raises(KeyboardInterrupt):
        with open_writer(path, size=(W, H)) as writer:
            writer.write(square_frame(0))
            raise KeyboardInterrupt
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("suffix", [".mp4", ".gif", ".apng"])
def test_progress_returning_false_cancels(tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    path.write_bytes(b"old")
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return done < 5

    with pytest.raises(Cancelled):
        export_frames(frames(), path, progress=progress, total=N)
    assert calls == [(i, N) for i in range(1, 6)]
    assert path.read_bytes() == b"old" and files_in(tmp_path) == [path.name]


def test_cancel_raised_by_the_frame_source_aborts(tmp_path):
    def source():
        yield square_frame(0)
        raise Cancelled("user pressed cancel")

    with pytest.raises(Cancelled):
        export_frames(source(), tmp_path / "a.gif")
    assert files_in(tmp_path) == []


def test_a_completed_export_replaces_the_old_file(tmp_path):
    path = tmp_path / "a.gif"
    path.write_bytes(b"old")
    export_frames(frames(2), path, progress=lambda done, total: None)
    with Image.open(path) as gif:
        assert gif.n_frames == 2


# ------------------------------------------------------------------------------------------------- bad input
def test_bad_frames_are_refused_with_what_was_expected(tmp_path):
    with pytest.raises(EncoderError, match=r"frame 1: expected a uint8 array of shape \(240, 320, 3 or 4\), "
                                           r"got float64 array of shape \(240, 320, 3\)"):
        with open_writer(tmp_path / "a.apng", size=(W, H)) as writer:
            writer.write(square_frame(0))
            writer.write(square_frame(1).astype(float))
    with pytest.raises(EncoderError, match=r"got uint8 array of shape \(240, 321, 3\)"):
        export_frames([square_frame(0), square_frame(0, w=321)], tmp_path / "a.gif")
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("kwargs, message", [
    ({"path": "a.webm"}, "cannot tell the format"),
    ({"fmt": "avi"}, "unknown format 'avi'"),
    ({"size": (0, 10)}, "size must be between"),
    ({"size": (10.5, 10)}, "size must be"),
    ({"fps": 0}, "fps must be"),
    ({"fps": float("nan")}, "fps must be"),
    ({"crf": 80}, "crf must be"),
    ({"quality": 3}, "unknown mp4 option 'quality'"),
])
def test_bad_arguments_are_refused_and_leave_nothing(tmp_path, kwargs, message):
    args = {"path": "a.mp4", "size": (W, H), "fps": 30, **kwargs}
    args["path"] = tmp_path / args["path"]
    with pytest.raises(EncoderError, match=message):
        open_writer(**args)
    assert files_in(tmp_path) == []


def test_closing_without_frames_is_an_error_and_leaves_nothing(tmp_path):
    writer = open_writer(tmp_path / "a.mp4", size=(W, H))
    with pytest.raises(EncoderError, match="no frames"):
        writer.close()
    with pytest.raises(EncoderError, match="no frames"):
        export_frames([], tmp_path / "b.gif")
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("suffix", [".mp4", ".gif", ".apng", ".png"])
def test_unwritable_folder_gives_a_clear_write_error(tmp_path, suffix):
    # Tests run as root (chmod 555 would not stop us): a "folder" that is a regular file cannot hold files.
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WriteError, match=rf"cannot write to {blocker}/a{suffix}: not a directory"):
        export_frames(frames(2), blocker / f"a{suffix}")


def test_disk_full_while_encoding_gives_write_error_and_leaves_nothing(tmp_path, monkeypatch):
    def full(self, frame):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(encoders.GifWriter, "_write", full)
    with pytest.raises(WriteError, match="no space left on device"):
        export_frames(frames(2), tmp_path / "a.gif")
    assert files_in(tmp_path) == []


# ----------------------------------------------------------------------------------------------- atomic_write
def test_atomic_write_replaces_only_when_complete(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old")
    with atomic_write(path, "w") as out:
        out.write("new")
        temporaries = [p.name for p in tmp_path.iterdir() if p.name != "a.txt"]
        assert path.read_text() == "old"
        assert len(temporaries) == 1 and temporaries[0].startswith(".a.txt.") and temporaries[0].endswith(".partial")
    assert path.read_text() == "new" and files_in(tmp_path) == ["a.txt"]


@pytest.mark.parametrize("exception", [KeyboardInterrupt, Cancelled, RuntimeError])
def test_atomic_write_removes_the_temporary_on_any_exception(tmp_path, exception):
    path = tmp_path / "a.bin"
    path.write_bytes(b"old")
    with pytest.raises(exception):
        with atomic_write(path) as out:
            out.write(b"half")
            raise exception()
    assert path.read_bytes() == b"old" and files_in(tmp_path) == ["a.bin"]


def test_atomic_write_turns_os_errors_into_write_errors(tmp_path, monkeypatch):
    path = tmp_path / "a.bin"
    path.write_bytes(b"old")

    def broken_fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(WriteError, match=rf"cannot write to {path}: no space left on device"):
        with atomic_write(path) as out:
            out.write(b"new")
    assert path.read_bytes() == b"old" and files_in(tmp_path) == ["a.bin"]


def test_atomic_write_permission_denied_and_missing_folder(tmp_path, monkeypatch):
    with pytest.raises(WriteError, match="no such file or directory"):
        with atomic_write(tmp_path / "x" / "y" / "a.bin"):
            pass

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(atomic.os, "open", refuse)
    with pytest.raises(WriteError, match=r"cannot write to .*a\.bin: permission denied"):
        with atomic_write(tmp_path / "a.bin"):
            pass
    assert files_in(tmp_path) == []


def test_atomic_write_new_file_gets_normal_permissions(tmp_path):
    with atomic_write(tmp_path / "a.bin") as out:
        out.write(b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "a.bin").stat().st_mode & 0o777 == 0o666 & ~umask

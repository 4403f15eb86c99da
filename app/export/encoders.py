"""Streaming animation writers: NumPy frames in, MP4 / GIF / APNG / PNG out (no Qt).

    with open_writer("out.mp4", size=(1280, 720), fps=30) as writer:
        for frame in frames:            # (h, w, 3 or 4) uint8 arrays, RGB(A)
            writer.write(frame)
    # leaving the block normally closes (finishes) the file; an exception aborts it

Every writer writes through :class:`app.atomic.AtomicFile`: the target appears only when complete; ``abort()``,
an error or a cancel leave no file and keep an existing one untouched. Frames are streamed, never all held:

- **MP4**: H.264 (libx264 via PyAV), yuv420p, ``crf`` 20, ``preset`` "veryfast"; frame i has pts i / fps, so the
  duration is frames / fps. yuv420p needs even width and height: odd sizes are refused (EncoderError), not rounded.
- **GIF**: one global palette, built by median cut from a sample of *every* frame. Frames are spooled raw to an
  unnamed temporary file in the target's folder (on disk, not in memory; w·h·3 bytes each) and quantised in a second
  pass at ``close()`` — without dithering, which would flicker and bloat frame-to-frame deltas. Each frame stores only
  the rectangle that changed. Delays are whole hundredths of a second, so frame i waits
  ``round(100·(i+1)/fps) − round(100·i/fps)``: 3, 4, 3, 3, 4, 3 … for 30 fps, and the animation lasts frames/fps to
  within half a hundredth. Delays never go below 2 (browsers slow shorter ones down to 10): above 50 fps a GIF plays
  at 50 (``actual_fps``). Loops forever. Alpha is dropped.
- **APNG**: each frame's changed rectangle is PNG-compressed by Pillow as it arrives and appended; the frame count in
  the header is patched at ``close()``. Delay 1/fps exactly (as a fraction), loops forever.
- **PNG**: exactly one frame.
"""
from __future__ import annotations

import os
import struct
import tempfile
import zlib
from fractions import Fraction
from io import BytesIO
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

import numpy as np
from PIL import GifImagePlugin, Image

from app.export.writer_base import (MAX_FPS, MAX_SIDE, Cancelled, EncoderError, Writer,  # noqa: F401 - re-exported
                                    _changed_box)
from engine.atomic import WriteError  # noqa: F401 - re-exported

Progress = Callable[[int, Optional[int]], Optional[bool]]
"""``progress(done, total)`` after each frame (total None when unknown); returning False cancels the export."""

SUFFIXES = {".mp4": "mp4", ".gif": "gif", ".apng": "apng", ".png": "png"}


class Mp4Writer(Writer):
    """H.264 in MP4 via PyAV (see the module docstring). Options: crf (0..51, lower = better), preset (x264's)."""

    fmt = "mp4"
    options = ("crf", "preset")

    def _start(self, crf: int = 20, preset: str = "veryfast") -> None:
        import av

        w, h = self.size
        if w % 2 or h % 2:
            raise EncoderError(f"MP4 (H.264, yuv420p) needs an even width and height, got {w}×{h}; "
                               f"use {w - w % 2}×{h - h % 2}")
        if isinstance(crf, bool) or not isinstance(crf, int) or not 0 <= crf <= 51:
            raise EncoderError(f"crf must be an integer in 0..51, got {crf!r}")
        self._rate = Fraction(self.fps).limit_denominator(1001)
        self._container = av.open(str(self._target.tmp_path), "w", format="mp4",
                                  options={"movflags": "+faststart"})
        stream = self._container.add_stream("libx264", rate=self._rate)
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.time_base = 1 / self._rate
        stream.options = {"crf": str(crf), "preset": str(preset)}
        self._stream = stream

    def _write(self, frame: np.ndarray) -> None:
        import av

        video = av.VideoFrame.from_ndarray(frame, format="rgb24" if frame.shape[2] == 3 else "rgba")
        video.pts, video.time_base = self.frames, 1 / self._rate
        self._container.mux(self._stream.encode(video))

    def _finish(self) -> None:
        self._container.mux(self._stream.encode(None))
        self._container.close()

    def _cleanup(self) -> None:
        try:
            self._container.close()
        except Exception:  # closing a half-written container may complain; the file is removed anyway
            pass


class GifWriter(Writer):
    """GIF with one global palette from a sample of all frames, two passes over an on-disk spool (module docstring)."""

    fmt = "gif"
    SAMPLE_PIXELS = 1_000_000  # colours kept for the palette, spread over all frames

    def _start(self) -> None:
        self.rate = min(self.fps, 50.0)  # frames per second a GIF can show (delays ≥ 2 hundredths)
        self._spool = tempfile.TemporaryFile(dir=self.path.parent, prefix=f".{self.path.name[:100]}.", suffix=".spool")
        self._samples: list[np.ndarray] = []
        self._every = 1  # keep a sample of every n-th frame

    @property
    def actual_fps(self) -> float:
        return self.rate

    def delay(self, i: int) -> int:
        """Hundredths of a second that frame ``i`` is shown: the rounding error never adds up."""
        return max(2, round(100 * (i + 1) / self.rate) - round(100 * i / self.rate))

    def _write(self, frame: np.ndarray) -> None:
        rgb = np.ascontiguousarray(frame[:, :, :3])
        self._spool.write(rgb.data)
        if self.frames % self._every == 0:
            self._samples.append(rgb[::8, ::8].reshape(-1, 3).copy())
            if sum(len(s) for s in self._samples) > self.SAMPLE_PIXELS:  # thin out: keep every other sample
                self._samples, self._every = self._samples[::2], self._every * 2

    def _palette(self) -> Image.Image:
        colours = np.concatenate(self._samples)[None, :, :]
        quantised = Image.fromarray(colours, "RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
        palette = quantised.getpalette()[:768]
        image = Image.new("P", (1, 1))
        image.putpalette(palette + [0] * (768 - len(palette)))
        return image

    def _finish(self) -> None:
        palette = self._palette()
        w, h = self.size
        out = self._target.open("wb")
        out.write(b"GIF89a" + struct.pack("<HHBBB", w, h, 0xF7, 0, 0) + bytes(palette.getpalette()[:768]))
        out.write(b"!\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", 0) + b"\x00")  # loop forever
        self._spool.seek(0)
        previous = None
        for i in range(self.frames):
            rgb = np.frombuffer(self._spool.read(w * h * 3), np.uint8).reshape(h, w, 3)
            indices = Image.fromarray(rgb, "RGB").quantize(palette=palette, dither=Image.Dither.NONE)
            array = np.asarray(indices)
            x0, y0, x1, y1 = (0, 0, w, h) if previous is None else _changed_box(array, previous)
            for chunk in GifImagePlugin.getdata(indices.crop((x0, y0, x1, y1)), offset=(x0, y0),
                                                duration=self.delay(i) * 10, disposal=1):
                out.write(chunk)
            previous = array
        out.write(b";")
        self._spool.close()

    def _cleanup(self) -> None:
        self._spool.close()


class ApngWriter(Writer):
    """Animated PNG, frame deltas compressed by Pillow as they arrive. Option: compress_level (0..9, default 6)."""

    fmt = "apng"
    options = ("compress_level",)

    def _start(self, compress_level: int = 6) -> None:
        if isinstance(compress_level, bool) or compress_level not in range(10):
            raise EncoderError(f"compress_level must be an integer in 0..9, got {compress_level!r}")
        self._level = compress_level
        self._out = self._target.open("wb")
        self._previous: np.ndarray | None = None
        self._sequence = 0
        delay = Fraction(1 / self.fps).limit_denominator(65535)
        if delay.numerator > 65535:  # slower than one frame in 18 hours: the longest delay APNG can say
            delay = Fraction(65535, 1)
        self._delay = (delay.numerator, delay.denominator)

    def _chunk(self, kind: bytes, data: bytes) -> None:
        self._out.write(struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data)))

    def _write(self, frame: np.ndarray) -> None:
        if self._previous is not None and frame.shape[2] != self._previous.shape[2]:
            raise EncoderError(f"frame {self.frames}: {frame.shape[2]} channels, the first frame had "
                               f"{self._previous.shape[2]}")
        x0, y0, x1, y1 = (0, 0, *self.size) if self._previous is None else _changed_box(frame, self._previous)
        buffer = BytesIO()
        Image.fromarray(frame[y0:y1, x0:x1]).save(buffer, format="PNG", compress_level=self._level)
        chunks = _png_chunks(buffer.getvalue())
        if self._previous is None:
            self._out.write(b"\x89PNG\r\n\x1a\n")
            self._chunk(b"IHDR", chunks[0][1])
            self._actl_at = self._out.tell()
            self._chunk(b"acTL", struct.pack(">II", 0, 0))
        self._chunk(b"fcTL", struct.pack(">IIIIIHHBB", self._sequence, x1 - x0, y1 - y0, x0, y0, *self._delay, 0, 0))
        self._sequence += 1
        for kind, data in chunks:
            if kind == b"IDAT" and self.frames == 0:
                self._chunk(b"IDAT", data)
            elif kind == b"IDAT":
                self._chunk(b"fdAT", struct.pack(">I", self._sequence) + data)
                self._sequence += 1
        self._previous = frame

    def _finish(self) -> None:
        self._chunk(b"IEND", b"")
        self._out.seek(self._actl_at)
        self._chunk(b"acTL", struct.pack(">II", self.frames, 0))  # frame count, 0 = loop forever
        self._out.seek(0, os.SEEK_END)


def _png_chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, data) chunks of a PNG file."""
    chunks, at = [], 8
    while at < len(png):
        (length,), kind = struct.unpack(">I", png[at:at + 4]), png[at + 4:at + 8]
        chunks.append((kind, png[at + 8:at + 8 + length]))
        at += 12 + length
    return chunks


class PngWriter(Writer):
    """A single still PNG. Option: compress_level (0..9, default 6)."""

    fmt = "png"
    options = ("compress_level",)

    def _start(self, compress_level: int = 6) -> None:
        if isinstance(compress_level, bool) or compress_level not in range(10):
            raise EncoderError(f"compress_level must be an integer in 0..9, got {compress_level!r}")
        self._level = compress_level

    def _write(self, frame: np.ndarray) -> None:
        if self.frames:
            raise EncoderError("a PNG holds one frame; export animations as APNG, GIF or MP4")
        Image.fromarray(frame).save(self._target.tmp_path, format="PNG", compress_level=self._level)


WRITERS: dict[str, type[Writer]] = {w.fmt: w for w in (Mp4Writer, GifWriter, ApngWriter, PngWriter)}


def format_for(path: str | os.PathLike, fmt: str | None = None) -> str:
    """The format name for ``path``: ``fmt`` if given, else from the suffix (.mp4, .gif, .apng, .png)."""
    if fmt is not None:
        if fmt not in WRITERS:
            raise EncoderError(f"unknown format {fmt!r}; choose one of {', '.join(WRITERS)}")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise EncoderError(f"cannot tell the format of {Path(path).name!r} from its suffix; "
                           f"use one of {', '.join(SUFFIXES)} or pass fmt")
    return SUFFIXES[suffix]


def open_writer(path: str | os.PathLike, fmt: str | None = None, size: tuple[int, int] = (1280, 720),
                fps: float = 30, **opts: Any) -> Writer:
    """A streaming writer for ``path`` (format from ``fmt`` or the suffix); see the module docstring."""
    return WRITERS[format_for(path, fmt)](path, size, fps, **opts)


def export_frames(frames: Iterable[np.ndarray], path: str | os.PathLike, fps: float = 30,
                  progress: Progress | None = None, total: int | None = None, fmt: str | None = None,
                  **opts: Any) -> Path:
    """Write ``frames`` to ``path`` (size from the first frame); returns the path.

    ``progress(done, total)`` is called after each frame; if it returns False the export stops, nothing is left on
    disk and :class:`Cancelled` is raised. Any exception from ``frames`` (a Cancelled raised by the renderer, too)
    likewise removes the partial file and propagates.
    """
    iterator = iter(frames)
    first = next(iterator, None)
    if first is None:
        raise EncoderError(f"no frames to export; {Path(path).name} was not created")
    if not isinstance(first, np.ndarray) or first.ndim != 3:
        raise EncoderError(f"frames must be (h, w, 3 or 4) uint8 arrays, got {getattr(first, 'shape', first)!r}")
    with open_writer(path, fmt, (first.shape[1], first.shape[0]), fps, **opts) as writer:
        for frame in _chain(first, iterator):
            writer.write(frame)
            if progress is not None and progress(writer.frames, total) is False:
                raise Cancelled(f"export to {Path(path).name} cancelled after {writer.frames} frames")
    return writer.path


def _chain(first: np.ndarray, rest: Iterable[np.ndarray]) -> Iterable[np.ndarray]:
    yield first
    yield from rest

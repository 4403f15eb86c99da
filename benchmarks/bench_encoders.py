"""300 frames of 1280×720 to MP4 and to GIF: time (median of 3) and peak memory.

Targets (issue 6): MP4 under 20 s and GIF under 30 s *including* rendering, which the GUI will add at ~8-15 ms per
frame (3-4.5 s for 300 frames), so the encoders alone should stay well below; peak memory under 1 GB.
Baseline, measured in the same run: only generating the frames (a smooth colour-mapped landscape, contour-like bands
and a growing descent path with a moving marker — not a flat colour, so the encoders have real work).
Each case runs in a fresh child process so that its peak RSS (ru_maxrss) is its own.
"""
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from app.export.encoders import export_frames  # noqa: E402

W, H, N, FPS, REPEATS = 1280, 720, 300, 30, 3


def landscape() -> np.ndarray:
    """A smooth RGB image: Himmelblau-like values through a viridis-like ramp, with banded 'contours'."""
    x, y = np.meshgrid(np.linspace(-5, 5, W), np.linspace(5, -5, H))
    f = np.log1p((x * x + y - 11) ** 2 + (x + y * y - 7) ** 2)
    t = (f - f.min()) / np.ptp(f)
    bands = (np.sin(t * 60) > 0.97)[..., None]
    rgb = np.stack([0.27 + 0.7 * t ** 2, 0.0 + 0.9 * t, 0.33 + 0.4 * np.sin(np.pi * t)], axis=-1)
    return np.where(bands, 1.0, np.clip(rgb, 0, 1)).__mul__(255).astype(np.uint8)


def frames(n: int = N):
    """The background with a descent path drawn up to frame i (3 px wide) and a marker at its head."""
    background = landscape()
    s = np.linspace(0, 1, n)
    px = (200 + 900 * s + 60 * np.sin(12 * s)).astype(int)
    py = (600 - 450 * s ** 0.5).astype(int)
    canvas = background.copy()
    for i in range(n):
        canvas[py[i] - 1:py[i] + 2, px[i] - 1:px[i] + 2] = (255, 80, 40)   # the path grows
        frame = canvas.copy()
        frame[py[i] - 6:py[i] + 7, px[i] - 6:px[i] + 7] = (255, 255, 255)  # moving marker
        yield frame


def run_case(case: str) -> dict:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            if case == "frames only":
                for _frame in frames():
                    pass
            else:
                export_frames(frames(), Path(folder) / f"bench.{case}", fps=FPS)
            times.append(time.perf_counter() - t0)
        size = (Path(folder) / f"bench.{case}").stat().st_size if case != "frames only" else 0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    return {"median_s": statistics.median(times), "peak_mb": peak_mb, "size_mb": size / 1e6}


def main() -> None:
    results = {}
    for case in ("frames only", "mp4", "gif"):
        out = subprocess.run([sys.executable, __file__, "--case", case], capture_output=True, text=True, check=True)
        results[case] = json.loads(out.stdout)
    base = results["frames only"]["median_s"]
    print(f"{N} frames {W}×{H} @ {FPS} fps, median of {REPEATS} (fresh process per case)")
    targets = {"frames only": None, "mp4": 20.0, "gif": 30.0}
    for case, r in results.items():
        ratio = r["median_s"] / base
        target = f"  target < {targets[case]:.0f} s incl. rendering" if targets[case] else ""
        print(f"  {case:12s} {r['median_s']:7.2f} s  ({ratio:5.1f}× frames only)  encode only "
              f"{r['median_s'] - base:6.2f} s  peak RSS {r['peak_mb']:6.0f} MB  file {r['size_mb']:6.1f} MB{target}")
    for case in ("mp4", "gif"):
        rendering = 0.015 * N  # the GUI's ~15 ms per frame, worst case
        total = results[case]["median_s"] - base + rendering
        verdict = "OK" if total < targets[case] and results[case]["peak_mb"] < 1024 else "TOO SLOW OR TOO BIG"
        print(f"  {case}: encode + 15 ms/frame rendering ≈ {total:.1f} s (target {targets[case]:.0f} s) {verdict}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(run_case(sys.argv[2])))
    else:
        main()

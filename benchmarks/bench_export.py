"""Export speed: 300 frames at 1280×720 through the real offscreen renderer to MP4 and to GIF.

Targets (issue 6): MP4 < 20 s, GIF < 30 s, peak memory < 1 GB. Issue 11: a frame of the landscape + loss panels
renders in ≤ 15 ms (the "render+loss" row's median of one ``render`` call; the
ms/frame column includes building the renderer: the scene's runs and surface). Baseline, measured in the same run: rendering the same
300 frames without encoding (landscape only). Each measurement runs in a fresh child process (so its peak RSS is its own and no
renderer state carries over); the median of ``--repeats`` runs is printed with its ratio to the baseline.

    .venv/bin/python benchmarks/bench_export.py [--repeats 3] [--frames 300] [--scene app/resources/scenes/...json]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SCENE = ROOT / "app" / "resources" / "scenes" / "himmelblau-four-basins.json"
SIZE = (1280, 720)
FPS = 30
TARGETS = {"mp4": 20.0, "gif": 30.0}
MEMORY_TARGET_MB = 1024


FRAME_TARGET_MS = 15.0  # issue 11: landscape + loss panels, per frame


def child(kind: str, scene_path: str, frames: int) -> None:
    """One measurement: prints {"seconds": ..., "peak_mb": ...} as JSON."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841
    from app.export import FrameRenderer, export_animation, frame_iterations
    from engine import scene as scene_mod

    scene = scene_mod.load(scene_path)
    duration = frames / FPS
    frame_ms: list[float] = []  # one render call each (set-up excluded)
    frame_cpu_ms: list[float] = []  # its main-thread CPU time (the machine may be shared)
    t0 = time.perf_counter()
    if kind in ("render", "render+loss"):
        with FrameRenderer(scene, SIZE, "landscape" if kind == "render" else "landscape+loss") as renderer:
            for t in frame_iterations(renderer.last_iteration, FPS, duration=duration):
                f0, c0 = time.perf_counter(), time.thread_time()
                renderer.render(int(t))
                frame_ms.append((time.perf_counter() - f0) * 1e3)
                frame_cpu_ms.append((time.thread_time() - c0) * 1e3)
    else:
        with tempfile.TemporaryDirectory() as folder:
            out = export_animation(scene, Path(folder) / f"bench.{kind}", SIZE, FPS, duration=duration)
            size_mb = out.stat().st_size / 2**20
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(json.dumps({"seconds": seconds, "frame_ms": statistics.median(frame_ms) if frame_ms else None,
                      "frame_cpu_ms": statistics.median(frame_cpu_ms) if frame_cpu_ms else None,
                      "peak_mb": peak_mb, "file_mb": None if kind.startswith("render") else size_mb}))


def measure(kind: str, scene: str, frames: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, "--scene", scene, "--frames", str(frames)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--scene", default=str(DEFAULT_SCENE))
    parser.add_argument("--child", choices=("render", "render+loss", "mp4", "gif"))
    args = parser.parse_args()
    if args.child:
        child(args.child, args.scene, args.frames)
        return
    print(f"{args.frames} frames at {SIZE[0]}×{SIZE[1]}, {Path(args.scene).name}, median of {args.repeats} runs "
          f"(each in a fresh process)")
    results = {}
    for kind in ("render", "render+loss", "mp4", "gif"):
        runs = [measure(kind, args.scene, args.frames) for _ in range(args.repeats)]
        results[kind] = {"median": statistics.median(r["seconds"] for r in runs),
                         "all": [round(r["seconds"], 2) for r in runs],
                         "peak_mb": max(r["peak_mb"] for r in runs), "file_mb": runs[0]["file_mb"],
                         "frame_ms": statistics.median(r["frame_ms"] for r in runs) if runs[0]["frame_ms"] else None,
                         "frame_cpu_ms": statistics.median(r["frame_cpu_ms"] for r in runs)
                         if runs[0]["frame_cpu_ms"] else None}
    base = results["render"]["median"]
    print(f"{'':8} {'median s':>9} {'ms/frame':>9} {'x render':>9} {'peak MB':>8} {'file MB':>8}  runs  target")
    for kind, r in results.items():
        target = TARGETS.get(kind)
        verdict = "" if target is None else (f"< {target:g} s " + ("ok" if r["median"] < target else "MISSED"))
        if r["frame_ms"] is not None:
            verdict = f"render call alone: median {r['frame_ms']:.2f} ms (CPU {r['frame_cpu_ms']:.2f} ms)"
        if kind == "render+loss":
            verdict += f", target ≤ {FRAME_TARGET_MS:g} ms " + ("ok" if r["frame_ms"] <= FRAME_TARGET_MS else "MISSED")
        file_mb = "" if r["file_mb"] is None else f"{r['file_mb']:8.1f}"
        print(f"{kind:8} {r['median']:9.2f} {1000 * r['median'] / args.frames:9.1f} {r['median'] / base:9.2f} "
              f"{r['peak_mb']:8.0f} {file_mb:>8}  {r['all']}  {verdict}")
    worst = max(r["peak_mb"] for r in results.values())
    print(f"peak memory {worst:.0f} MB: " + ("ok" if worst < MEMORY_TARGET_MB else "MISSED") +
          f" (target < {MEMORY_TARGET_MB} MB)")


if __name__ == "__main__":
    main()

"""Memory over a long playback and over repeated exports (issue "Hostile input and faults", item 11).

- playback soak: the main window with 8 runs × 5,000 steps plays FRAMES frames (the frame index moved and the
  window painted each time, a scrub back every 1,000 frames); RSS printed every 10,000 frames.
  Target: RSS after 100,000 frames within 30 MB of RSS after 1,000.
- exports: 10 consecutive 300-frame GIF exports of the window's scene (320 × 240, through the same renderer as
  File ▸ Export); RSS and sys.getrefcount(None) after each. Targets: the 10th within 30 MB of the first; None's
  count grows < 100 per export (the first export builds the renderer that later exports of that size reuse).

Run: ``.venv/bin/python benchmarks/bench_soak.py [--frames 100000] [--exports 10]``
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=100_000)
    parser.add_argument("--exports", type=int, default=10)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from app.export import export_animation
    from tests.app.stall import StallProbe, shown_window

    app = QApplication.instance() or QApplication([])
    folder = tempfile.mkdtemp()
    w = shown_window(folder)
    s = w.state
    s.set_optimizer(steps=5000, lr=1e-5)
    for k in range(8):
        s.add_run((-4.0 + k, 4.0 - 0.9 * k))
    StallProbe.run_until(lambda: not w.compute.busy() and all(r.trajectory is not None for r in s.runs), 120)
    last = s.max_frame
    rss = {}
    for t in range(1, args.frames + 1):
        frame = t % (last + 1)
        s.set_frame(frame if t % 1000 else frame // 2)
        app.processEvents()
        if t == 1000 or t % 10_000 == 0:
            rss[t] = rss_mb()
            print(f"frame {t:>7}: RSS {rss[t]:7.1f} MB", flush=True)
    if 1000 in rss and len(rss) > 1:
        growth = rss[max(rss)] - rss[1000]
        print(f"playback: RSS after {max(rss)} frames - after 1000 = {growth:+.1f} MB (target ≤ 30 MB) "
              f"{'ok' if growth <= 30 else 'MISSED'}")
    scene = s.to_scene()
    first = None
    nones = []
    for k in range(args.exports):
        gc.collect()
        before = sys.getrefcount(None)
        export_animation(scene, os.path.join(folder, f"soak-{k}.gif"), size=(320, 240), fps=30,
                         iterations_per_frame=max(1, last // 300), hold_last_s=0.0)
        app.processEvents()
        gc.collect()
        nones.append(sys.getrefcount(None) - before)
        mb = rss_mb()
        first = mb if first is None else first
        print(f"export {k + 1:>2}: RSS {mb:7.1f} MB, None refcount {nones[-1]:+d}", flush=True)
    later = max(nones[1:], default=0)
    print(f"exports: RSS of the last - the first = {mb - first:+.1f} MB (target ≤ 30 MB) "
          f"{'ok' if mb - first <= 30 else 'MISSED'}; None growth: first export {nones[0]:+d} (builds the kept "
          f"renderer), later exports max {later:+d} (target < 100) {'ok' if later < 100 else 'MISSED'}")
    w.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A 31 x 31 loss + accuracy surface of a small CNN on scikit-learn's 1,797 digits (needs the extra: torch, dask,
h5py, scikit-learn). Medians of whole surfaces, in one run:

- baseline: a per-point loop in the style of the loss-landscapes library (Loss and Accuracy metrics, each a forward
  pass on the whole data with autograd on, parameters stepped in place), one torch thread, timed on two whole rows
  and scaled to 961 points, in a fresh Python process each time: ours changes this process's memory allocator
  settings (``engine.torch_landscape.evaluate.keep_freed_memory``), which a loss-landscapes user does not have. The
  same loop in this process after ours, with those settings, is printed too, for what the allocator alone gives;
- ours, one process, one torch thread (``engine.torch_landscape.run.compute(workers=1)``);
- ours, a 2-worker LocalCluster started as ``compute(workers=2)`` starts it (one thread each; started before timing,
  its start-up printed apart);
- peak memory (VmHWM) per worker.

Wall and CPU seconds are printed: on a shared machine the CPU times say more about the code than the wall times.

Usage: python benchmarks/bench_torch_landscape.py [repeats]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
try:
    import torch
    from sklearn.datasets import load_digits
except ImportError:  # `make bench` runs every script; this one needs the optional extra
    print("skipped: needs the optional extra (pip install -e '.[torch]')")
    sys.exit(0)

from engine.torch_landscape.job import Job, prepare  # noqa: E402
from engine.torch_landscape.run import compute, local_cluster  # noqa: E402

MODELS = Path(__file__).resolve().parents[1] / "tests" / "torch" / "digits_models.py"
N = 31


def setup(folder: Path):
    import importlib.util

    d = load_digits()
    X, y = (d.data / 16.0).astype(np.float32), d.target.astype(np.int64)
    np.savez(folder / "digits.npz", X=X, y=y)
    spec = importlib.util.spec_from_file_location("digits_models_bench", MODELS)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    model = mod.cnn()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    for _ in range(3):
        for i in range(0, len(Xt), 64):
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(Xt[i:i + 64]), yt[i:i + 64]).backward()
            opt.step()
    torch.save(model.state_dict(), folder / "cnn.pt")
    return model, Xt, yt


def loss_landscapes_style(model, X, y, prepared, rows: int) -> float:
    """Seconds for ``rows`` rows of the grid the way loss-landscapes' random_plane walks it: parameters stepped in
    place along one direction, each metric a separate forward pass, autograd left on."""
    params = list(model.parameters())
    n = [p.numel() for p in params]

    def unflat(v):
        out, i = [], 0
        for p, k in zip(params, n):
            out.append(torch.from_numpy(v[i:i + k]).reshape(p.shape).float())
            i += k
        return out

    origin, dx, dy = unflat(prepared.origin), unflat(prepared.dx), unflat(prepared.dy)
    step_x, step_y = prepared.xs[1] - prepared.xs[0], prepared.ys[1] - prepared.ys[0]
    loss_metric = lambda m: torch.nn.functional.cross_entropy(m(X), y).item()  # noqa: E731
    acc_metric = lambda m: (m(X).argmax(1) == y).float().mean().item()  # noqa: E731
    t0 = time.perf_counter()
    with torch.no_grad():  # setting the start point only; the metrics below run with autograd on, as theirs
        for p, o, a, b in zip(params, origin, dx, dy):
            p.copy_(o + prepared.xs[0] * a + prepared.ys[0] * b)
    for _ in range(rows):
        for _ in range(N):
            loss_metric(model), acc_metric(model)
            with torch.no_grad():
                for p, b in zip(params, dy):
                    p.add_(b, alpha=step_y)
        with torch.no_grad():
            for p, a, b in zip(params, dx, dy):
                p.add_(a, alpha=step_x).sub_(b, alpha=step_y * N)
    return time.perf_counter() - t0


def job(folder: Path) -> Job:
    return Job(f"{MODELS}:cnn", (str(folder / "cnn.pt"),), str(folder / "digits.npz"), "cross-entropy", "random", N,
               1.0, block_size=31)


def baseline_child(folder: Path, rows: int) -> None:
    """The baseline in this fresh process: prints its wall and CPU seconds for ``rows`` rows."""
    import importlib.util

    torch.set_num_threads(1)
    spec = importlib.util.spec_from_file_location("digits_models_bench", MODELS)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    model = mod.cnn()
    model.load_state_dict(torch.load(folder / "cnn.pt", weights_only=True))
    with np.load(folder / "digits.npz") as f:
        X, y = torch.from_numpy(f["X"]), torch.from_numpy(f["y"])
    prepared = prepare(job(folder))
    c0 = time.process_time()
    wall = loss_landscapes_style(model, X, y, prepared, rows)
    print(wall, time.process_time() - c0)


# the environment this script started with: starting a LocalCluster puts Dask's worker settings into os.environ
# (MALLOC_TRIM_THRESHOLD_=65536 among them), which would slow a baseline process started after it
ENVIRONMENT = dict(os.environ)


def baseline_in_fresh_process(folder: Path, rows: int) -> tuple[float, float]:
    out = subprocess.run([sys.executable, __file__, "--baseline", str(folder), str(rows)], capture_output=True,
                         text=True, check=True, env=ENVIRONMENT)
    wall, cpu = map(float, out.stdout.split()[-2:])
    return wall, cpu


def main(repeats: int) -> None:
    from dask.distributed import Client

    torch.set_num_threads(1)
    folder = Path(tempfile.mkdtemp(prefix="bench-torch-landscape-"))
    model, X, y = setup(folder)
    prepared = prepare(job(folder))
    rows = 2
    t0 = time.perf_counter()
    cluster = local_cluster(2)  # as `compute(workers=2)` starts it
    client = Client(cluster)
    startup = time.perf_counter() - t0
    base, base_cpu, ours1, ours1_cpu, ours2, ours2_cpu = [], [], [], [], [], []
    tuned, tuned_cpu = [], []
    try:
        for r in range(repeats):  # interleaved, so a change in the machine's load hits every variant alike
            wall, cpu = baseline_in_fresh_process(folder, rows)
            base.append(wall * N / rows)
            base_cpu.append(cpu * N / rows)
            t0, c0 = time.perf_counter(), time.process_time()
            stats1 = compute(prepared, folder / f"one-{r}.h5")
            ours1.append(time.perf_counter() - t0)
            ours1_cpu.append(time.process_time() - c0)
            w0 = client.run(time.process_time)
            t0 = time.perf_counter()
            stats2 = compute(prepared, folder / f"two-{r}.h5", client=client)
            ours2.append(time.perf_counter() - t0)
            ours2_cpu.append(sum(client.run(time.process_time).values()) - sum(w0.values()))
            c0 = time.process_time()
            tuned.append(loss_landscapes_style(model, X, y, prepared, rows) * N / rows)
            tuned_cpu.append((time.process_time() - c0) * N / rows)
    finally:
        client.close()
        cluster.close()
    med = statistics.median
    b, o1, o2 = med(base), med(ours1), med(ours2)
    print(f"31x31 loss+accuracy surface, digits CNN, {len(X)} images, {repeats} repeats interleaved, load "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall | CPU seconds)")
    print(f"baseline loss-landscapes-style per-point loop, 1 thread: median {b:7.2f} s | {med(base_cpu):7.2f} s "
          f"({rows} rows scaled to {N}, fresh process)")
    print(f"  the same loop after ours in this process (allocator set): median {med(tuned):7.2f} s | "
          f"{med(tuned_cpu):7.2f} s ({med(tuned) / o1:.2f}x ours wall)")
    print(f"ours, one process, 1 thread:                         median {o1:7.2f} s | {med(ours1_cpu):7.2f} s  "
          f"({b / o1:.2f}x baseline wall, {med(base_cpu) / med(ours1_cpu):.2f}x CPU)")
    print(f"ours, LocalCluster 2 workers x 1 thread:             median {o2:7.2f} s | {med(ours2_cpu):7.2f} s "
          f"(workers)  ({o1 / o2:.2f}x one process); cluster start-up {startup:.1f} s")
    print(f"peak memory: one process {max(stats1.peak_rss_per_worker.values()) / 2**20:.0f} MiB; per worker "
          + ", ".join(f"{v / 2**20:.0f} MiB" for v in stats2.peak_rss_per_worker.values()))

if __name__ == "__main__":
    if sys.argv[1:2] == ["--baseline"]:
        baseline_child(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)

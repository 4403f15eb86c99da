"""``descent-lab landscape``: the loss landscape of a user's own PyTorch model, headless, into an HDF5 surface file
(tomgoldstein/loss-landscape's layout). Needs the optional extra ``descent-lab[torch]``; without it the command says
how to install it and exits 2. Imports no Qt.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys

from app.cli import UsageError, register

EXTRA = ("torch", "dask", "distributed", "h5py")


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", required=True, metavar="FILE.pt2|module.py:factory",
                   help="a torch.export program, or a Python file and the function in it that builds the model "
                        "(this runs that file's code)")
    p.add_argument("--weights", nargs="+", default=[], metavar="CKPT",
                   help="state_dict checkpoint(s); the last is the centre; pca: the training path; "
                        "interpolation: the two ends")
    p.add_argument("--data", required=True, metavar="FILE.npz|FILE.pt|module.py:factory",
                   help="arrays X (inputs) and y (targets), or a Python file and the function in it that returns a "
                        "torch.utils.data.Dataset of (input, target) pairs (this runs that file's code)")
    p.add_argument("--loss", default="cross-entropy", help="cross-entropy (default), mse or nll")
    p.add_argument("--plane", default="random", metavar="random|pca|interpolation|params:NAME[i,j],NAME[k,l]",
                   help="filter-normalised random directions (default), the PCA plane of the checkpoints, the line "
                        "between two checkpoints, or two named parameter entries")
    p.add_argument("--resolution", type=int, default=31, metavar="N", help="points per axis (default 31)")
    p.add_argument("--range", type=float, default=None, metavar="R",
                   help="the grid spans -R..R (random, params; default 1); interpolation: -R..1+R")
    p.add_argument("--seed", type=int, default=0, help="seed of the random directions (default 0)")
    p.add_argument("--keep-bias-bn", action="store_true",
                   help="random directions also move biases and batch-norm parameters (Li et al. zero them)")
    p.add_argument("--batch-size", type=int, default=2048, help="samples per forward pass (default 2048)")
    p.add_argument("--device", default="cpu", help="torch device (default cpu; e.g. cuda)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, default=None, metavar="K",
                       help="worker processes of a local Dask cluster (default: one per core; 1 runs in this process)")
    where.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT", help="an existing Dask cluster")
    p.add_argument("-o", "--output", required=True, metavar="OUT.h5", help="the HDF5 surface file to write")


def _bar(done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total) if total else 0
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} blocks")
    sys.stderr.flush()


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


def _run(args: argparse.Namespace) -> int:
    missing = [m for m in EXTRA if not _installed(m)]
    if missing:
        raise UsageError(f"model landscapes need the optional extra ({', '.join(missing)} missing): "
                         f"pip install 'descent-lab[torch]'")
    from engine.torch_landscape import LandscapeError
    from engine.torch_landscape.job import Job, prepare
    from engine.torch_landscape.run import Cancelled, compute, partial_path

    plane = "interpolation" if args.plane in ("interp", "interpolation") else args.plane
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    workers = args.workers if args.workers is not None else (1 if args.scheduler else os.cpu_count() or 1)
    tty = sys.stderr.isatty()
    try:
        job = Job(args.model, tuple(args.weights), args.data, args.loss, plane, args.resolution, args.range,
                  args.seed, not args.keep_bias_bn, args.batch_size, args.device)
        prepared = prepare(job)
        stats = compute(prepared, args.output, workers=workers, scheduler=args.scheduler,
                        progress=_bar if tty else None)
    except LandscapeError as e:
        if tty:
            sys.stderr.write("\n")
        raise UsageError(str(e)) from None
    except (KeyboardInterrupt, Cancelled):
        raise UsageError(f"interrupted: the finished blocks are kept in {partial_path(_path(args.output))}; run the "
                         f"same command again to resume") from None
    if tty:
        sys.stderr.write("\n")
    peak = max(stats.peak_rss_per_worker.values()) / 2 ** 20 if stats.peak_rss_per_worker else 0
    print(f"{args.output}: {stats.blocks_computed} of {stats.blocks_total} blocks computed "
          f"(peak memory per worker {peak:.0f} MiB)")
    return 0


def _path(text: str):
    from pathlib import Path
    return Path(text)


register("landscape", "the loss landscape of your own PyTorch model into an HDF5 surface file (extra: torch)",
         _configure, _run)

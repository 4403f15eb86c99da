"""The grid in blocks: one process, a 2-worker LocalCluster, and a run cancelled after a worker was killed then
resumed all give the same file; each worker loads the model once; values equal a direct evaluation."""
import pytest

from tests.torch.conftest import require_extra

require_extra()

import os
import signal

import h5py
import numpy as np
import torch

from engine.torch_landscape import LandscapeError
from engine.torch_landscape.job import Job, load_count, prepare
from engine.torch_landscape.run import Cancelled, compute, local_cluster, partial_path
from tests.torch.conftest import MODELS


def _job(digits, **kw):
    _, data, ckpts = digits
    settings = dict(model=f"{MODELS}:mlp", weights=(str(ckpts["mlp"][-1]),), data=str(data), loss="cross-entropy",
                    plane="random", resolution=7, range=0.8, block_size=5)
    settings.update(kw)
    return prepare(Job(**settings))


def _read(path):
    with h5py.File(path, "r") as f:
        return {k: f[k][()] for k in ("xcoordinates", "ycoordinates", "train_loss", "train_acc")}


def test_one_process_two_workers_and_a_resumed_run_are_identical(digits, tmp_path):
    import dask
    from dask.distributed import Client

    prepared = _job(digits)
    compute(prepared, tmp_path / "one.h5")
    single = _read(tmp_path / "one.h5")
    assert np.all(np.isfinite(single["train_loss"])) and single["train_loss"].shape == (7, 7)

    with local_cluster(2) as cluster, Client(cluster) as client:  # the cluster `compute(workers=2)` starts
        # the workers run without the housekeeping a cluster without a dashboard has no use for
        assert set(client.run(dask.config.get, "distributed.worker.profile.enabled").values()) == {False}
        compute(prepared, tmp_path / "two.h5", client=client)
        loads = client.run(load_count)
        assert sorted(n for _, n in loads.values()) in ([1, 1], [0, 1])  # one load per worker, not per block
        threads = client.run(lambda: (torch.get_num_threads(), torch.get_num_interop_threads()))
        for worker, (_, n) in loads.items():  # a worker that evaluated: one intra-op and one inter-op thread
            assert n == 0 or threads[worker] == (1, 1), threads
        for k, v in single.items():
            np.testing.assert_array_equal(_read(tmp_path / "two.h5")[k], v, err_msg=k)
        # the CNN too (evaluated channels-last in every process)
        cnn = _job(digits, model=f"{MODELS}:cnn", weights=(str(digits[2]["cnn"][-1]),), resolution=4, block_size=3)
        compute(cnn, tmp_path / "cnn-two.h5", client=client)
        compute(cnn, tmp_path / "cnn-one.h5")
        for k, v in _read(tmp_path / "cnn-one.h5").items():
            np.testing.assert_array_equal(_read(tmp_path / "cnn-two.h5")[k], v, err_msg=k)

        # kill a worker after 3 blocks, then stop the run as a crash would
        seen = []

        def on_block(b):
            seen.append(b)
            if len(seen) == 3:
                pid = next(iter(client.run(os.getpid).values()))
                os.kill(pid, signal.SIGKILL)

        with pytest.raises(Cancelled):
            compute(prepared, tmp_path / "resumed.h5", client=client, on_block=on_block,
                    cancel=lambda: len(seen) >= 5)
        assert not (tmp_path / "resumed.h5").exists()
        with h5py.File(partial_path(tmp_path / "resumed.h5"), "r") as f:
            kept = int(f["done_blocks"][()].sum())
        assert 5 <= kept < prepared.n_blocks
        stats = compute(prepared, tmp_path / "resumed.h5", client=client)
        assert stats.blocks_computed == prepared.n_blocks - kept
    assert not partial_path(tmp_path / "resumed.h5").exists()
    for k, v in single.items():
        np.testing.assert_array_equal(_read(tmp_path / "resumed.h5")[k], v, err_msg=k)


def test_values_are_the_loss_of_the_moved_model(digits, tmp_path):
    from engine.torch_landscape.loading import load_data, load_model

    prepared = _job(digits, resolution=3)
    compute(prepared, tmp_path / "s.h5")
    got = _read(tmp_path / "s.h5")
    data = load_data(digits[1])
    model = load_model(f"{MODELS}:mlp")
    n = 0
    i, j = 0, 2  # y = ys[0], x = xs[2]
    x, y = got["xcoordinates"][j], got["ycoordinates"][i]
    theta = prepared.origin + x * prepared.dx + y * prepared.dy
    with torch.no_grad():  # theta = origin + x dx + y dy, set by hand from the flat vectors
        for _, p in model.named_parameters():
            p.copy_(torch.from_numpy(theta[n:n + p.numel()]).reshape(p.shape))
            n += p.numel()
        out = model(data.X)
    expected = float(torch.nn.functional.cross_entropy(out, data.y.long()))
    assert got["train_loss"][i, j] == pytest.approx(expected, rel=1e-4)
    assert got["train_acc"][i, j] == pytest.approx(100 * float((out.argmax(1) == data.y).double().mean()), abs=0.06)


def test_a_partial_file_of_other_settings_is_refused(digits, tmp_path):
    with pytest.raises(Cancelled):
        compute(_job(digits), tmp_path / "s.h5", cancel=lambda: True)
    with pytest.raises(LandscapeError, match="other settings"):
        compute(_job(digits, seed=5), tmp_path / "s.h5")


def test_pca_file_has_the_path_and_a_1d_line(digits, tmp_path):
    _, _, ckpts = digits
    prepared = _job(digits, weights=tuple(map(str, ckpts["mlp"])), plane="pca", resolution=4, range=None)
    compute(prepared, tmp_path / "pca.h5")
    with h5py.File(tmp_path / "pca.h5", "r") as f:
        assert f["proj_xcoord"].shape == (4,) and f["train_loss"].shape == (4, 4)
    line = _job(digits, weights=(str(ckpts["mlp"][0]), str(ckpts["mlp"][-1])), plane="interpolation",
                resolution=5, range=None)
    compute(line, tmp_path / "line.h5")
    with h5py.File(tmp_path / "line.h5", "r") as f:
        assert "ycoordinates" not in f and f["train_loss"].shape == (5,)
        np.testing.assert_allclose(f["xcoordinates"][()], np.linspace(-0.5, 1.5, 5))


def test_every_cell_holds_its_own_point(digits, tmp_path):
    """Blocks of 5 on a 4 x 4 grid straddle rows: each cell of the file is the point (xs[j], ys[i]) evaluated alone,
    for the 2D surface and for the 1D line."""
    from engine.torch_landscape.job import evaluator_for

    prepared = _job(digits, resolution=4)
    compute(prepared, tmp_path / "s.h5")
    got = _read(tmp_path / "s.h5")
    ev = evaluator_for(prepared)
    for i, y in enumerate(prepared.ys):
        for j, x in enumerate(prepared.xs):
            assert (got["train_loss"][i, j], got["train_acc"][i, j]) == ev.at(float(x), float(y)), (i, j)
    _, _, ckpts = digits
    line = _job(digits, weights=(str(ckpts["mlp"][0]), str(ckpts["mlp"][-1])), plane="interpolation", resolution=7,
                range=None, block_size=3)
    compute(line, tmp_path / "line.h5")
    ev = evaluator_for(line)
    with h5py.File(tmp_path / "line.h5", "r") as f:
        loss = f["train_loss"][()]
    assert list(loss) == [ev.at(float(x))[0] for x in line.xs]

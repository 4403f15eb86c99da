"""The evaluator's speed measures keep the values: the CNN evaluated channels-last equals the model moved by hand
and run in its own layout; a model that cannot run channels-last keeps its layout; and forward passes after the
first take no fresh memory pages from the kernel, even under the 64 KiB trim threshold Dask gives its workers."""
import pytest

from tests.torch.conftest import require_extra

require_extra()

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import torch
from torch import nn

from engine.torch_landscape.evaluate import prefer_channels_last
from engine.torch_landscape.job import Job, evaluator_for, prepare
from engine.torch_landscape.loading import load_data, load_model
from tests.torch.conftest import MODELS

ROOT = Path(__file__).resolve().parents[2]


def _cnn_job(digits):
    _, data, ckpts = digits
    return prepare(Job(f"{MODELS}:cnn", (str(ckpts["cnn"][-1]),), str(data), "cross-entropy", "random", 5, 1.0,
                       block_size=7))


def test_the_cnn_runs_channels_last_with_the_values_of_its_own_layout(digits):
    prepared = _cnn_job(digits)
    ev = evaluator_for(prepared)
    assert ev.channels_last  # the speed-up is in use on the benchmark's model
    data = load_data(digits[1])
    model = load_model(f"{MODELS}:cnn")  # a fresh model in the default layout, moved by hand
    for x, y in ((prepared.xs[0], prepared.ys[4]), (prepared.xs[2], prepared.ys[2]), (prepared.xs[3], prepared.ys[0])):
        loss, acc = ev.at(float(x), float(y))
        theta, n = prepared.origin + x * prepared.dx + y * prepared.dy, 0
        with torch.no_grad():
            for _, p in model.named_parameters():
                p.copy_(torch.from_numpy(theta[n:n + p.numel()]).reshape(p.shape))
                n += p.numel()
            out = model(data.X)
        assert all(p.is_contiguous() for p in model.parameters())
        assert loss == pytest.approx(float(nn.functional.cross_entropy(out, data.y.long())), rel=1e-4)
        assert acc == pytest.approx(100 * float((out.argmax(1) == data.y).double().mean()), abs=0.06)


class _ViewAfterConv(nn.Module):
    """Flattens with ``view``, which needs the default layout (a common way to write a CNN)."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.conv, self.fc = nn.Conv2d(1, 4, 3, padding=1), nn.Linear(4 * 64, 10)

    def forward(self, x):
        h = torch.relu(self.conv(x.reshape(-1, 1, 8, 8)))
        return self.fc(h.view(h.shape[0], -1))


def test_a_model_that_needs_its_own_layout_keeps_it():
    model, sample = _ViewAfterConv(), torch.rand(16, 64)
    with torch.no_grad():
        before = model(sample)
    assert prefer_channels_last(model, sample) is False
    assert model.conv.weight.is_contiguous()
    with torch.no_grad():
        torch.testing.assert_close(model(sample), before, rtol=0, atol=0)
    assert prefer_channels_last(nn.Sequential(nn.Linear(64, 10)), sample) is False  # nothing to gain without convs


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts page faults with Linux's RUSAGE_THREAD")
def test_forward_passes_reuse_their_memory(digits):
    """In a fresh process with Dask's worker setting MALLOC_TRIM_THRESHOLD_=65536, five forward passes of the digits
    CNN take about 36,000 fresh pages without the allocator setting; with it, none, give or take the pages the
    kernel reclaims on its own from a process waiting for a busy CPU (hence the margin)."""
    _, data, ckpts = digits
    script = textwrap.dedent(f"""
        import resource, sys
        sys.path.insert(0, {str(ROOT)!r})
        from engine.torch_landscape.job import Job, evaluator_for, prepare
        p = prepare(Job({f"{MODELS}:cnn"!r}, ({str(ckpts["cnn"][-1])!r},), {str(data)!r}, "cross-entropy",
                        "random", 5, 1.0))
        ev = evaluator_for(p)
        ev.at(0.1, 0.2); ev.at(0.2, 0.1)
        before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
        for i in range(5):
            ev.at(0.05 * i, -0.05 * i)
        print(resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before)
    """)
    env = dict(os.environ, MALLOC_TRIM_THRESHOLD_="65536")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    faults = int(out.stdout.split()[-1])
    assert faults < 2000, f"{faults} page faults in 5 forward passes"


def test_an_exported_cnn_has_the_values_of_its_module(digits, tmp_path):
    """A torch.export program of the CNN (.pt2) runs channels-last too, with the module's values."""
    _, data, ckpts = digits
    module = load_model(f"{MODELS}:cnn", str(ckpts["cnn"][-1]))
    X = load_data(data).X
    program = torch.export.export(module, (X[:4],), dynamic_shapes=({0: torch.export.Dim("batch")},))
    torch.export.save(program, tmp_path / "cnn.pt2")
    jobs = [prepare(Job(model, weights, str(data), "cross-entropy", "random", 3, 1.0, block_size=4))
            for model, weights in ((f"{MODELS}:cnn", (str(ckpts["cnn"][-1]),)), (str(tmp_path / "cnn.pt2"), ()))]
    for field in ("origin", "dx", "dy"):  # the same plane, so the same points
        np.testing.assert_allclose(getattr(jobs[1], field), getattr(jobs[0], field), err_msg=field)
    exported = evaluator_for(jobs[1])
    assert exported.channels_last
    got = [exported.at(0.3, -0.4), exported.at(-0.2, 0.1)]
    plain = evaluator_for(jobs[0])
    want = [plain.at(0.3, -0.4), plain.at(-0.2, 0.1)]
    np.testing.assert_allclose(got, want, rtol=1e-5)

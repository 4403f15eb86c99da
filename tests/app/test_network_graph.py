"""The network graph dock against independent truths: the values drawn on the nodes and edges are the network's
forward pass at the run's current parameters and central finite differences of the loss; the update shown for a
clicked edge is w − η·∂L/∂w and the run's optimizer step computed by hand; the graph follows the timeline and the
data view's clicks; labels never overlap."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtTest import QTest

from app import network_graph
from app.main_window import MainWindow
from app.network_controller import default_source
from app.panels.network_graph_panel import n6
from app.views.network_graph import NetworkGraphView, num
from engine import functions
from engine import nn

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.state.set_landscape(functions.get("sphere"))
    w.compute.wait(60_000)


def build(w, qtbot, hidden=(8, 8)):
    src = default_source()
    src["layers"] = [2, *hidden, 1]
    src["dataset"]["n"] = 60
    assert w.network_controller.request_build(src)
    qtbot.waitUntil(lambda: w.network_controller.current is not None
                    and w.network_controller.current.model.layer_sizes == (2, *hidden, 1), timeout=TIMEOUT)
    w.compute.wait(TIMEOUT)
    return w.network_controller.current


def start_run(w, qtbot, optimizer, lr, frame):
    w.state.set_optimizer(name=optimizer, lr=lr, steps=20)
    (run,) = w.state.add_run((0.3, -0.2))
    qtbot.waitUntil(lambda: run.trajectory is not None, timeout=TIMEOUT)
    w.state.select([run.id])
    w.state.set_frame(frame)
    dock = w.docks["network_graph_dock"]
    dock.show()
    dock.raise_()
    dock.setFloating(True)    # room for the labels of 8-unit layers, as a user would give it
    dock.resize(560, 640)
    panel = w.network_graph
    qtbot.waitUntil(lambda: panel.isVisible(), timeout=5000)
    settle(w, qtbot)
    return run, panel


def settle(w, qtbot):
    for _ in range(3):  # the throttled requests of the network point and of the graph
        w.compute.wait(TIMEOUT)
        qtbot.wait(60)
    w.compute.wait(TIMEOUT)


def loss_at(b, a, beta):
    return b.model.loss(b.plane.params_at(a, beta), b.plane.X, b.plane.y)


def fd_plane(b, a, beta, h=1e-6):
    return np.array([(loss_at(b, a + h, beta) - loss_at(b, a - h, beta)) / (2 * h),
                     (loss_at(b, a, beta + h) - loss_at(b, a, beta - h)) / (2 * h)])


def fd_weight(loss, params, key, index, h=1e-6):
    p, m = ({k: v.copy() for k, v in params.items()} for _ in range(2))
    p[key][index] += h
    m[key][index] -= h
    return (loss(p) - loss(m)) / (2 * h)


def test_graph_shows_the_forward_and_backward_pass_at_the_runs_current_point(window, qtbot):
    b = build(window, qtbot)
    run, panel = start_run(window, qtbot, "gd", 0.5, 4)
    view = panel.view
    tr = view.trace
    params = b.plane.params_at(*run.trajectory.points[4, 0])          # θ at iteration 4 of the run
    n = tr.index
    x, y = b.plane.X[n:n + 1], b.plane.y[n:n + 1]
    # forward: the weights drawn are θ's, the output node is MLP.forward, z_1 is W1 x + b1 by hand
    for l in (1, 2, 3):
        assert np.array_equal(tr.W[l - 1], params[f"W{l}"])
    assert np.allclose(tr.z[0], params["W1"] @ x[0] + params["b1"], rtol=1e-12)
    assert np.allclose(tr.h[1], np.tanh(tr.z[0]), rtol=1e-12)
    assert tr.h[3][0] == pytest.approx(b.model.forward(params, x)[0, 0], rel=1e-12)
    # backward (the sample's own loss): δ = ∂ℓ/∂b and ∂ℓ/∂W by central finite differences
    sample_loss = lambda p: b.model.loss(p, x, y)  # noqa: E731
    for l, i, j in ((1, 3, 1), (2, 5, 2), (3, 0, 7)):
        assert tr.dW[l - 1][i, j] == pytest.approx(fd_weight(sample_loss, params, f"W{l}", (i, j)), rel=1e-5,
                                                   abs=1e-10)
        assert tr.delta[l - 1][i] == pytest.approx(fd_weight(sample_loss, params, f"b{l}", (i,)), rel=1e-5,
                                                   abs=1e-10)
    # what is written: the output node's label and an edge's hover text carry these numbers
    assert 3 in view.labelled_layers()
    out_label = " ".join(view.item.labels[3][0])
    assert num(tr.z[2][0]) in out_label and num(tr.h[3][0]) in out_label
    hover = view.hover_lines(view.edge_point(3, 0, 7))
    assert hover[0].startswith("W3[0,7]") and num(tr.W[2][0, 7]) in hover[1] and num(tr.dW[2][0, 7]) in hover[2]
    # the dataset scope: ∂L/∂W of the mean loss, by finite differences
    panel.scope.setCurrentIndex(panel.scope.findData("dataset"))
    settle(window, qtbot)
    tr = view.trace
    assert tr.scope == "dataset"
    full_loss = lambda p: b.model.loss(p, b.plane.X, b.plane.y)  # noqa: E731
    assert tr.dW[1][5, 2] == pytest.approx(fd_weight(full_loss, params, "W2", (5, 2)), rel=1e-5, abs=1e-10)
    assert tr.delta[1][5] == pytest.approx(fd_weight(full_loss, params, "b2", (5,)), rel=1e-5, abs=1e-10)


def hand_step(optimizer, lr, grads):
    """The last (Δα, Δβ) of len(grads) steps, each rule written out (PyTorch's defaults)."""
    if optimizer == "gd":
        return -lr * grads[-1]
    m, v = np.zeros(2), np.zeros(2)
    for g in grads:                                   # adam, betas (0.9, 0.999), eps 1e-8
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
    t = len(grads)
    return -lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)


@pytest.mark.parametrize("optimizer, lr", [("gd", 0.5), ("adam", 0.05)])
def test_clicking_an_edge_shows_its_update_equal_to_one_step_by_hand(window, qtbot, optimizer, lr):
    b = build(window, qtbot)
    row = 3
    run, panel = start_run(window, qtbot, optimizer, lr, row)
    view = panel.view
    edge = (2, 4, 6)
    # a pixel on the edge away from the crossings (edges i→j and i'→j' with i + j = i' + j' cross in the middle)
    at = next(p for p in (view.mapFromScene(view.edge_point(*edge, t)) for t in np.linspace(0.1, 0.9, 17))
              if view.edge_at(view.mapToScene(p)) == edge)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    assert view.selected == edge
    u = panel.controller.update_for(edge)
    pts = run.trajectory.points[:, 0]
    params = b.plane.params_at(*pts[row])
    g = fd_weight(lambda p: b.model.loss(p, b.plane.X, b.plane.y), params, "W2", (4, 6))
    assert u.name == "W2[4,6]" and u.before == params["W2"][4, 6] and u.lr == lr
    assert u.grad == pytest.approx(g, rel=1e-5)
    assert u.gd_after == pytest.approx(params["W2"][4, 6] - lr * u.grad, rel=1e-12)  # ∂L/∂w checked just above
    assert u.gd_after == pytest.approx(params["W2"][4, 6] - lr * g, rel=1e-6)
    # the run's own step for this weight: its optimizer's (Δα, Δβ) by hand, carried by d1 and d2
    d_ab = hand_step(optimizer, lr, [fd_plane(b, *p) for p in pts[:row + 1]])
    k = nn.flat_index("W2[4,6]", b.model.layer_sizes)
    assert u.step == pytest.approx(d_ab[0] * b.plane.d1[k] + d_ab[1] * b.plane.d2[k], rel=1e-4, abs=1e-12)
    assert u.after == pytest.approx(b.plane.params_at(*pts[row + 1])["W2"][4, 6], rel=1e-12, abs=1e-15)
    text = panel.update_text.toPlainText()
    for value in (u.before, u.grad, u.gd_after, u.step, u.after):
        assert n6(value) in text
    assert "W2[4,6]" in text and f"η = {n6(lr)}" in text
    # Escape clears the selection and the numbers; arrow keys walk along the edges
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.selected is None and n6(u.after) not in panel.update_text.toPlainText()
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert view.selected == (1, 0, 1)


@pytest.mark.parametrize("inline", [True, False])
def test_graph_follows_the_timeline_and_the_data_views_clicks(window, qtbot, monkeypatch, inline):
    if not inline:   # every trace through the compute service's "graph" lane, as for large networks
        monkeypatch.setattr(network_graph, "INLINE_MACS", 0)
    b = build(window, qtbot)
    keys, submit = [], window.compute.submit
    monkeypatch.setattr(window.compute, "submit", lambda key, *a, **k: keys.append(key) or submit(key, *a, **k))
    run, panel = start_run(window, qtbot, "gd", 0.5, 2)
    for frame in (2, 9, 5):
        window.state.set_frame(frame)
        settle(window, qtbot)
        params = b.plane.params_at(*run.trajectory.points[frame, 0])
        assert np.array_equal(panel.view.trace.W[0], params["W1"]), frame
        assert f"iteration {frame}" in panel.header.text()
    assert (network_graph.KEY in keys) != inline
    # a click on a data point traces that sample
    data_view, n = window.data_view, 17
    vb = data_view.plot.plotItem.vb
    pos = data_view.plot.mapFromScene(vb.mapViewToScene(QPointF(*b.plane.X[n])))
    QTest.mouseClick(data_view.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    settle(window, qtbot)
    assert panel.controller.sample == n and panel.view.trace.index == n and panel.sample.value() == n
    assert np.array_equal(panel.view.trace.h[0], b.plane.X[n])
    assert data_view.marked.isVisible() and np.allclose(data_view.marked.getData()[0], [b.plane.X[n, 0]])
    # D toggles the backward pass (δ), S steps to the next sample
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_D)
    assert panel.backward.isChecked() and panel.view.backward
    QTest.keyClick(panel.view, Qt.Key.Key_S)
    assert panel.sample.value() == n + 1


def overlaps(view) -> list:
    """Pairs of label boxes that intersect, and labels that cover a node other than their own."""
    rects = view.item.label_rects() + [(("edge", l), k, r) for l, k, r in view.item.edge_label_rects()]
    g = view.item.geometry
    bad = [(a[:2], c[:2]) for k, a in enumerate(rects) for c in rects[k + 1:] if a[2].intersects(c[2])]
    for l, i, r in rects:
        for m, ys in enumerate(g.y):
            for u, y in enumerate(ys):
                node = QPointF(g.x[m], float(y))
                if (m, u) != (l, i) and r.adjusted(-g.radius[m], -g.radius[m], g.radius[m], g.radius[m]).contains(
                        node):
                    bad.append(((l, i), ("node", m, u)))
    return bad


@pytest.mark.parametrize("sizes", [(2, 8, 8, 1), (2, 16, 16, 1), (2, 3, 2)])
@pytest.mark.parametrize("size", [(380, 200), (520, 420), (900, 700)])
@pytest.mark.parametrize("backward", [False, True])
def test_labels_never_overlap_and_large_layers_are_left_to_hover(qtbot, sizes, size, backward):
    data = nn.make_dataset("moons", n=20, noise=0.1, seed=0)
    model = nn.MLP(list(sizes), loss="ce" if sizes[-1] > 1 else "bce", seed=1)
    view = NetworkGraphView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.set_backward(backward)
    view.show_trace(nn.trace(model, model.init_params(), data.X, data.y, 3),
                    [model.layer_activation(l) for l in range(1, len(sizes))])
    assert overlaps(view) == []
    lines_needed = view.item.geometry.line_height * 2
    for l in view.labelled_layers():
        assert view.item.geometry.spacing(l) >= lines_needed or l == 0 or view.wide_labels
    if size[1] <= 420:
        assert not {1, 2} & view.labelled_layers() or sizes[1] <= 8
    if size == (900, 700) and sizes == (2, 8, 8, 1):
        assert view.labelled_layers() == {0, 1, 2, 3}
    if size != (380, 200) and sizes == (2, 3, 2):       # a small net: every weight (or ∂ℓ/∂w) written on its edge
        assert set(view.item.edge_label_at) == {1, 2}
        values = view.trace.dW if backward else view.trace.W
        assert view.item.edge_texts[2] == [num(v) for v in values[1].ravel()]
    # every node's values are on hover, labelled or not
    tr = view.trace
    hover = view.hover_lines(view.node_position(1, 1))
    assert num(tr.z[0][1]) in hover[1] and num(tr.h[1][1]) in hover[2]

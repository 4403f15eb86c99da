"""Dock panels: landscape picker, optimizer settings, run list, step inspector.

Every panel takes the :class:`app.model.AppState`, writes to it through its methods and redraws in slots connected to
its signals. The helpers below read a run's precomputed trajectory at an iteration; they only index arrays the engine
filled, they compute nothing.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.model import Run
from engine.descent import gradient_growth


def tr(text: str) -> str:
    return QCoreApplication.translate("RunInfo", text)


def shown_row(run: Run, frame: int) -> int:
    """The trajectory row a run shows at iteration ``frame``: frame itself, or the run's last valid row once it has
    stopped (converged, diverged or out of steps)."""
    return run.row_at(frame)


def status_text(run: Run, frame: int) -> str:
    """"running", "converged at step k", "diverged at step k" with why, "unbounded below", "max steps" (or the engine's
    refusal)."""
    if run.trajectory is None:
        return tr("computing…") if run.pending else run.error or tr("not computed")
    traj = run.trajectory
    k = int(traj.stopped_at[0])
    if frame < k:
        return tr("running")
    status = traj.status[0]
    if status == "converged":
        return tr("converged at step {k}").format(k=k)
    if status == "diverged":
        factor, n = gradient_growth(traj)
        if n >= 3 and factor > 10:  # |∇f| growing step after step: the steps overshoot further each time
            return tr("diverged at step {k}: η too large, |∇f| grew ×{factor:.3g} in {n} steps").format(
                k=k, factor=factor, n=n)
        return tr("diverged at step {k}").format(k=k)
    if status == "unbounded":
        return tr("unbounded below at step {k}: f → −∞, no minimum that way").format(k=k)
    return tr("max steps")


def is_failed(run: Run, frame: int) -> bool:
    """True when the run diverged by ``frame`` or the engine refused it (shown in red); a run that escaped downhill
    for ever ("unbounded") did what descent does and is not a failure."""
    if run.trajectory is None:
        return not run.pending
    return run.trajectory.status[0] == "diverged" and frame >= int(run.trajectory.stopped_at[0])


def optimizer_title(name: str) -> str:
    """The optimizer's human name (its class title), or the name itself for an unknown one."""
    from engine.optimizers import OPTIMIZERS
    cls = OPTIMIZERS.get(name)
    return QCoreApplication.translate("engine", cls.title) if cls else name


def fmt(v: float) -> str:
    """A number for a table cell: 6 significant digits, scientific when tiny or huge."""
    return f"{v:.6g}"


def formula_html(text: str) -> str:
    """An engine formula ("x_{t+1} = x_t − η·v_{t+1}", "β₁^{t+1}") as HTML with real sub- and superscripts."""
    import html
    import re
    out = html.escape(text)
    out = re.sub(r"_\{([^}]*)\}", r"<sub>\1</sub>", out)
    out = re.sub(r"\^\{([^}]*)\}", r"<sup>\1</sup>", out)
    out = re.sub(r"_([A-Za-z0-9])(?![A-Za-z])", r"<sub>\1</sub>", out)  # x_t, not lr_decay
    return out.replace("\n", "<br>")

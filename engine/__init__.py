"""Descent Lab's engine: a plain NumPy library (no Qt, no pyqtgraph, no imports from ``app``).

A notebook can use it directly::

    from engine import functions, descent
    f = functions.get("himmelblau")
    traj = descent.descend(f, [[0.0, 0.0]], optimizer="adam", lr=0.05, steps=500)
"""

__all__ = ["functions"]

"""Basin worker planning: coarse first; maps of landscapes with a costly gradient are kept to about a minute."""
import math

from app.basin_worker import COARSE, FULL_BUDGET_S, MIN_STAGE, PREVIEW_BUDGET_S, gradient_cost, stages
from engine.functions import get


def test_cheap_landscapes_get_the_preview_then_the_resolution_asked_for():
    assert stages(200) == [COARSE, 200]
    assert stages(40) == [40]
    assert gradient_cost(get("himmelblau"), get("himmelblau").view) > 0
    assert stages(200, 1e-7, 2000) == [COARSE, 200]  # a closed-form gradient costs well under a µs per start


def test_costly_landscapes_are_capped_by_the_time_budgets():
    cost, steps = 4e-4, 500  # about a backprop of a small network per start and step
    preview, full = stages(200, cost, steps)
    # independent arithmetic: n² · steps · cost ≈ budget
    assert full == int(math.sqrt(FULL_BUDGET_S / (cost * steps))) == 17
    assert preview == max(MIN_STAGE, int(math.sqrt(PREVIEW_BUDGET_S / (cost * steps)))) == MIN_STAGE
    assert full ** 2 * steps * cost <= FULL_BUDGET_S
    assert stages(200, 1.0, 10_000) == [MIN_STAGE]  # never below the smallest useful map

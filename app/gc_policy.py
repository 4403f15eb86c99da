"""Keep Python's full garbage collection short: what the app builds once is moved out of the collector's sight.

A full (generation-2) collection scans every container object Python tracks. After launch the window holds about
100,000 of them and a full collection takes 64 ms; the first network landscape adds about 85,000 more (its modules and
docks: another 51 ms). Python starts one whenever enough objects have outlived the younger generations, so the stall
comes at a random moment: in the hover benchmark a 113–126 ms collection was the longest stall of its sweep.

Those objects live as long as the window. :func:`freeze_once` moves every object tracked at that moment into the
permanent generation (:func:`gc.freeze`, the recipe of Python's documentation), after which a full collection only
scans what was made since (under a millisecond here). It is called once per milestone and process, a second after each:
the window's first show and the first network landscape's build. Cyclic garbage present at that moment is kept
too, a bounded amount since each milestone freezes once; objects freed by their reference count are freed as usual.
"""
from __future__ import annotations

import gc

FREEZE_AFTER_MS = 1000  # after a milestone: long enough for its first results to be shown (and their objects made)
_done: set[str] = set()


def freeze_once(milestone: str) -> bool:
    """Freeze what is tracked now, the first time ``milestone`` is reached in this process; True if it froze."""
    if milestone in _done:
        return False
    _done.add(milestone)
    gc.freeze()
    return True

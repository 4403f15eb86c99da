"""The one exception a formula can raise: :class:`FormulaError`."""
from __future__ import annotations


class FormulaError(ValueError):
    """A formula that is not accepted, with where the problem is.

    message: what is wrong, in user words ("unknown name 'z' — use x and y").
    column:  0-based offset of the offending part in the text the user typed, or None.
    length:  number of characters of the offending part (0 when there is no column).

    ``str(err)`` reads "<message> at column <column>" (the column counted from 0) with any hint
    after the location: "unknown name 'z' at column 5 — use x and y".
    """

    def __init__(self, message: str, column: int | None = None, length: int = 1, hint: str = "") -> None:
        self.message = message + (f" — {hint}" if hint else "")
        self.column = column
        self.length = max(int(length), 1) if column is not None else 0
        where = f" at column {column}" if column is not None else ""
        super().__init__(message + where + (f" — {hint}" if hint else ""))

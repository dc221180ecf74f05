"""Text conventions of the stage files, identical to `ktrdr-train stages` (harness/cli/commands/stages.ts).

* numbers: the text JavaScript's ``String(number)`` gives (shortest text that reads back to the same double,
  ``1e-7`` / ``1e+21`` exponent forms, ``0`` for ``-0``); NaN is an empty cell;
* timestamps: ISO-8601 UTC ``2024-01-01T00:00:00Z``, with ``.sss`` only when the milliseconds are non-zero;
* CSV: ``timestamp`` first, comma-separated, ``\\n`` line ends and a final newline;
* files are written to a temporary name and renamed.
"""

from __future__ import annotations

import math
import os
from decimal import Decimal
from pathlib import Path


def js_number(value: float) -> str:
    """``String(value)`` as JavaScript prints a double; NaN gives ``""`` (the stage files' empty cell)."""
    value = float(value)
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    _, digit_tuple, exponent = Decimal(repr(abs(value))).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    exponent += len("".join(map(str, digit_tuple))) - len(digits)
    k = len(digits)
    n = exponent + k  # value = 0.d1…dk × 10^n
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = f"{digits[:n]}.{digits[n:]}"
    elif -6 < n <= 0:
        text = f"0.{'0' * -n}{digits}"
    else:
        e = n - 1
        mantissa = digits if k == 1 else f"{digits[0]}.{digits[1:]}"
        text = f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
    return sign + text


def utc_timestamp(stamp) -> str:
    """A pandas Timestamp (tz-aware or naive UTC) as ``YYYY-MM-DDTHH:MM:SS[.sss]Z``."""
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    text = stamp.strftime("%Y-%m-%dT%H:%M:%S")
    millis = stamp.microsecond // 1000
    return f"{text}.{millis:03d}Z" if millis else f"{text}Z"


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """Header line, then one line per row, each joined by commas; ends with a newline."""
    lines = [",".join(header)] + [",".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def frame_csv(frame, columns: list[str] | None = None) -> str:
    """A pandas DataFrame (DatetimeIndex) as a stage CSV: timestamp, then the given (default: all) columns."""
    names = list(frame.columns) if columns is None else columns
    values = [frame[name].to_numpy(dtype="float64") for name in names]
    stamps = [utc_timestamp(t) for t in frame.index]
    rows = [[stamps[r]] + [js_number(col[r]) for col in values] for r in range(len(stamps))]
    return csv_text(["timestamp", *[str(n) for n in names]], rows)


def write_atomic(path: Path, text: str) -> None:
    """Writes ``text`` to ``path`` through a temporary file in the same directory and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)

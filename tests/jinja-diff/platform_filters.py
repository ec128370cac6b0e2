"""The platform's own Jinja filters, in Python, for the differential test.

Their semantics (and where each choice comes from) are in PLATFORM_FILTERS.md; the Rust
engine's `crates/jinja/src/platform.rs` must agree with what these return.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
import time
from typing import Any

from jinja2 import Undefined

try:  # jsonpath-ng is only needed by the `jsonpath` filter
    from jsonpath_ng.ext import parse as _jsonpath_parse
except ImportError:  # pragma: no cover - reported when the filter is used
    _jsonpath_parse = None


# --------------------------------------------------------------------------
# Platform filters (semantics and sources: PLATFORM_FILTERS.md)
# --------------------------------------------------------------------------

_UTC = _dt.timezone.utc
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_UTC)


def _seconds(value: Any) -> int | float:
    """A number of seconds: an int or float, or a string holding one."""
    if isinstance(value, bool):
        raise TypeError(f"expected a number of seconds, got {type(value).__name__}")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            return float(text)  # ValueError when it is not a number either
    if isinstance(value, Undefined):
        # Behave like any other use of an undefined value.
        value._fail_with_undefined_error()
    raise TypeError(f"expected a number of seconds, got {type(value).__name__}")


def _iso_from_seconds(seconds: int | float) -> str:
    return _dt.datetime.fromtimestamp(seconds, tz=_UTC).isoformat()


def filter_timestamp_to_iso8601(value: Any) -> str:
    """Epoch seconds -> ISO 8601 text in UTC, e.g. 2023-11-14T22:13:20+00:00."""
    return _iso_from_seconds(_seconds(value))


_ISO_RE = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[Tt ](?P<h>\d{2}):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?"
    r"(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)


def filter_iso8601_to_timestamp(value: Any) -> int:
    """ISO 8601 text -> whole epoch seconds (int, fraction dropped toward zero).

    Accepted: YYYY-MM-DD, optionally followed by 'T' (or a space) and
    HH:MM[:SS[.fraction]], optionally followed by Z or +HH:MM / +HHMM / +HH.
    A time without offset is UTC.  Surrounding whitespace is ignored.
    """
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 8601 string, got {type(value).__name__}")
    m = _ISO_RE.fullmatch(value.strip())
    if m is None:
        raise ValueError(f"not an ISO 8601 date-time: {value!r}")
    g = m.groupdict()
    fraction = (g["f"] or "")[:6].ljust(6, "0")
    offset = _dt.timedelta(0)
    tz = g["tz"]
    if tz and tz not in ("Z", "z"):
        digits = tz[1:].replace(":", "")
        hours = int(digits[:2])
        minutes = int(digits[2:4] or 0)
        if hours > 23 or minutes > 59:
            raise ValueError(f"bad UTC offset in {value!r}")
        offset = _dt.timedelta(hours=hours, minutes=minutes)
        if tz[0] == "-":
            offset = -offset
    moment = _dt.datetime(
        int(g["y"]), int(g["mo"]), int(g["d"]),
        int(g["h"] or 0), int(g["mi"] or 0), int(g["s"] or 0), int(fraction),
        tzinfo=_dt.timezone(offset),
    )
    delta = moment - _EPOCH
    whole = delta.days * 86400 + delta.seconds
    if whole < 0 and delta.microseconds:
        whole += 1  # truncate toward zero, like int(dt.timestamp())
    return whole


def filter_regex_match(value: Any, pattern: str, ignore_case: bool = False) -> bool:
    """True when the pattern matches at the START of str(value) (re.match)."""
    flags = re.IGNORECASE if ignore_case else 0
    return re.match(pattern, str(value), flags) is not None


def filter_time_with_delta(value: Any) -> str:
    """Now (UTC) shifted by `value` seconds, as timestamp_to_iso8601 prints it."""
    return _iso_from_seconds(time.time() + _seconds(value))


def filter_fromjson(value: Any) -> Any:
    """Parse a JSON string; any non-string value is returned unchanged."""
    if isinstance(value, (str, bytes, bytearray)):
        return json.loads(value)
    return value


@functools.lru_cache(maxsize=256)
def _compiled_jsonpath(path: str):
    # jsonpath-ng builds its parser on every parse() call (about 15 ms), which
    # would swamp the benchmark; a parsed path has no state, so memoise it.
    return _jsonpath_parse(path)


def filter_jsonpath(value: Any, path: str, return_all: bool = False) -> Any:
    """JSONPath query (jsonpath-ng's extended syntax).

    return_all=False: no match -> None, one match -> that value, several
    matches -> the list of them.  return_all=True: always the list.
    """
    if _jsonpath_parse is None:
        raise RuntimeError("the jsonpath filter needs jsonpath-ng (see requirements.txt)")
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    matches = [m.value for m in _compiled_jsonpath(path).find(value)]
    if return_all:
        return matches
    if not matches:
        return None
    if len(matches) == 1:
        return matches[0]
    return matches


PLATFORM_FILTERS = {
    "jsonpath": filter_jsonpath,
    "timestamp_to_iso8601": filter_timestamp_to_iso8601,
    "iso8601_to_timestamp": filter_iso8601_to_timestamp,
    "regex_match": filter_regex_match,
    "time_with_delta": filter_time_with_delta,
    "fromjson": filter_fromjson,
}

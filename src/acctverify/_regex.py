"""Regular expressions that run in linear time, for every module that scans text (private).

Every pattern the scanner uses is written in the subset of syntax RE2 accepts (no look-around, no
back-references), and the test suite compiles each one with google-re2. They run in two ways:

* **whole-text scans** (:func:`spans`: the contact and keyword pattern over a whole message) run
  on RE2 when google-re2 is installed (it is a dependency). RE2's automaton is linear in the input
  whatever the input, so no message can make the scanner backtrack. The scan calls RE2's matcher
  directly on the UTF-8 bytes, once per match: the ``re2`` module's wrapper re-encodes the text
  and builds Python match objects, which costs more than a short message takes to scan.
* **bounded checks** (:meth:`Pattern.window_match`, :meth:`Pattern.window_search`: a few
  characters around a candidate, at most :data:`WINDOW` long) and the normaliser's scans for one
  or two character classes (``[…]+``) run on :mod:`re`: their cost is bounded by the window or
  linear by construction, and :mod:`re` has the lower fixed cost per call.

Without google-re2 (a broken installation), whole-text scans fall back to :mod:`re`; the patterns
are written so that it stays linear in practice (bounded repetitions, classes disjoint from what
follows them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["WINDOW", "Pattern", "compile_pattern", "re2_module", "registry", "spans"]

#: Longest window a bounded check looks at.
WINDOW = 64

_RE2: list[Any] = []


def re2_module() -> Any:
    """Return the google-re2 module, or ``None`` when it is not importable."""
    if not _RE2:
        try:
            import re2
        except ImportError:  # pragma: no cover - google-re2 is a dependency
            re2 = None
        _RE2.append(re2)
    return _RE2[0]


_REGISTRY: dict[str, Pattern] = {}


@dataclass
class Pattern:
    """One pattern, compiled on first use."""

    name: str
    source: str
    _re: re.Pattern[str] | None = field(default=None, repr=False)
    _low: Any = field(default=None, repr=False)
    _low_tried: bool = field(default=False, repr=False)

    def python(self) -> re.Pattern[str]:
        """The :mod:`re` compilation."""
        if self._re is None:
            self._re = re.compile(self.source)
        return self._re

    def low(self) -> Any:
        """RE2's own matcher object (``re2._re2.RE2``), or ``None`` to use :mod:`re`."""
        if not self._low_tried:
            self._low_tried = True
            module = re2_module()
            native = getattr(module, "_re2", None) if module is not None else None
            if native is not None and hasattr(native, "RE2"):
                compiled = native.RE2(self.source.encode("utf-8"), _options(module, False))
                if not compiled.ok():
                    raise ValueError(f"pattern {self.name} is not in the RE2 subset")
                self._low = compiled
        return self._low

    def window_match(self, window: str) -> re.Match[str] | None:
        """Match at the start of a short *window* (at most :data:`WINDOW` characters)."""
        return self.python().match(window)

    def window_search(self, window: str) -> re.Match[str] | None:
        """First match in a short *window*."""
        return self.python().search(window)


def _options(module: Any, capture: bool) -> Any:
    options = module.Options()
    options.max_mem = 64 << 20
    options.log_errors = False
    options.never_capture = not capture
    return options


def compile_pattern(name: str, source: str) -> Pattern:
    """Register *source* under *name* (compiled lazily) and return it."""
    pattern = Pattern(name, source)
    _REGISTRY[name] = pattern
    return pattern


def registry() -> dict[str, Pattern]:
    """Every registered pattern by name (for the tests that compile them all under RE2)."""
    return dict(_REGISTRY)


def spans(pattern: Pattern, text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` character offsets of the non-overlapping matches in *text*.

    Leftmost first, and the first alternative that matches at that position, as in Perl and
    :mod:`re`. *text* must be valid Unicode (no lone surrogates): the normaliser ensures it.
    """
    compiled = pattern._low if pattern._low_tried else pattern.low()
    if compiled is None:  # pragma: no cover - google-re2 is a dependency
        return [match.span() for match in pattern.python().finditer(text)]
    data = text.encode("utf-8")
    size = len(data)
    search = compiled.Match
    anchor = _ANCHOR[0] if _ANCHOR else _unanchored()
    found: list[tuple[int, int]] = []
    position = 0
    if len(data) == len(text):  # ASCII: byte offsets are character offsets
        while position <= size:
            start, end = search(anchor, data, position, size)[0]
            if start < 0:
                break
            found.append((start, end))
            position = end if end > start else end + 1
        return found
    # character offsets from byte offsets: count the UTF-8 continuation bytes in between
    continuations = data.translate(_CONTINUATION).count
    byte = char = 0
    while position <= size:
        ((start, end),) = search(anchor, data, position, size)
        if start < 0:
            break
        char += start - byte - continuations(128, byte, start)
        length = end - start - continuations(128, start, end)
        found.append((char, char + length))
        byte, char = end, char + length
        if end > start:
            position = end
        else:  # an empty match: step over one whole character
            position = end + 1
            while position < size and (data[position] & 0xC0) == 0x80:
                position += 1
    return found


#: Maps the UTF-8 continuation bytes (10xxxxxx) to 128, every other byte to 0.
_CONTINUATION = bytes(128 if byte & 0xC0 == 0x80 else 0 for byte in range(256))
_ANCHOR: list[Any] = []


def _unanchored() -> Any:
    _ANCHOR.append(re2_module()._re2.RE2.Anchor.UNANCHORED)
    return _ANCHOR[0]

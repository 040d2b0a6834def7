"""Reports made readable: masking, redaction, the HTML card, the findings table, terminal text.

Internal: what the rest of acctverify uses to show a report, not a public API (users call
``Report.redacted()``, ``Report.to_frame()``, the notebook card and ``acctverify check``).
Everything here takes models in and gives text (or a copy of a report, or a DataFrame) out:
nothing here verifies, reads input or writes output, so it imports no module above the models
(not :mod:`acctverify._verify`, ``batch``, ``frame`` or ``cli``).

* :func:`mask_digits` — account-like digit runs masked, the length kept (:mod:`._mask`);
* :func:`redact` — a copy of a report without the payer's personal data (:mod:`._redact`);
* :func:`report_html` — the self-contained HTML card (:mod:`._card`);
* :func:`report_frame` — the findings as a pandas DataFrame (:mod:`._table`);
* :func:`render_text`, :func:`use_colour` — the command's text output, wrapped to the terminal's
  width (:mod:`._text`, :mod:`._wrap`);
* codes in words (:mod:`._words`) and look-alike names marked (:mod:`._namediff`), for all of
  the above.
"""

from __future__ import annotations

from acctverify.render._card import LEVEL_COLOURS, report_html
from acctverify.render._mask import mask_digits
from acctverify.render._redact import redact
from acctverify.render._table import FRAME_COLUMNS, report_frame
from acctverify.render._text import DEFAULT_WIDTH, render_text, use_colour

__all__ = [
    "DEFAULT_WIDTH",
    "FRAME_COLUMNS",
    "LEVEL_COLOURS",
    "mask_digits",
    "redact",
    "render_text",
    "report_frame",
    "report_html",
    "use_colour",
]

"""The output: the level, the score, the findings with their evidence, the advice and the facts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from acctverify import _hooks
from acctverify.models._base import Model
from acctverify.models.facts import Facts
from acctverify.models.findings import Advice, Finding, Level

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped]

__all__ = ["Report"]


class Report(Model):
    """acctverify's answer: a level, a score, the findings with their evidence, and advice."""

    level: Level
    """Overall risk level."""
    score: int
    """Risk score, 0-100 (see ``acctverify.scoring``)."""
    findings: tuple[Finding, ...]
    """Everything found, largest contribution first."""
    advice: tuple[Advice, ...]
    """Concrete next steps, in Chinese and English."""
    facts: Facts
    """The parsed facts the findings rest on."""
    data_version: str
    """Digest of the shipped data tables used."""
    version: str
    """acctverify version."""
    as_of: date
    """The date the request was judged at."""

    def redacted(self) -> Report:
        """Return a copy to share: account, card and phone numbers, contact IDs and persons'
        names masked; codes, level, score, contributions and advice kept (see
        ``acctverify.render``)."""
        redacted: Report = _hooks.call("redact", self)
        return redacted

    def _repr_html_(self) -> str:
        """Show the report in Jupyter as a compact card: level, findings with evidence, advice."""
        html: str = _hooks.call("report_html", self)
        return html

    def to_frame(self) -> pandas.DataFrame:
        """Return the findings as a pandas DataFrame, one row per finding (needs pandas:
        ``pip install 'acctverify[pandas]'``)."""
        frame: pandas.DataFrame = _hooks.call("report_frame", self)
        return frame

"""Message risk: read a message the way an anti-fraud officer does (private).

Who claims to speak, what they ask for, on what pretext, through which channel, under what
pressure — the cues of ``data/cues.toml``, found in the folded text (negated ones set aside) and
in the scanner's hits (personal contacts, links, apps). The score is a logistic of the summed
weights: each present cue group's prior weight plus its learned correction, the best recognised
typology's term, the message form, and the character n-grams of the learned layer. Every term
points at the spans it rests on (:class:`~acctverify.models.text.RiskContribution`): nothing in
the score is opaque.

A message reads as a scam when a typology's defining combination is present and the score is not
pulled down by the shapes of a genuine notice (``threshold_typology``), when the score alone
reaches ``threshold`` (several cues, no typology), or when it makes a request an official rule
calls fraud by itself (a *decisive* cue: 安全账户, handing over a code or a card password, 刷流水,
a fee before a loan …) and is not itself an anti-fraud warning.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from acctverify._unicode import NormalisedText
from acctverify.models.text import (
    CueHit,
    HitKind,
    MessageForm,
    MessageRisk,
    RiskContribution,
    TextHit,
    TypologyMatch,
)
from acctverify.text._cues import Learned, cues, find, learned, typologies
from acctverify.text._negation import Negations

__all__ = ["TYPOLOGY_POINTS", "Features", "assess", "decide", "features"]

#: The log-odds term of the best recognised typology (before its learned correction); further
#: typologies add half of theirs.
TYPOLOGY_POINTS = 2.0
#: A speaker prefix at the start of a line: ``客服：``, ``A:``, ``来电：``, ``我：``.
_SPEAKER = re.compile(r"^[ \t]*([^\s:：,，。]{1,8})[ \t]*[:：]", re.MULTILINE)

_Span = tuple[int, int]

# Validating a dict in pydantic-core is several times cheaper than keyword construction (and
# than model_construct, which loops over the fields in Python).
_validate_cue_hit = CueHit.__pydantic_validator__.validate_python
_validate_term = RiskContribution.__pydantic_validator__.validate_python


def _cue_hit(**fields: object) -> CueHit:
    hit: CueHit = _validate_cue_hit(fields)
    return hit


def _term(feature: str, points: float, spans: tuple[_Span, ...] = ()) -> RiskContribution:
    term: RiskContribution = _validate_term({"feature": feature, "points": points, "spans": spans})
    return term


def _form(text: str) -> MessageForm:
    """A dialogue when at least two lines start with a speaker and there are two speakers."""
    if "\n" not in text:
        return MessageForm.SMS
    speakers = _SPEAKER.findall(text)
    if len(speakers) >= 2 and len(set(speakers)) >= 2:
        return MessageForm.DIALOGUE
    return MessageForm.SMS


def _hit_names(hit: TextHit) -> tuple[str, ...]:
    """What a scanner hit says, as the names cue groups list in ``hits``."""
    details = hit.details
    if hit.kind in (HitKind.WECHAT, HitKind.QQ):
        return ("personal_contact",)
    if hit.kind is HitKind.WECOM:
        return ("enterprise_wechat",)
    if hit.kind is HitKind.PHONE:
        names = []
        if details.personal:
            names.append("phone_personal")
        if details.cross_border:
            names.append("phone_cross_border")
        return tuple(names)
    if hit.kind is HitKind.URL:
        if details.brand_match == "official":
            return ("url_official",)
        names = ["url"]
        if details.short_link:
            names.append("url_short")
        if details.brand_match in ("subdomain", "lookalike"):
            names.append("url_lookalike")
        return tuple(names)
    if hit.kind is HitKind.APP and not details.negated:
        category = details.category or ""
        if category in ("remote_control", "screen_share"):
            return ("app_remote",)
        if category == "meeting":
            return ("app_meeting",)
        if category == "chat":
            return ("app_chat",)
    return ()


@functools.cache
def _cues_by(attribute: str) -> dict[str, tuple[str, ...]]:
    """Cue codes by each value of a cue's list *attribute* (``tlds``, ``hits``)."""
    found: dict[str, list[str]] = {}
    for cue in cues().values():
        for value in getattr(cue, attribute):
            found.setdefault(value, []).append(cue.code)
    return {value: tuple(codes) for value, codes in found.items()}


@dataclass
class Features:
    """What a message shows, before any weighing: the material of the score."""

    present: dict[str, list[_Span]]
    """Cue codes found (not negated) -> their spans in the original text."""
    grams: dict[str, list[_Span]]
    """N-grams of the learned layer found -> their spans."""
    cue_hits: list[CueHit]
    form: MessageForm
    typologies: list[tuple[str, tuple[str, ...]]]


def features(
    norm: NormalisedText, hits: Iterable[TextHit] = (), model: Learned | None = None
) -> Features:
    """Find the cues (and the n-grams of *model*) in the folded message *norm*."""
    table = cues()
    model = model or learned()
    text = norm.text
    negations = Negations(text)
    to_original = norm.to_original
    original = norm.original
    cue_hits: list[CueHit] = []
    present: dict[str, list[_Span]] = {}
    grams: dict[str, list[_Span]] = {}
    for item in sorted(find(text, model), key=lambda o: (o.start, o.end)):
        span = to_original(item.start, item.end)
        if item.cue is None:
            grams.setdefault(item.phrase, []).append(span)
            continue
        cue = table[item.cue]
        negation = (
            negations.cue(item.start, item.end, instruction=item.instruction)
            if cue.negatable
            else None
        )
        cue_hits.append(
            _cue_hit(
                code=cue.code,
                dimension=cue.dimension,
                start=span[0],
                end=span[1],
                raw=original[span[0] : span[1]],
                phrase=item.phrase,
                negated=negation is not None,
                negation=negation,
            )
        )
        if negation is None:
            present.setdefault(cue.code, []).append(span)
    by_name = _cues_by("hits")
    cheap = _cues_by("tlds")
    for hit in hits:
        if cheap and hit.kind is HitKind.URL and hit.details.brand_match != "official":
            suffix = (hit.details.registered_domain or hit.value).rpartition(".")[2]
            for code in cheap.get(suffix, ()):
                cue_hits.append(
                    _cue_hit(
                        code=code, dimension=table[code].dimension, start=hit.start,
                        end=hit.end, raw=hit.raw, phrase=f"url:.{suffix}", negated=False,
                        negation=None,
                    )
                )  # fmt: skip
                present.setdefault(code, []).append((hit.start, hit.end))
        for name in _hit_names(hit):
            for code in by_name.get(name, ()):
                cue = table[code]
                cue_hits.append(
                    _cue_hit(
                        code=code, dimension=cue.dimension, start=hit.start, end=hit.end,
                        raw=hit.raw, phrase=f"{hit.kind.value}:{name}", negated=False,
                        negation=None,
                    )
                )  # fmt: skip
                present.setdefault(code, []).append((hit.start, hit.end))
    return Features(
        present=present,
        grams=grams,
        cue_hits=cue_hits,
        form=_form(original),
        typologies=_typologies(frozenset(present)),
    )


def decide(found: Features, model: Learned | None = None) -> MessageRisk:
    """Weigh the features: the score, every term with its spans, and the verdict."""
    table = cues()
    model = model or learned()
    form = found.form
    terms: list[RiskContribution] = [_term(feature="bias", points=model.bias)]
    if model.form.get(form.value):
        terms.append(_term(feature=f"form:{form.value}", points=model.form[form.value]))
    present = found.present
    for code, spans in present.items():
        points = table[code].weight + model.cue.get(code, 0.0)
        if points:
            terms.append(_term(feature=f"cue:{code}", points=points, spans=_unique(spans)))
    for gram, spans in found.grams.items():
        points = model.ngrams.get(gram, 0.0)
        if points:
            terms.append(_term(feature=f"ngram:{gram}", points=points, spans=_unique(spans)))
    matched = found.typologies
    for rank, (typology, chosen) in enumerate(matched):
        points = TYPOLOGY_POINTS + model.typology.get(typology, 0.0)
        spans = [span for code in chosen for span in present[code]]
        terms.append(
            _term(
                feature=f"typology:{typology}",
                points=points if rank == 0 else points / 2,
                spans=_unique(spans),
            )
        )
    logit = math.fsum(term.points for term in terms)
    score = 1 / (1 + math.exp(-max(min(logit, 40.0), -40.0)))
    names = typologies()
    warned = any(table[code].dimension == "warning" for code in present)
    decisive: tuple[str, ...] = ()
    if not warned:
        decisive = tuple(code for code in present if table[code].decisive)
        # a combination is weaker evidence than a cue an official rule names: a message that also
        # points to the official channel (a genuine cue) is left to the score
        genuine = any(table[code].dimension == "genuine" for code in present)
        for typology, _ in () if genuine else matched:
            combination = names[typology].decisive_match(frozenset(present)) or ()
            decisive += tuple(code for code in combination if code not in decisive)
    scam = (
        score >= model.threshold
        or (bool(matched) and score >= model.threshold_typology)
        or bool(decisive)
    )
    terms.sort(key=lambda term: (-abs(term.points), term.feature))
    return MessageRisk(
        score=round(score, 4),
        scam=scam,
        form=form,
        typologies=tuple(
            TypologyMatch.model_construct(
                code=code, zh=names[code].zh, en=names[code].en, cues=chosen
            )
            for code, chosen in matched
        ),
        cues=tuple(sorted(found.cue_hits, key=lambda hit: (hit.start, hit.end, hit.code))),
        decisive=decisive,
        money_request=any(table[code].money for code in present),
        credential_request=any(table[code].credential for code in present),
        contributions=tuple(terms),
    )


def assess(norm: NormalisedText, hits: Iterable[TextHit] = ()) -> MessageRisk:
    """Assess the folded message *norm*; *hits* are the scanner's hits for the same text."""
    return decide(features(norm, hits))


def _unique(spans: list[_Span]) -> tuple[_Span, ...]:
    return tuple(sorted(set(spans)))


def _typologies(present: frozenset[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The typologies whose defining combination *present* meets, the strongest first: the one
    whose combinations use the most of the cues present (a game-trading message with a frozen
    deposit is game trading before it is a fake loan), then the longest combination, then the
    file's order."""
    found = []
    for order, typology in enumerate(typologies().values()):
        chosen = typology.matches(present)
        if chosen is not None:
            found.append(
                (-len(typology.uses & present), -len(chosen), order, typology.code, chosen)
            )
    found.sort()
    return [(code, chosen) for _, _, _, code, chosen in found]

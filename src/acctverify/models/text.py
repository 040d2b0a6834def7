"""What :mod:`acctverify.text` finds in messages: contact channels and scam phrases, with spans.

Every hit keeps its exact span in the *original* text (``text[hit.start:hit.end] == hit.raw``),
whatever normalisation was needed to find it, and says which rule fired and on what evidence, so
that a finding can quote it. All values are JSON-ready; every model is frozen.
"""

from __future__ import annotations

from enum import Enum

from acctverify.models._base import Model

__all__ = [
    "CueHit",
    "HitDetails",
    "HitKind",
    "MessageForm",
    "MessageRisk",
    "PhraseFamily",
    "RiskContribution",
    "ScanResult",
    "TextHit",
    "TypologyMatch",
]


class HitKind(str, Enum):
    """What a :class:`TextHit` is."""

    PHONE = "phone"
    """电话号码: a telephone number valid for its region (value in E.164, ``+8613812345678``)."""
    SHORT_NUMBER = "short_number"
    """服务短号码: a service number such as 95588, 96110 or 12381 (value: the digits)."""
    WECHAT = "wechat"
    """个人微信: a personal WeChat ID, or a number given as one, next to a WeChat word."""
    WECOM = "wecom"
    """企业微信: WeChat Work, the channel some lenders use officially; kept apart from WeChat."""
    QQ = "qq"
    """QQ 号: a QQ number next to a QQ word (QQ, 扣扣, 企鹅 …)."""
    URL = "url"
    """网址: a link, with or without a scheme (value: the host, lower-case)."""
    EMAIL = "email"
    """电子邮箱: an e-mail address (value: the address, lower-case)."""
    APP = "app"
    """应用: a meeting, chat or remote-control app, or screen sharing (value: a stable app id)."""
    PHRASE = "phrase"
    """话术: a phrase of a scam phrase family (value: the family code)."""


class HitDetails(Model):
    """Kind-specific facts about a hit; fields that do not apply are ``None``."""

    number_type: str | None = None
    """Phones: phonenumbers' number type, lower-case (``mobile``, ``fixed_line``, ``toll_free``,
    ``shared_cost``, ``fixed_line_or_mobile``, ``voip`` …)."""
    region: str | None = None
    """Phones: the region the number belongs to (``CN``, ``HK`` …)."""
    country_code: int | None = None
    """Phones: the country calling code (86, 852 …)."""
    cross_border: bool | None = None
    """Phones: the number is outside mainland China (境外号码: ``+852…``, ``00…``)."""
    personal: bool | None = None
    """Whether the contact reaches a person rather than an institution: True for mobile numbers,
    personal WeChat and QQ; False for service numbers, 400/800 lines and 企业微信; ``None`` when
    it cannot be told (fixed lines, e-mail)."""
    institution: str | None = None
    """Phones and short numbers: the bank code or service id the number is listed for
    (``CMB``, ``WEBANK``, ``anti_fraud_96110`` …). Context, never proof: numbers can be spoofed."""
    institution_name: str | None = None
    """The listed institution's Chinese name."""
    registered_domain: str | None = None
    """URLs and e-mail: the registrable domain (tldextract with its bundled suffix list)."""
    short_link: bool | None = None
    """URLs: the host is a URL shortener (t.cn, dwz.cn …): the real destination is hidden."""
    brand: str | None = None
    """URLs and e-mail: the brand whose name or domain appears in the host (``webank``,
    ``jd`` …)."""
    brand_match: str | None = None
    """How the brand appears: ``official`` (one of its domains), ``subdomain`` (its domain or
    hotline used as a sub-domain of another domain), ``lookalike`` (its name inside another
    domain)."""
    family: str | None = None
    """Phrases: the phrase-family code (same as the value)."""
    phrase: str | None = None
    """Phrases: the listed phrase that matched (normalised), e.g. ``安全账户``."""
    means: str | None = None
    """Phrases: for slang, the word it stands for (鞋商 → 协商)."""
    weak: bool | None = None
    """Phrases and apps: the word also occurs in genuine messages; weigh it lightly."""
    confirmed: bool | None = None
    """Phrases, apps and channel words: False when the listing is marked unconfirmed."""
    negated: bool | None = None
    """Phrases and apps: covered by a negation in the same clause (请勿, 不要, 没有, 谨防 …) or
    followed by a warning in the same sentence (…是诈骗, 骗局): the message is more likely warning
    against the scam than running it."""
    negation: str | None = None
    """Phrases and apps: the negation or warning word found (normalised)."""
    category: str | None = None
    """Apps: ``meeting``, ``remote_control``, ``chat`` or ``screen_share``."""


class TextHit(Model):
    """One thing found in a message, with its exact place in the original text."""

    kind: HitKind
    """What was found."""
    value: str
    """The normalised value: E.164 for phones, digits for short numbers and QQ, the ID for WeChat,
    the host for URLs, the address for e-mail, the app id for apps, the family code for phrases."""
    start: int
    """Offset of the first character in the original text."""
    end: int
    """Offset just past the last character in the original text (``text[start:end] == raw``)."""
    raw: str
    """The original slice, exactly as written."""
    rule: str
    """Id of the pattern or keyword rule that fired (see :data:`acctverify.text.RULES`)."""
    context: str | None = None
    """The channel word or cue that supported the hit, as written (``薇信``, ``vx``, ``下载``)."""
    obfuscated: bool = False
    """The raw text hides the value: full-width or circled characters, Chinese numerals, junk
    characters inside it, or a homophone or slang channel word."""
    details: HitDetails = HitDetails()
    """Kind-specific facts."""


class ScanResult(Model):
    """Everything :func:`acctverify.text.scan_detailed` found, and how much of the text it read."""

    hits: tuple[TextHit, ...]
    """Hits sorted by start (then end, then kind); at most one per span and kind."""
    truncated: bool
    """The text was longer than ``max_chars``: only the first ``scanned_chars`` were scanned."""
    scanned_chars: int
    """Number of characters scanned."""
    text_length: int
    """Length of the whole text."""


class PhraseFamily(Model):
    """A family of scam phrases, with the official typology it comes from."""

    code: str
    """Stable code, e.g. ``safe_account``."""
    zh: str
    """What the family means, in Chinese."""
    en: str
    """What the family means, in English."""
    sources: tuple[str, ...]
    """The pages (official typologies, warnings) the family is built from."""
    phrases: tuple[str, ...] = ()
    """Phrases named by the sources (or direct spellings of them)."""
    weak: tuple[str, ...] = ()
    """Phrases that also occur in genuine messages."""
    unconfirmed: tuple[str, ...] = ()
    """Phrases not in the cited sources: request forms and variants added by hand."""
    slang: tuple[tuple[str, str], ...] = ()
    """Filter-dodging spellings with the word each stands for, e.g. ``('鞋商', '协商')``;
    all unconfirmed."""
    note: str = ""
    """How the family was built, where that needs saying."""
    label_zh: str = ""
    """The short name findings use, in Chinese (``先交费用``)."""
    label_en: str = ""
    """The short name findings use, in English (``advance fee``)."""
    weight: float = 0
    """The weight of the family's finding (``messages.<code>``), in points."""
    floor: str | None = None
    """The lowest level a request with the family's finding can have (``medium``, ``high``)."""


class MessageForm(str, Enum):
    """What kind of message a text is, as far as its shape tells."""

    SMS = "sms"
    """A single message (SMS, one chat message, a notice)."""
    DIALOGUE = "dialogue"
    """A conversation written as speaker-prefixed turns (``客服：…`` / ``我：…``, ``A：…``): a chat
    or a call transcript."""


class CueHit(Model):
    """One cue of the message-risk reader found in a message, with its span in the original."""

    code: str
    """The cue group (``ask.transfer``, ``who.police``, ``genuine.otp_notice`` …; see
    ``acctverify.text.CUES``)."""
    dimension: str
    """``who``, ``ask``, ``pretext``, ``channel``, ``pressure``, ``genuine`` or ``warning``."""
    start: int
    """Offset of the first character in the original text."""
    end: int
    """Offset just past the last character in the original text."""
    raw: str
    """The original slice."""
    phrase: str
    """The listed word or pattern that matched (normalised), or the scanner's hit kind."""
    negated: bool = False
    """A negation or warning in the same clause covers it: it does not count."""
    negation: str | None = None
    """The negating word, when negated."""


class TypologyMatch(Model):
    """A scam typology the message matches: one of its defining combinations of cues is present."""

    code: str
    """Stable typology code (``fake_loan``, ``fake_authority`` …; see
    ``acctverify.text.TYPOLOGIES``)."""
    zh: str
    """Its name in Chinese (``虚假网络贷款``)."""
    en: str
    """Its name in English."""
    cues: tuple[str, ...]
    """The cue codes of the combination found."""


class RiskContribution(Model):
    """One term of a message's risk score, with the spans it rests on."""

    feature: str
    """``bias``, ``cue:<code>``, ``typology:<code>``, ``ngram:<text>`` or ``form:<form>``."""
    points: float
    """What it added to the score's log-odds (negative: it lowered the score)."""
    spans: tuple[tuple[int, int], ...] = ()
    """Where in the original text it rests (empty for the bias and the form)."""


class MessageRisk(Model):
    """How one message reads: who speaks, what they ask, on what pretext — and the verdict."""

    score: float
    """The probability-like risk score, 0-1 (a logistic of the summed contributions)."""
    scam: bool
    """The score reaches the scam threshold (:data:`acctverify.text.SCAM_THRESHOLD`) or a
    typology is recognised."""
    form: MessageForm
    """A single message or a dialogue."""
    typologies: tuple[TypologyMatch, ...] = ()
    """The scam typologies recognised, best first."""
    cues: tuple[CueHit, ...] = ()
    """Every cue found (negated ones included, marked), sorted by start."""
    decisive: tuple[str, ...] = ()
    """Cues present that an official rule calls fraud by themselves ("凡是…都是诈骗"), or that
    together meet a typology's decisive combination, when the message is not an anti-fraud
    warning."""
    money_request: bool = False
    """A cue asks to move money (transfer, fee, deposit, safe account …), not negated."""
    credential_request: bool = False
    """A cue asks for a verification code, password, card data or screen sharing, not negated."""
    contributions: tuple[RiskContribution, ...] = ()
    """The terms of the score, largest first."""
    omitted: int = 0
    """Cue hits and spans left out of this copy: a report keeps at most
    ``acctverify.MAX_HITS_PER_MESSAGE`` cue hits per message and as many spans per term (the
    score and verdict were made from them all)."""

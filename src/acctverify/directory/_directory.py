"""The Directory: an immutable collection of creditors with a name index (private)."""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from acctverify._lookalike import search
from acctverify._unicode import (
    has_compatibility_ideographs,
    has_invisible,
    match_key,
    replace_surrogates,
    t2s,
)
from acctverify.directory._index import (
    BRANCH_ENDINGS,
    DEBT_RELIEF_WORDS,
    LEGAL_FORMS,
    SERVICE_WORDS,
    Entry,
    Index,
    bank_keys,
    build_index,
    covered,
    find_contained,
)
from acctverify.models.directory import (
    Confidence,
    Creditor,
    CreditorHotline,
    CreditorMatch,
    DirectoryFile,
    HotlineKind,
    KnownNames,
    MatchVia,
    OfficialAccount,
    OfficialDomain,
)

__all__ = ["MAX_QUERY_CHARS", "Directory"]

#: Longest text :meth:`Directory.resolve` looks at; longer input is not a creditor name.
MAX_QUERY_CHARS = 300


def _with_bank_facts(creditor: Creditor) -> Creditor:
    """Add the published hotlines of the bank table to an entry with a bank code."""
    if creditor.bank_code is None:
        return creditor
    from acctverify.cn import banks

    bank = banks.get(creditor.bank_code)
    if bank is None:  # pragma: no cover - the model validates bank codes
        return creditor
    have = {(h.number, h.kind.value) for h in creditor.hotlines}
    extra = tuple(
        CreditorHotline(
            number=h.number,
            kind=HotlineKind(h.kind),
            confidence=Confidence(h.confidence),
            source=h.source,
            note="from the bank table (bank_hotlines.csv)",
        )
        for h in bank.hotlines
        if (h.number, h.kind) not in have
    )
    return (
        creditor.model_copy(update={"hotlines": creditor.hotlines + extra}) if extra else creditor
    )


class Directory:
    """An immutable collection of creditors, looked up by id, name, number or domain.

    Build one with :meth:`builtin`, :meth:`load` or :meth:`from_file`; combine with :meth:`merged`.
    """

    def __init__(self, creditors: Iterable[Creditor] = (), known_names: Iterable[KnownNames] = ()):
        entries: dict[str, Creditor] = {}
        for creditor in creditors:
            entries[creditor.id] = _with_bank_facts(creditor)
        self._creditors = entries
        self._known = tuple(known_names)

    # --- construction ------------------------------------------------------------------------

    @classmethod
    def from_file(cls, content: DirectoryFile, *, origin: str = "user") -> Directory:
        """Build a directory from validated file content, marking each entry's origin."""
        return cls(
            (c.model_copy(update={"origin": origin}) for c in content.creditors),
            content.known_names,
        )

    @classmethod
    def builtin(cls) -> Directory:
        """Return the built-in directory (read once, cached)."""
        return _builtin()

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Directory:
        """Read a user file (``.toml`` or ``.json``): that file's entries only.

        Raises :class:`acctverify.exceptions.DataError` with the file name and the line (syntax
        errors) or the field path (validation errors).
        """
        from acctverify.directory._load import read_file

        name, content = read_file(path)
        return cls.from_file(content, origin=f"user:{name}")

    def merged(self, other: Directory) -> Directory:
        """Return a directory where *other*'s entries replace this one's by id, or are added."""
        creditors = dict(self._creditors)
        creditors.update(other._creditors)
        return Directory(creditors.values(), self._known + other._known)

    # --- collection --------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Creditor]:
        return iter(self._creditors.values())

    def __len__(self) -> int:
        return len(self._creditors)

    def __contains__(self, creditor_id: object) -> bool:
        return isinstance(creditor_id, str) and creditor_id in self._creditors

    def __repr__(self) -> str:
        return f"<Directory of {len(self)} creditors>"

    def get(self, creditor_id: object) -> Creditor | None:
        """Return the entry with this id, or ``None``."""
        if not isinstance(creditor_id, str):
            return None
        return self._creditors.get(creditor_id)

    @property
    def known_names(self) -> tuple[KnownNames, ...]:
        """Names of real institutions that are never look-alikes."""
        return self._known

    def _pick(self, creditor: Creditor | str | None) -> tuple[Creditor, ...]:
        if creditor is None:
            return tuple(self._creditors.values())
        if isinstance(creditor, Creditor):
            return (self._creditors.get(creditor.id, creditor),)
        found = self.get(creditor)
        return (found,) if found else ()

    # --- facts -------------------------------------------------------------------------------

    def is_official_number(
        self, digits: object, creditor: Creditor | str | None = None
    ) -> CreditorHotline | None:
        """Return the published hotline *digits* is, or ``None``.

        Spaces, dashes and brackets are ignored. A listed number seen in a message is context, not
        proof: caller ids and SMS senders can be spoofed.
        """
        if not isinstance(digits, str) or len(digits) > 40:
            return None
        number = _dial_digits(digits)
        if number is None:
            return None
        listed = self._numbers.get(number)
        if not listed:
            return None
        if creditor is None:
            return listed[0][1]
        wanted = {entry.id for entry in self._pick(creditor)}
        return next((hotline for owner, hotline in listed if owner in wanted), None)

    def number_owners(self, digits: object) -> tuple[tuple[str, CreditorHotline], ...]:
        """Return (creditor id, hotline) for every entry that publishes *digits*, in order."""
        if not isinstance(digits, str) or len(digits) > 40:
            return ()
        number = _dial_digits(digits)
        return tuple(self._numbers.get(number, ())) if number is not None else ()

    def domain_owner(self, host: object) -> tuple[str, OfficialDomain] | None:
        """Return (creditor id, domain) of the first entry whose official domain *host* is or is
        under, or ``None``."""
        name = _host(host)
        if name is None:
            return None
        for entry in self._creditors.values():
            for domain in entry.domains:
                if name == domain.domain or name.endswith("." + domain.domain):
                    return entry.id, domain
        return None

    @functools.cached_property
    def _numbers(self) -> dict[str, list[tuple[str, CreditorHotline]]]:
        """Every published number -> (creditor id, hotline), in directory order."""
        index: dict[str, list[tuple[str, CreditorHotline]]] = {}
        for entry in self._creditors.values():
            for hotline in entry.hotlines:
                index.setdefault(hotline.number, []).append((entry.id, hotline))
        return index

    def is_official_domain(
        self, host: object, creditor: Creditor | str | None = None
    ) -> OfficialDomain | None:
        """Return the official domain *host* (a host name or URL) equals or is a subdomain of.

        ``www.webank.com`` is WeBank's; ``webank.com.evil.top`` and ``evilwebank.com`` are not.
        """
        name = _host(host)
        if name is None:
            return None
        for entry in self._pick(creditor):
            for domain in entry.domains:
                if name == domain.domain or name.endswith("." + domain.domain):
                    return domain
        return None

    def official_accounts(self, creditor: Creditor | str) -> tuple[OfficialAccount, ...]:
        """Return the corporate repayment accounts the creditor publishes (none are built in)."""
        if creditor is None:
            return ()
        found = self._pick(creditor)
        if not found or found[0].repayment is None:
            return ()
        return found[0].repayment.official_accounts

    # --- resolution --------------------------------------------------------------------------

    @functools.cached_property
    def _index(self) -> Index:
        return build_index(tuple(self._creditors.values()), self._known)

    def compared_creditor(self, match: CreditorMatch | None) -> Creditor | None:
        """The creditor a payee is checked against: the one resolved, or — for a look-alike of
        an official name — the one imitated, so that a payee imitating it is caught too."""
        if match is None:
            return None
        if match.creditor is not None:
            return match.creditor
        return self.get(match.imitated_id) if match.imitated_id else None

    def is_known_name(self, text: object) -> bool:
        """Whether *text* is, after normalisation, the name of a known institution: a directory
        entry's official or registered name, a licensed lender on the known-names list, or a
        bank's name. Such a name is never an imitation of another."""
        if not isinstance(text, str) or not text.strip() or len(text) > 200:
            return False
        return self._is_real_name(match_key(text))

    def _is_real_name(self, text: str) -> bool:
        if text in self._index.exact:
            return True
        from acctverify.cn import banks

        bank = banks.resolve(text)
        return bank is not None and text in bank_keys(bank.code)

    def resolve(self, text: object) -> CreditorMatch | None:
        """Find the creditor a product, alias, legal or former name, or bank name refers to.

        Returns ``None`` when nothing is recognised (and for anything that is not a ``str``); a
        look-alike of an official name comes back with ``creditor=None`` and ``lookalike=True``.
        Never raises.
        """
        if not isinstance(text, str) or len(text) > MAX_QUERY_CHARS:
            return None
        query = replace_surrogates(text)
        key = match_key(query)
        if not key:
            return None
        reasons: list[str] = []
        if has_invisible(text):
            reasons.append("invisible_characters")
        if has_compatibility_ideographs(query):
            reasons.append("compatibility_ideographs")
        if t2s(query) != query:
            reasons.append("traditional_chinese")
        index = self._index
        base = {"query": text[:200], "normalised": key}

        hits = index.exact.get(key)
        if hits:
            return self._match(hits[0], base, reasons, exact=True, also=hits[1:])

        from acctverify.cn import banks

        bank = banks.resolve(key)
        other_bank = bank is not None and bank.code not in index.bank_codes
        contained = find_contained(key, index)
        skip_lookalike = other_bank or any(name in key for name in index.known)
        if not skip_lookalike:
            found = search(
                key,
                index.candidates,
                self._is_real_name,
                covered=covered(key, index),
                prefer=contained[0].creditor_id if contained else None,
                service_words=SERVICE_WORDS,
            )
            if found is not None:
                cand = found.candidate
                return CreditorMatch(
                    **base,
                    matched=cand.official,
                    lookalike=True,
                    lookalike_of=cand.official,
                    imitated_id=cand.owner,
                    reasons=(*reasons, f"lookalike_{found.kind}"),
                )
        if contained is None:
            return None
        entry, start = contained
        rest = key[:start] + key[start + len(entry.key) :]
        extra = "".join(c for c in rest if unicodedata.category(c)[0] not in "PS")
        is_bank = self._creditors[entry.creditor_id].bank_code is not None
        if is_bank and start == 0 and extra.endswith(BRANCH_ENDINGS):
            reasons.append("bank_branch")
        else:
            reasons.append("contained_name")
            if any(word in extra for word in DEBT_RELIEF_WORDS):
                reasons.append("debt_relief_wording")
            if key.endswith(LEGAL_FORMS):
                reasons.append("unregistered_company_name")
        return self._match(entry, base, reasons, exact=False, extra=extra)

    def _match(
        self,
        entry: Entry,
        base: dict[str, str],
        reasons: list[str],
        *,
        exact: bool,
        also: tuple[Entry, ...] = (),
        extra: str = "",
    ) -> CreditorMatch:
        creditor = self._creditors[entry.creditor_id]
        others = tuple(dict.fromkeys(e.creditor_id for e in also if e.creditor_id != creditor.id))
        notes = list(reasons)
        if entry.via is MatchVia.FORMER_NAME:
            notes.append("former_name")
        if entry.entity is not None and entry.entity.confidence is Confidence.UNCONFIRMED:
            notes.append("unconfirmed_entity")
        if creditor.confidence is Confidence.UNCONFIRMED:
            notes.append("unconfirmed_creditor")
        if others:
            notes.append("ambiguous")
        return CreditorMatch(
            **base,
            creditor=creditor,
            matched=entry.official,
            via=entry.via,
            entity=entry.entity,
            exact=exact,
            extra=extra,
            also=others,
            reasons=tuple(dict.fromkeys(notes)),
        )


@functools.lru_cache(maxsize=4096)
def _dial_digits(text: str) -> str | None:
    """The digits of a phone number as written (spaces, dashes, brackets removed), or None."""
    number = "".join(c for c in unicodedata.normalize("NFKC", text) if c not in " -()（）\u00a0\t")
    return number if number.isascii() and number.isdigit() else None


def _host(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip() or len(value) > 2000:
        return None
    text = unicodedata.normalize("NFKC", value.strip())
    try:
        if "://" in text:
            host = urlsplit(text).hostname or ""
        else:
            host = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
            host = host.rsplit("@", 1)[-1]
            if host.startswith("["):
                return None
            host = host.split(":", 1)[0]
        host = host.strip().lower().rstrip(".")
        if not host.isascii():
            host = host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return None
    return host or None


@functools.cache
def _builtin() -> Directory:
    from acctverify.directory._load import read_builtin

    return Directory.from_file(read_builtin(), origin="builtin")

"""acctverify.text.scan: speed against phonenumbers' matcher, and linear growth.

1. ``scan`` against ``phonenumbers.PhoneNumberMatcher(text, "CN")`` over the realistic messages of
   tests/data/text_messages.toml (genuine bank and lender notices, scam texts), target >= 10x.
   Before timing, the bench checks that scan finds every number the matcher finds: as a phone
   with the same E.164 value, or — where the matcher reads a QQ number as a fixed line — as the
   QQ/WeChat hit on the same span. scan's per-number caches (phonenumbers' verdicts, host facts)
   are cleared before every timed run, so each run sees every number for the first time.
2. Growth: adversarial, repetitive input of 1 MB against 100 KB of the same, target <= 15x (the
   cost must grow linearly; 10x is proportional).

``python bench/bench_text.py --stages`` prints where scan's time goes, in microseconds per message
of the corpus, each stage timed right after a run of the matcher as in the benchmark.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import phonenumbers
from _harness import Result, best_time, compare

from acctverify.text import HitKind, _phone_plan, _urls, scan, scan_detailed

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "text_messages.toml"

#: Adversarial inputs: each builds a text of about n characters.
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "digits": lambda n: "1" * n,
    "spaced digits": lambda n: "1 " * (n // 2),
    "channel words": lambda n: "微信" * (n // 2),
    "dots": lambda n: "a." * (n // 2),
    "junk in numbers": lambda n: "1★3 8-" * (n // 6),
    "phrases": lambda n: "安全账户" * (n // 4),
    "phones": lambda n: "13812345678 " * (n // 12),
}


def messages() -> list[str]:
    corpus = tomllib.loads(CORPUS.read_text(encoding="utf-8"))
    return [item["text"] for item in corpus["genuine"] + corpus["scam"]]


def check_parity(texts: list[str]) -> None:
    """Fail unless scan finds every number the matcher finds."""
    e164 = phonenumbers.PhoneNumberFormat.E164
    for text in texts:
        hits = scan(text)
        phones = {hit.value for hit in hits if hit.kind is HitKind.PHONE}
        other = {(hit.start, hit.end) for hit in hits if hit.kind in (HitKind.QQ, HitKind.WECHAT)}
        for match in phonenumbers.PhoneNumberMatcher(text, "CN"):
            value = phonenumbers.format_number(match.number, e164)
            found = value in phones or (match.start, match.end) in other
            assert found, f"scan missed {match.raw_string!r} in {text!r}"


def clear_caches() -> None:
    """Forget every number and host seen (the structural caches, keywords and tables, stay)."""
    _phone_plan.classify_phone.cache_clear()
    _phone_plan.valid_short_number.cache_clear()
    _phone_plan.phone_details.cache_clear()
    _urls.host_facts.cache_clear()
    _urls.split_host.cache_clear()


def growth(name: str, make: Callable[[int], str], repeats: int = 3) -> Result:
    small, big = make(100_000), make(1_000_000)
    for text in (small, big):  # warm up, and check that nothing is truncated
        assert not scan_detailed(text).truncated
    candidate = baseline = float("inf")
    for _ in range(repeats):
        candidate = min(candidate, best_time(lambda: scan(big), 1))
        baseline = min(baseline, best_time(lambda: scan(small), 1))
    return Result(f"text.scan, 1 MB of {name}", "100 KB", candidate, baseline, 15.0, kind="cost")


def run() -> list[Result]:
    texts = messages()
    check_parity(texts)

    def ours() -> None:
        clear_caches()
        for text in texts:
            scan(text)

    def matcher() -> None:
        for text in texts:
            for _ in phonenumbers.PhoneNumberMatcher(text, "CN"):
                pass

    results = [
        compare(
            f"text.scan ({len(texts)} messages)",
            ours,
            'phonenumbers.PhoneNumberMatcher(text, "CN")',
            matcher,
            target=10.0,
        )
    ]
    results.extend(growth(name, make) for name, make in ADVERSARIAL.items())
    return results


def stages(repeats: int = 20) -> dict[str, float]:
    """Microseconds per message for each stage of scan over the corpus (best of *repeats*)."""
    from acctverify import _regex as engine
    from acctverify.text import TextHit, normalise
    from acctverify.text import _scan as scanner

    texts = messages()
    norms = [normalise(text) for text in texts]
    found = [scanner._find(norm.text, ()) for norm in norms]
    hits = [scan(text) for text in texts]
    fields = [  # what _build hands to pydantic
        [{name: getattr(hit, name) for name in TextHit.model_fields} for hit in items]
        for items in hits
    ]
    validate = TextHit.__pydantic_validator__.validate_python
    master = scanner._master()

    def matcher() -> None:
        for text in texts:
            for _ in phonenumbers.PhoneNumberMatcher(text, "CN"):
                pass

    def cleared(stage: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            clear_caches()
            return stage()

        return run

    timed: dict[str, Callable[[], object]] = {
        "normalise": lambda: [normalise(text) for text in texts],
        "find: RE2 master pass": lambda: [engine.spans(master, norm.text) for norm in norms],
        "find: all (RE2 pass, numbers, keywords, channels, links)": cleared(
            lambda: [scanner._find(norm.text, ()) for norm in norms]
        ),
        "build: all (map back, obfuscation, TextHit)": lambda: [
            scanner._build(norm, list(items)) for norm, items in zip(norms, found, strict=True)
        ],
        "build: TextHit validation alone": lambda: [
            [validate(hit) for hit in items] for items in fields
        ],
        "scan": cleared(lambda: [scan(text) for text in texts]),
        "phonenumbers.PhoneNumberMatcher": matcher,
    }
    result = {}
    for name, stage in timed.items():
        stage()
        best = float("inf")
        for _ in range(repeats):
            matcher()  # what runs in between in the benchmark
            best = min(best, best_time(stage, 1))
        result[name] = best / len(texts) * 1e6
    return result


if __name__ == "__main__":
    if "--stages" in sys.argv:
        for name, micros in stages().items():
            print(f"{micros:8.2f} us/message  {name}")
    else:
        for result in run():
            print(result.line())

"""verify_many(): verify()'s reports, in order, streaming; bad rows as reports; no leftovers."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import acctverify as av
from acctverify import _pool
from acctverify.batch import invalid_request_report, verify_many
from acctverify.models import Level, PaymentRequest, Report
from acctverify.rules.catalogue import FINDINGS

AS_OF = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _pool_even_for_small_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' inputs are small: let workers=n start helpers for them anyway, so that the
    pool is what they test (test_small_inputs_stay_in_the_calling_process checks the rule)."""
    monkeypatch.setattr(_pool, "SMALL_INPUT", 0)


ROOT = Path(__file__).resolve().parent.parent
WEBANK = "深圳前海微众银行股份有限公司"

GOOD: list[dict[str, Any]] = [
    {"payee": {"name": WEBANK}, "creditor": "微粒贷"},
    {"payee": {"name": "张三", "account": "6217000000123456786"}, "creditor": "微粒贷"},
    {
        "payee": {"name": "深圳市某某商务咨询有限公司", "account": "44250100003800001234"},
        "creditor": "京东金条",
        "messages": ["【京东金条】请转入我司对公账户，可停息挂账。专员微信 wx_kefu888"],
    },
]
BAD: list[Any] = [
    {"payee": {"account": 6217000000123456786}},  # a number where text is expected
    {"payee": {"name": "张三"}, "surprise": 1},  # unknown field
    {"messages": ["短信"] * 51},  # too many messages
    "not a request",
    None,
]


def mixed(count: int) -> list[Any]:
    """*count* rows: the good ones with a bad one after every third."""
    pattern = [*GOOD, BAD[0], *GOOD, BAD[3]]
    return [pattern[index % len(pattern)] for index in range(count)]


def expected(rows: list[Any]) -> list[Report]:
    out = []
    for row in rows:
        try:
            out.append(av.verify(row, as_of=AS_OF))
        except ValidationError as exc:
            out.append(invalid_request_report(exc, as_of=AS_OF))
    return out


def same(left: Report, right: Report) -> bool:
    return left.model_dump_json() == right.model_dump_json()


# --- in this process -------------------------------------------------------------------------


def test_in_process_matches_verify_in_order() -> None:
    rows = mixed(23)
    reports = list(verify_many(rows, as_of=AS_OF))
    assert len(reports) == len(rows)
    assert all(same(a, b) for a, b in zip(reports, expected(rows), strict=True))


def test_requests_may_be_models_or_dicts() -> None:
    model = PaymentRequest.model_validate(GOOD[1])
    first, second = verify_many([model, GOOD[1]], as_of=AS_OF)
    assert same(first, second)


@pytest.mark.parametrize("row", BAD, ids=["number", "extra", "too_many", "string", "none"])
def test_a_bad_row_becomes_a_report(row: Any) -> None:
    [report] = verify_many([row], as_of=AS_OF)
    assert [f.code for f in report.findings] == ["input.invalid_request"]
    finding = report.findings[0]
    assert report.level is Level.MEDIUM
    assert finding.kind is FINDINGS["input.invalid_request"].kind
    assert finding.evidence, "the validation error's location is the evidence"
    assert "{" not in finding.message_en
    assert finding.message_en.startswith("The request is malformed and could not be checked: ")
    assert report.advice
    assert report.as_of == AS_OF


def test_invalid_request_quotes_the_error_and_masks_numbers() -> None:
    [report] = verify_many([BAD[0]], as_of=AS_OF)
    finding = report.findings[0]
    assert "payee.account: Input should be a valid string" in finding.message_en
    assert finding.evidence[0].field == "payee.account"
    assert finding.evidence[0].value == "6217***********6786"
    assert "6217000000123456786" not in report.model_dump_json()


def test_invalid_request_lists_a_few_errors() -> None:
    fields = ("name", "account", "bank", "branch", "cnaps")
    row = {"payee": dict.fromkeys(fields, 1), "creditor": 2}
    [report] = verify_many([row], as_of=AS_OF)
    finding = report.findings[0]
    assert len(finding.evidence) == 5
    assert "(+1 more)" in finding.message_en
    assert finding.evidence[0].field.startswith("payee.")


def test_invalid_request_reports_can_always_be_written_out() -> None:
    rows = [{"payee": {"name": "张三"}, "x\ud800" * 100: "\udfff"}, {"messages": [1, "\ud800"]}]
    for report in verify_many(rows, as_of=AS_OF):
        assert [f.code for f in report.findings] == ["input.invalid_request"]
        text = report.model_dump_json()
        assert len(text) < 10_000
        assert all(len(e.field) <= 80 for e in report.findings[0].evidence)


def test_messages_location_reads_like_the_evidence_fields() -> None:
    [report] = verify_many([{"messages": ["ok", 3]}], as_of=AS_OF)
    assert report.findings[0].evidence[0].field == "messages[1]"


def test_options_are_passed_through(tmp_path: Path) -> None:
    weights = {"payee.not_creditor": 10.0}
    [report] = verify_many([GOOD[1]], weights=weights, as_of=AS_OF)
    assert same(report, av.verify(GOOD[1], weights=weights, as_of=AS_OF))
    [invalid] = verify_many([BAD[0]], weights={"input.invalid_request": 60.0}, as_of=AS_OF)
    assert invalid.score == 60
    assert invalid.level is Level.MEDIUM  # what could not be checked never reaches high alone


def test_as_of_defaults_to_each_request_or_today() -> None:
    [report] = verify_many([{**GOOD[0], "as_of": "2025-01-02"}])
    assert report.as_of == date(2025, 1, 2)
    [invalid] = verify_many([BAD[0]])
    assert invalid.as_of == date.today()


def test_rules_given_as_a_generator_apply_to_every_request() -> None:
    from acctverify.rules import DEFAULT_RULES

    reports = list(verify_many(GOOD, rules=(rule for rule in DEFAULT_RULES), as_of=AS_OF))
    assert all(same(a, b) for a, b in zip(reports, expected(GOOD), strict=True))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"workers": 0}, "workers"),
        ({"workers": -2}, "workers"),
        ({"workers": 1.5}, "workers"),
        ({"chunk_size": 0}, "chunk_size"),
        ({"weights": {"no.such_code": 1.0}}, "unknown finding codes"),
        ({"weights": {"payee.not_creditor": 101.0}}, "between 0 and 100"),
    ],
)
def test_bad_options_fail_at_once(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        verify_many(GOOD, **options)


def test_input_is_read_lazily() -> None:
    seen = []

    def rows() -> Iterator[dict[str, Any]]:
        for index in itertools.count():
            seen.append(index)
            yield GOOD[index % len(GOOD)]

    reports = verify_many(rows(), as_of=AS_OF)
    assert seen == []
    next(reports)
    assert seen == [0]


def test_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    reports = list(verify_many(GOOD, progress=True, as_of=AS_OF))
    assert len(reports) == len(GOOD)
    err = capsys.readouterr().err
    assert "3/3" in err
    assert "request" in err


def test_progress_bar_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    methods = []
    context = _pool._context

    def spy() -> Any:
        methods.append(_pool._single_threaded())
        return context()

    monkeypatch.setattr(_pool, "_context", spy)
    threads = threading.active_count()
    assert len(list(verify_many(mixed(12), workers=2, progress=True, as_of=AS_OF))) == 12
    assert methods == [threads == 1 and _pool._single_threaded()]
    assert threading.active_count() == threads


def test_progress_bar_without_a_length(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(list(verify_many(iter(GOOD), progress=True, as_of=AS_OF))) == len(GOOD)
    assert "3request" in capsys.readouterr().err.replace(" ", "")


# --- the transport ---------------------------------------------------------------------------


def test_reports_survive_the_trip_between_processes_unchanged(tmp_path: Path) -> None:
    reports = expected(mixed(12))
    path = tmp_path / "chunk.out"
    _pool._dump(reports, path)
    back = _pool._load(str(path))
    assert not path.exists()
    assert back == reports
    for left, right in zip(back, reports, strict=True):
        assert same(left, right)
        assert left.model_dump_json(exclude_unset=True) == right.model_dump_json(exclude_unset=True)
        assert left.facts.model_fields_set == right.facts.model_fields_set
    copied = back[1].model_copy(update={"score": 1})
    assert copied.score == 1
    assert back[1].score != 1


def test_loading_leaves_the_collector_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "chunk.out"
    _pool._dump(expected(GOOD[:1]), path)
    assert gc.isenabled()
    _pool._load(str(path))
    assert gc.isenabled()
    _pool._dump(expected(GOOD[:1]), path)
    gc.disable()
    try:
        _pool._load(str(path))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_callers_objects_are_frozen_only_while_it_works() -> None:
    seen = []

    def rows() -> Iterator[Any]:
        for row in mixed(40):
            seen.append(gc.get_freeze_count())
            yield row

    for _ in verify_many(rows(), workers=2, chunk_size=4, as_of=AS_OF):
        assert gc.get_freeze_count() == 0  # the consumer runs with the collector as it was
    assert gc.get_freeze_count() == 0
    assert max(seen) > 0  # reading input is the caller's work: frozen then
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert len(list(verify_many(mixed(10), workers=2, as_of=AS_OF))) == 10
        assert gc.get_freeze_count() == frozen  # someone else's freeze is left alone
    finally:
        gc.unfreeze()


# --- worker processes ------------------------------------------------------------------------


def test_workers_give_the_same_reports_in_order() -> None:
    rows = mixed(150)
    reports = list(verify_many(rows, workers=2, chunk_size=7, as_of=AS_OF))
    assert len(reports) == len(rows)
    assert all(same(a, b) for a, b in zip(reports, expected(rows), strict=True))


def test_workers_with_a_user_directory_and_weights() -> None:
    directory = av.load_directory(ROOT / "examples" / "my-directory.toml")
    row = {"payee": {"name": "示例演示消费金融有限公司", "account": "000000000000000000"},
           "creditor": "示例演示贷"}  # fmt: skip
    weights = {"account.missing": 5.0}
    rows = [row, GOOD[0]] * 5
    reports = list(
        verify_many(rows, workers=2, chunk_size=2, directory=directory, weights=weights,
                    as_of=AS_OF)
    )  # fmt: skip
    want = [av.verify(r, directory=directory, weights=weights, as_of=AS_OF) for r in rows]
    assert all(same(a, b) for a, b in zip(reports, want, strict=True))
    assert "payee.official_account" in {f.code for f in reports[0].findings}


def test_stopping_early_shuts_the_pool_down() -> None:
    def endless() -> Iterator[dict[str, Any]]:
        while True:
            yield from GOOD

    reports = verify_many(endless(), workers=2, chunk_size=4, as_of=AS_OF)
    first = list(itertools.islice(reports, 10))
    assert len(first) == 10
    reports.close()  # type: ignore[attr-defined]
    assert not multiprocessing.active_children()


def test_a_bug_is_raised_not_turned_into_a_report() -> None:
    def broken(context: object) -> list[object]:
        raise RuntimeError("rule bug")

    with pytest.raises(RuntimeError, match="rule bug"):
        list(verify_many(GOOD, rules=[broken], as_of=AS_OF))


def test_helpers_are_forked_only_from_a_single_thread() -> None:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _pool._single_threaded():
        assert _pool._context().get_start_method() == "fork"
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not _pool._single_threaded()
        assert _pool._context().get_start_method() in ("forkserver", "spawn")
    finally:
        stop.set()
        thread.join()


def test_fresh_helpers_when_threads_run() -> None:
    # A notebook kernel or a Dask client runs threads: the helpers start as fresh interpreters.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        rows = mixed(60)
        reports = list(verify_many(rows, workers=2, chunk_size=5, as_of=AS_OF))
    finally:
        stop.set()
        thread.join()
    assert all(same(a, b) for a, b in zip(reports, expected(rows), strict=True))


def test_no_files_are_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    reports = verify_many(mixed(100), workers=2, chunk_size=3, as_of=AS_OF)
    list(itertools.islice(reports, 20))
    assert list(tmp_path.iterdir())  # the chunks' folder, while it runs
    reports.close()  # type: ignore[attr-defined]
    assert not list(tmp_path.iterdir())


#: What both scripts below do: start a thread (so that helpers are started fresh, not forked),
#: then check 600 requests with two workers.
_SCREEN = """
threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
assert _pool._context().get_start_method() != "fork"
requests = [{"payee": {"name": "张三", "account": "6217000000123456786"},
             "creditor": "微粒贷"}] * 600
reports = list(av.verify_many(requests, workers=2, chunk_size=16))
print(len(reports), reports[-1].level.value)
"""
_IMPORTS = """
import threading, time
import acctverify as av
from acctverify import _pool

_pool.SMALL_INPUT = 0  # 600 requests: use the helpers all the same
"""
fresh_helpers = pytest.mark.skipif(
    not {"forkserver", "spawn"} & set(multiprocessing.get_all_start_methods()),
    reason="no fresh start method",
)


def _python(*argv: str, cwd: Path, script: str | None = None) -> tuple[str, str]:
    """Run Python with *argv* (reading *script* on standard input); return stdout and stderr."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, *argv], input=script, capture_output=True, text=True, timeout=300,
        cwd=cwd, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


@fresh_helpers
def test_workers_from_a_script_on_standard_input() -> None:
    """``python - <<EOF`` gives ``__main__.__file__ == '<stdin>'``: fresh helpers must not try to
    re-run that file (they used to die with FileNotFoundError, BrokenProcessPool in the caller)."""
    guarded = 'if __name__ == "__main__":\n' + textwrap.indent(_SCREEN, "    ")
    out, err = _python("-", cwd=Path(tempfile.gettempdir()), script=_IMPORTS + guarded)
    assert out.split() == ["600", "critical"]
    assert "FileNotFoundError" not in err


@fresh_helpers
def test_workers_from_a_script_without_a_main_guard(tmp_path: Path) -> None:
    """Fresh helpers do not run the caller's script again: a script without
    ``if __name__ == "__main__":`` works (it used to fail in every helper)."""
    script = tmp_path / "screen.py"
    # a helper that re-ran this script would print "ran" again
    script.write_text(_IMPORTS + 'print("ran")\n' + _SCREEN, encoding="utf-8")
    out, _ = _python(str(script), cwd=tmp_path)
    assert out.split() == ["ran", "600", "critical"]


class _MainRule:
    """Stands for a rule defined in the caller's script."""

    __module__ = "__main__"


def test_a_task_that_refers_to_main_keeps_it() -> None:
    assert _pool._needs_main(_MainRule) is True
    assert _pool._needs_main(verify_many) is False


def test_small_inputs_stay_in_the_calling_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Below SMALL_INPUT requests (with a length) no pool is started: it would not pay."""
    monkeypatch.setattr(_pool, "SMALL_INPUT", 50)
    started: list[int] = []
    real = _pool._in_pool

    def spy(*args: Any, **kwargs: Any) -> Iterator[Any]:
        started.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(_pool, "_in_pool", spy)
    assert len(list(verify_many(mixed(49), workers=2, as_of=AS_OF))) == 49
    assert started == []
    assert len(list(verify_many(mixed(50), workers=2, chunk_size=8, as_of=AS_OF))) == 50
    assert started == [1]
    # a generator has no length: the pool starts
    assert len(list(verify_many(iter(mixed(10)), workers=2, chunk_size=4, as_of=AS_OF))) == 10
    assert started == [1, 1]

"""Generate docs/models.md from the pydantic models (field docstrings, via their JSON schema).

    python scripts/gen_models_doc.py          # rewrite docs/models.md
    python scripts/gen_models_doc.py --check  # exit 1 when docs/models.md is stale

Every field description comes from ``model_json_schema()``, which carries the field docstrings
(``use_attribute_docstrings=True``); enum members are described by the docstring under each member.
A model referenced by a documented model but not listed in ``SECTIONS`` is an error, so the page
cannot silently miss one. The tests run the check, so the page cannot drift from the code.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import re
import sys
import textwrap
from enum import Enum
from pathlib import Path
from typing import Any

import acctverify
from acctverify import models
from acctverify.models import directory as directory_models
from acctverify.models import licence_image as image_models
from acctverify.models import sources as source_models
from acctverify.models._base import Model

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _page import run

TARGET = Path(__file__).resolve().parent.parent / "docs" / "models.md"

_D = directory_models
_S = source_models

#: (title, introduction, classes, schema mode). Inputs are documented in validation mode (what
#: you may send), outputs in serialization mode (what you get back).
SECTIONS: tuple[tuple[str, str, tuple[type, ...], str], ...] = (
    (
        "The request",
        "What `verify()` takes. A plain `dict` (or JSON object) of the same shape is accepted "
        "wherever a `PaymentRequest` is expected. Every field is optional: what is missing is "
        "reported (`payee.name_missing`, `creditor.unknown` …), never silently passed.",
        (models.PaymentRequest, models.Payee, models.Licence, models.Contact, models.AccountType),
        "validation",
    ),
    (
        "The report",
        "What `verify()` returns. See [Getting started](getting-started.md#reading-a-report) for "
        "how to read one and [Scoring](scoring.md) for how `score`, `contribution` and `level` "
        "are computed.",
        (
            models.Report,
            models.Finding,
            models.Evidence,
            models.Advice,
            models.Level,
            models.Subject,
            models.FindingKind,
        ),
        "serialization",
    ),
    (
        "Parsed facts",
        "`Report.facts`: everything parsed from the request, once, before any rule ran. The "
        "findings rest on these facts.",
        (
            models.Facts,
            models.PayeeFacts,
            models.BankMismatch,
            models.LicenceFacts,
            models.MessageFacts,
            models.ListedContact,
            models.NameChecks,
            models.NamePairMatch,
            models.ImageFacts,
            models.QrLink,
            models.RegistryStatus,
        ),
        "serialization",
    ),
    (
        "Identifier facts",
        "What the identifier modules return (see [Identifiers](identifiers.md)).",
        (
            models.UsccInfo,
            models.RegionInfo,
            models.AccountInfo,
            models.AccountKind,
            models.CardBin,
            models.CardType,
            models.CnapsInfo,
            models.BankInfo,
            models.Hotline,
        ),
        "serialization",
    ),
    (
        "Company names",
        "What `parse_company_name()` and `match_names()` return (see [Payee names](names.md)).",
        (
            models.CompanyName,
            models.SpoofSign,
            models.NameMatch,
            models.Lookalike,
            models.MatchOutcome,
        ),
        "serialization",
    ),
    (
        "Message hits",
        "What `scan()` and `scan_detailed()` return (see [Messages](messages.md)).",
        (models.TextHit, models.HitDetails, models.HitKind, models.ScanResult),
        "serialization",
    ),
    (
        "Message risk",
        "What `acctverify.text.assess_message()` returns, and `MessageFacts.risk` in a report: "
        "the cues found (who, ask, pretext, channel, pressure; genuine shapes and warnings), the "
        "typologies recognised, and every term of the score with its spans (see "
        "[Messages](messages.md)).",
        (
            models.MessageRisk,
            models.CueHit,
            models.TypologyMatch,
            models.RiskContribution,
            models.MessageForm,
        ),
        "serialization",
    ),
    (
        "Online sources and risk lists",
        "What `acctverify.sources.enrich()` records in the request before `verify()` "
        "(`PaymentRequest.lookups`, `PaymentRequest.risk_hits`; see [Online sources](sources.md)).",
        (
            _S.SourceOutcome,
            _S.SourceKind,
            _S.LookupStatus,
            _S.RiskHit,
            _S.RiskKind,
        ),
        "serialization",
    ),
    (
        "Licence images",
        "What `acctverify.licence_image.read_licence()` returns, and `Report.facts.licence_image` "
        "(see [Licence images](licence-image.md)).",
        (
            image_models.LicenceReading,
            image_models.FieldReading,
            image_models.OcrLine,
            image_models.QrVerdict,
            image_models.LicenceStyle,
            image_models.ImageProblem,
        ),
        "serialization",
    ),
    (
        "Creditor directory",
        "What `resolve_creditor()` returns, and the shape of a directory file: the shipped "
        "`creditors.toml` and your own TOML or JSON files "
        "(see [Creditor directory](directory.md)).",
        (
            models.CreditorMatch,
            _D.MatchVia,
            _D.DirectoryFile,
            _D.Creditor,
            _D.LegalEntity,
            _D.FormerName,
            _D.CreditorHotline,
            _D.OfficialDomain,
            _D.RepaymentPolicy,
            _D.OfficialAccount,
            _D.ContactPolicy,
            _D.OfficialStatement,
            _D.KnownNames,
            _D.Confidence,
            _D.CreditorKind,
            _D.EntityRole,
            _D.EntityStatus,
            _D.HotlineKind,
            _D.ContactChannel,
        ),
        "validation",
    ),
)

#: Full JSON Schemas shown in collapsed blocks after a section: (section title, label, schema).
SCHEMAS: dict[str, tuple[str, type[Model], str]] = {
    "The request": ("PaymentRequest", models.PaymentRequest, "validation"),
    "Creditor directory": ("a directory file", _D.DirectoryFile, "validation"),
}

_ROLE = re.compile(r":(?:data|class|func|mod|meth|attr|obj):`~?([^`]+)`")
_TILDE_ROLE = re.compile(r":(?:data|class|func|mod|meth|attr|obj):`~[^`]*?\.([^`.]+)`")


def _clean(text: str) -> str:
    """Docstring text -> one Markdown line: reST roles and double backticks become code spans."""
    text = _TILDE_ROLE.sub(r"`\1`", text)
    text = _ROLE.sub(r"`\1`", text)
    text = text.replace("``", "`")
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _clean(text).replace("|", "\\|")


def _doc_paragraphs(obj: type) -> list[str]:
    """The class docstring as Markdown paragraphs, without doctests."""
    doc = inspect.cleandoc(obj.__doc__ or "")
    doc = doc.split(">>>", 1)[0]
    return [_clean(part) for part in re.split(r"\n\s*\n", doc) if part.strip()]


def _member_docs(enum: type[Enum]) -> dict[str, str]:
    """The docstring under each enum member (Python keeps none at run time: read the source)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(enum)))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.Assign)
            and isinstance(statement.targets[0], ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.targets[0].id] = following.value.value
    return docs


def _import_path(cls: type) -> str:
    name = cls.__name__
    if name in acctverify.__all__:
        return f"acctverify.{name}"
    if name in models.__all__:
        return f"acctverify.models.{name}"
    return f"{cls.__module__}.{name}"


class _Linker:
    """Turns JSON-schema types into Markdown, linking documented models and enums."""

    def __init__(self, documented: set[str]) -> None:
        self.documented = documented
        self.missing: set[str] = set()

    def ref(self, ref: str) -> str:
        name = ref.rsplit("/", 1)[-1]
        if name not in self.documented:
            self.missing.add(name)
        return f"[{name}](#{name.lower()})"

    def type_of(self, schema: dict[str, Any]) -> str:
        if "$ref" in schema:
            return self.ref(schema["$ref"])
        if "anyOf" in schema:
            options = [option for option in schema["anyOf"] if option.get("type") != "null"]
            text = " or ".join(self.type_of(option) for option in options)
            return text + (" or null" if len(options) < len(schema["anyOf"]) else "")
        if "enum" in schema:
            return " or ".join(
                f"`{json.dumps(value, ensure_ascii=False)}`" for value in schema["enum"]
            )
        if "const" in schema:
            return f"`{json.dumps(schema['const'], ensure_ascii=False)}`"
        kind = schema.get("type")
        if kind == "array":
            if "prefixItems" in schema:
                inner = ", ".join(self.type_of(item) for item in schema["prefixItems"])
                text = f"array of [{inner}]"
            else:
                text = f"array of {self.type_of(schema.get('items', {}))}"
            return text + _limits(schema, "minItems", "maxItems", "items")
        if kind == "string":
            text = "date (`YYYY-MM-DD`)" if schema.get("format") == "date" else "string"
            return text + _limits(schema, "minLength", "maxLength", "characters")
        if isinstance(kind, str):
            return kind
        return "any"


def _limits(schema: dict[str, Any], low_key: str, high_key: str, unit: str) -> str:
    low, high = schema.get(low_key), schema.get(high_key)
    if low is not None and high is not None:
        return f" ({low}–{high} {unit})"
    if high is not None:
        return f" (at most {high} {unit})"
    if low is not None:
        return f" (at least {low} {unit})"
    return ""


def _default(value: Any) -> str:
    if isinstance(value, dict):
        return "all defaults"
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _model_lines(cls: type[Model], mode: str, linker: _Linker) -> list[str]:
    schema = cls.model_json_schema(mode=mode)  # type: ignore[arg-type]
    required = set(schema.get("required", ()))
    lines = [f"### {cls.__name__}", ""]
    for paragraph in _doc_paragraphs(cls):
        lines += [paragraph, ""]
    lines += [f"`{_import_path(cls)}`", ""]
    lines += ["| field | type | default | description |", "|---|---|---|---|"]
    for name, prop in schema["properties"].items():
        default = "required" if name in required else _default(prop.get("default"))
        description = _cell(prop.get("description", ""))
        lines.append(f"| `{name}` | {linker.type_of(prop)} | {default} | {description} |")
    lines.append("")
    return lines


def _enum_lines(cls: type[Enum]) -> list[str]:
    docs = _member_docs(cls)
    lines = [f"### {cls.__name__}", ""]
    for paragraph in _doc_paragraphs(cls):
        lines += [paragraph, ""]
    lines += [f"`{_import_path(cls)}` (a `str` enum: the JSON value is the string)", ""]
    lines += ["| value | name | meaning |", "|---|---|---|"]
    for member in cls:
        lines.append(f"| `{member.value}` | `{member.name}` | {_cell(docs.get(member.name, ''))} |")
    lines.append("")
    return lines


def _schema_lines(label: str, cls: type[Model], mode: str) -> list[str]:
    text = json.dumps(cls.model_json_schema(mode=mode), ensure_ascii=False, indent=2)  # type: ignore[arg-type]
    call = f"{cls.__name__}.model_json_schema()"
    lines = [f'??? example "JSON Schema of {label} (`{call}`)"', "", "    ```json"]
    lines += [f"    {line}" for line in text.splitlines()]
    lines += ["    ```", ""]
    return lines


def render() -> str:
    """Return the Markdown page."""
    documented = {cls.__name__ for _, _, classes, _ in SECTIONS for cls in classes}
    linker = _Linker(documented)
    lines = [
        "# Models",
        "",
        "<!-- Generated by scripts/gen_models_doc.py from the pydantic models in "
        "acctverify.models. Do not edit by hand. -->",
        "",
        "All models are pydantic v2 models: **frozen** (results cannot be changed after they are "
        "built), **closed** (an unknown field is a validation error, so a typo never passes "
        "silently) and **JSON-ready** (`model_dump_json()`, `model_validate_json()`, "
        "`model_json_schema()`). The descriptions below are the field docstrings in the code, "
        "as `model_json_schema()` carries them.",
        "",
        "Types are given as JSON types. In Python, arrays are tuples, dates are `datetime.date` "
        "and enums are `str` enums whose value is the JSON string. *default* is the value a "
        "missing field takes; *required* fields must be given.",
        "",
    ]
    for title, intro, classes, mode in SECTIONS:
        lines += [f"## {title}", "", intro, ""]
        for cls in classes:
            if issubclass(cls, Enum):
                lines += _enum_lines(cls)
            elif issubclass(cls, Model):
                lines += _model_lines(cls, mode, linker)
            else:  # pragma: no cover - a mistake in SECTIONS
                raise TypeError(f"{cls!r} is neither a model nor an enum")
        if title in SCHEMAS:
            lines += _schema_lines(*SCHEMAS[title])
    if linker.missing:
        raise SystemExit(
            "models referenced but not documented (add them to SECTIONS): "
            + ", ".join(sorted(linker.missing))
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    return run(argv, target=TARGET, render=render, doc=__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Fit the learned layer of the message-risk reader and write data/message_weights.csv.

    python scripts/fit_message_model.py           # fit on the development data, write the file
    python scripts/fit_message_model.py --check   # exit 1 when a fit gives another file
    python scripts/fit_message_model.py --report  # also print the cross-validated verdicts

The reader's score is a logistic of the summed weights of what a message shows
(acctverify.text._risk): the cue groups of cues.toml with their prior weights, the best
recognised typology, the message form, and character n-grams. This script fits *corrections* to
those priors (L2-regularised logistic regression with the prior score as an offset, so that a cue
the data never shows keeps its prior, and a typology left out of the data still counts), selects
a small set of n-grams, and picks the two decision thresholds on cross-validated scores.

Training data, and only this (data/README of the project's shared folder names what may train
shipped weights):
* bench/data/messages/*.jsonl — written by hand for acctverify from the documented typologies and
  the published formats of genuine notices (Apache-2.0);
* the Nagato-Sakura SMS set (AmanoShizukikun/Nagato-Sakura-SMS-Checker data/SMS_data.json at
  087abe4, Apache-2.0), when ../shared/data/corpora/nagato_sms_zh_hant.jsonl is present.
Never the corpora reserved for evaluation; never the NUS SMS corpus (false alarms only).
Needs numpy and scipy (pip install -e ".[dev]").
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "acctverify" / "data" / "message_weights.csv"
DEV = ROOT / "bench" / "data" / "messages"
NAGATO = ROOT.parent / "shared" / "data" / "corpora" / "nagato_sms_zh_hant.jsonl"

#: Prior bias: with no cue at all a message scores about 1%.
BIAS = -4.5
#: N-grams: lengths, how many messages a candidate must occur in, how many are kept.
GRAM_SIZES = (2, 3, 4)
GRAM_MIN_COUNT = 8
GRAM_KEEP = 300
GRAM_MIN_WEIGHT = 0.15
#: L2 strengths: corrections to hand-set priors are held close to zero; n-grams closer still.
L2_CORRECTION = 1.0
L2_GRAM = 3.0
#: Highest false-alarm rate on the genuine development messages the thresholds may give.
MAX_FALSE_ALARMS = 0.01


@dataclass
class Row:
    text: str
    label: int
    group: str
    """Typology of a scam, category of a genuine message."""
    origin: str


@dataclass
class Example:
    row: Row
    cues: tuple[str, ...]
    typologies: tuple[str, ...]
    form: str
    grams: frozenset[str]
    prior: float


def load_rows(*, nagato: Path | None = NAGATO) -> list[Row]:
    rows = []
    for path in sorted(DEV.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            group = item.get("typology") or item.get("category") or "?"
            rows.append(Row(item["text"], int(item["label"]), group, path.stem))
    if nagato is not None and nagato.exists():
        for line in nagato.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            rows.append(
                Row(item["text"], int(item["label"]), f"nagato_{item['category']}", "nagato")
            )
    return rows


def _base_model() -> object:
    from acctverify.text._cues import Learned

    empty: MappingProxyType[str, float] = MappingProxyType({})
    return Learned(
        bias=BIAS, cue=empty, typology=empty, form=empty, ngrams=empty, threshold=0.5,
        threshold_typology=0.5,
    )  # fmt: skip


def _grams(text: str) -> frozenset[str]:
    found = set()
    for size in GRAM_SIZES:
        for start in range(len(text) - size + 1):
            gram = text[start : start + size]
            if all(ch.isalpha() for ch in gram):
                found.add(gram)
    return frozenset(found)


def extract(rows: Iterable[Row]) -> list[Example]:
    from acctverify.text._cues import cues
    from acctverify.text._risk import TYPOLOGY_POINTS, features
    from acctverify.text._scan import scan_folded

    base = _base_model()
    table = cues()
    out = []
    for row in rows:
        result, norm = scan_folded(row.text)
        found = features(norm, result.hits, base)  # type: ignore[arg-type]
        codes = tuple(sorted(found.present))
        kinds = tuple(code for code, _ in found.typologies)
        prior = BIAS + sum(table[code].weight for code in codes)
        if kinds:
            prior += TYPOLOGY_POINTS + TYPOLOGY_POINTS / 2 * (len(kinds) - 1)
        out.append(Example(row, codes, kinds, found.form.value, _grams(norm.text), prior))
    return out


@dataclass
class Fitted:
    bias: float
    cue: dict[str, float]
    typology: dict[str, float]
    form: dict[str, float]
    ngrams: dict[str, float]
    threshold: float = 0.5
    threshold_typology: float = 0.5

    def logit(self, example: Example) -> float:
        value = example.prior + self.bias + self.form.get(example.form, 0.0)
        value += sum(self.cue.get(code, 0.0) for code in example.cues)
        for rank, kind in enumerate(example.typologies):
            value += self.typology.get(kind, 0.0) * (1.0 if rank == 0 else 0.5)
        value += sum(self.ngrams.get(gram, 0.0) for gram in example.grams)
        return value

    def score(self, example: Example) -> float:
        return 1 / (1 + math.exp(-max(min(self.logit(example), 40.0), -40.0)))

    def scam(self, example: Example) -> bool:
        score = self.score(example)
        return score >= self.threshold or (
            bool(example.typologies) and score >= self.threshold_typology
        )


def fit(examples: Sequence[Example], *, grams: Sequence[str] | None = None) -> Fitted:
    """Fit corrections (and n-gram weights) by L-BFGS on the penalised log-loss with offsets."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    if grams is None:
        counts: Counter[str] = Counter(gram for example in examples for gram in example.grams)
        grams = sorted(gram for gram, count in counts.items() if count >= GRAM_MIN_COUNT)
    cue_names = sorted({code for example in examples for code in example.cues})
    kind_names = sorted({kind for example in examples for kind in example.typologies})
    names = (
        ["bias"]
        + [f"form:{form}" for form in ("sms", "dialogue")]
        + [f"cue:{code}" for code in cue_names]
        + [f"typology:{kind}" for kind in kind_names]
        + [f"ngram:{gram}" for gram in grams]
    )
    column = {name: index for index, name in enumerate(names)}
    data, rows, cols = [], [], []
    for index, example in enumerate(examples):
        entries = {"bias": 1.0, f"form:{example.form}": 1.0}
        entries.update({f"cue:{code}": 1.0 for code in example.cues})
        for rank, kind in enumerate(example.typologies):
            entries[f"typology:{kind}"] = entries.get(f"typology:{kind}", 0) + (
                1.0 if rank == 0 else 0.5
            )
        entries.update(
            {f"ngram:{gram}": 1.0 for gram in example.grams if f"ngram:{gram}" in column}
        )
        for name, value in entries.items():
            rows.append(index)
            cols.append(column[name])
            data.append(value)
    matrix = csr_matrix((data, (rows, cols)), shape=(len(examples), len(names)))
    offset = np.array([example.prior for example in examples])
    labels = np.array([example.row.label for example in examples], dtype=float)
    penalty = np.array(
        [0.0 if name == "bias" else (L2_GRAM if name.startswith("ngram:") else L2_CORRECTION)
         for name in names]
    )  # fmt: skip

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        z = matrix @ weights + offset
        p = 1 / (1 + np.exp(-np.clip(z, -40, 40)))
        eps = 1e-12
        value = -np.sum(labels * np.log(p + eps) + (1 - labels) * np.log(1 - p + eps))
        value += 0.5 * np.sum(penalty * weights**2)
        gradient = matrix.T @ (p - labels) + penalty * weights
        return float(value), gradient

    result = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B")
    weights = dict(zip(names, result.x.tolist(), strict=True))
    return Fitted(
        bias=weights["bias"],
        cue={name[4:]: value for name, value in weights.items() if name.startswith("cue:")},
        typology={
            name[9:]: value for name, value in weights.items() if name.startswith("typology:")
        },
        form={name[5:]: value for name, value in weights.items() if name.startswith("form:")},
        ngrams={name[6:]: value for name, value in weights.items() if name.startswith("ngram:")},
    )


def fit_model(examples: Sequence[Example]) -> Fitted:
    """Fit with all n-gram candidates, keep the strongest, refit with those, pick thresholds."""
    first = fit(examples)
    strongest = sorted(
        (gram for gram, weight in first.ngrams.items() if abs(weight) >= GRAM_MIN_WEIGHT),
        key=lambda gram: -abs(first.ngrams[gram]),
    )[:GRAM_KEEP]
    model = fit(examples, grams=sorted(strongest))
    model.ngrams = {gram: weight for gram, weight in model.ngrams.items() if abs(weight) >= 0.05}
    return model


def cross_scores(examples: Sequence[Example], folds: int = 5) -> list[float]:
    """Out-of-fold scores: each example scored by a model fitted without it."""
    scores = [0.0] * len(examples)
    for fold in range(folds):
        train = [example for index, example in enumerate(examples) if index % folds != fold]
        model = fit_model(train)
        for index, example in enumerate(examples):
            if index % folds == fold:
                scores[index] = model.score(example)
    return scores


def pick_thresholds(examples: Sequence[Example], scores: Sequence[float]) -> tuple[float, float]:
    """The pair of thresholds (any message, messages with a recognised typology) that catches the
    most scams while the false alarms on the genuine development messages stay within
    MAX_FALSE_ALARMS (on out-of-fold scores: each message scored by a model fitted without it)."""
    import numpy as np

    score = np.array(scores)
    label = np.array([e.row.label for e in examples])
    kind = np.array([bool(e.typologies) for e in examples])
    allowed = math.floor(MAX_FALSE_ALARMS * int((label == 0).sum()))
    grid = np.round(np.arange(0.10, 0.96, 0.01), 2)
    best = (-1, 0.5, 0.5)
    for threshold in grid[grid >= 0.3]:
        for typology in grid[grid <= threshold]:
            flagged = (score >= threshold) | (kind & (score >= typology))
            if int((flagged & (label == 0)).sum()) > allowed:
                continue
            caught = int((flagged & (label == 1)).sum())
            if caught > best[0]:
                best = (caught, float(threshold), float(typology))
            break  # the lowest typology threshold that keeps within the alarms: the most caught
    return best[1], best[2]


def render(model: Fitted, *, rows: int, origins: Counter[str]) -> str:
    header = [
        "# message_weights.csv: the learned layer of the message-risk reader (acctverify.text): "
        "corrections to the prior cue weights of cues.toml, typology and message-form terms, "
        "character n-gram weights, and the decision thresholds",
        "# columns: feature = bias | threshold | threshold_typology | cue:<code> | typology:<code> "
        "| form:<sms|dialogue> | ngram:<text, folded>; weight = log-odds points added to the "
        "priors (thresholds: scores 0-1)",
        f"# origin: fitted by scripts/fit_message_model.py on {rows} messages: "
        + ", ".join(f"{name} {count}" for name, count in sorted(origins.items()))
        + " (bench/data/messages: written by hand for acctverify, Apache-2.0; nagato: "
        "AmanoShizukikun/Nagato-Sakura-SMS-Checker data/SMS_data.json at 087abe4, Apache-2.0). "
        "Never the corpora reserved for evaluation, never NUS",
        f"# fitted: {date.today().isoformat()}; L2 {L2_CORRECTION} on corrections, {L2_GRAM} on "
        f"n-grams; thresholds at <= {MAX_FALSE_ALARMS:.1%} false alarms on the genuine "
        "development messages (5-fold cross-validated scores)",
        "# licence: Apache-2.0 (acctverify); the Nagato data is Apache-2.0",
        "feature,weight",
        f"bias,{BIAS + model.bias:.4f}",
        f"threshold,{model.threshold:.4f}",
        f"threshold_typology,{model.threshold_typology:.4f}",
    ]
    for name, part in (("form", model.form), ("cue", model.cue), ("typology", model.typology)):
        header += [f"{name}:{key},{value:.4f}" for key, value in sorted(part.items()) if value]
    header += [f"ngram:{gram},{weight:.4f}" for gram, weight in sorted(model.ngrams.items())]
    return "\n".join(header) + "\n"


def build(*, report: bool = False) -> str:
    rows = load_rows()
    examples = extract(rows)
    scores = cross_scores(examples)
    model = fit_model(examples)
    model.threshold, model.threshold_typology = pick_thresholds(examples, scores)
    if report:
        _report(examples, scores, model)
    return render(model, rows=len(rows), origins=Counter(row.origin for row in rows))


def _report(examples: Sequence[Example], scores: Sequence[float], model: Fitted) -> None:
    by_group: dict[tuple[int, str], list[bool]] = {}
    for example, score in zip(examples, scores, strict=True):
        scam = score >= model.threshold or (
            bool(example.typologies) and score >= model.threshold_typology
        )
        by_group.setdefault((example.row.label, example.row.group), []).append(scam)
    print(f"thresholds: {model.threshold} / {model.threshold_typology} (typology)")
    for (label, group), flags in sorted(by_group.items()):
        print(f"  {'scam' if label else 'ok  '} {group:28s} {sum(flags):4d}/{len(flags):4d}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args(argv)
    text = build(report=args.report)
    if args.check:
        current = TARGET.read_text(encoding="utf-8")
        strip = [line for line in current.splitlines() if not line.startswith("# fitted")]
        fresh = [line for line in text.splitlines() if not line.startswith("# fitted")]
        if strip != fresh:
            print(f"{TARGET.name} is stale: run python scripts/fit_message_model.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

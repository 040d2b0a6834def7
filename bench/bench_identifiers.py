"""uscc.is_valid against python-stdnum's cn.uscc.is_valid on the same codes (target >= 10x)."""

from __future__ import annotations

import random
from collections import deque

from _harness import Result, compare
from stdnum.cn import uscc as stdnum_uscc

from acctverify import testing
from acctverify.cn import uscc


def _codes(count: int = 20_000) -> list[str]:
    """Compact codes as found in data: mostly valid, some with one character changed."""
    rng = random.Random(20261129)
    valid = []
    for _ in range(200):
        body = "9" + rng.choice("123") + rng.choice(testing.REGION_CODES)
        body += "".join(rng.choice(uscc.ALPHABET) for _ in range(9))
        valid.append(body + uscc.calc_check_digit(body))
    codes = []
    for _ in range(count):
        code = rng.choice(valid)
        if rng.random() < 0.2:
            position = rng.randrange(8, 18)
            code = code[:position] + rng.choice(uscc.ALPHABET) + code[position + 1 :]
        codes.append(code)
    return codes


def run() -> list[Result]:
    codes = _codes()
    sink: deque[bool] = deque(maxlen=0)
    return [
        compare(
            "uscc.is_valid",
            lambda: sink.extend(map(uscc.is_valid, codes)),
            "stdnum.cn.uscc.is_valid",
            lambda: sink.extend(map(stdnum_uscc.is_valid, codes)),
            target=10.0,
        )
    ]


if __name__ == "__main__":
    for result in run():
        print(result.line())

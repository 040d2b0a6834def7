"""A whole verify() of a realistic request against phonenumbers' matcher alone on its messages.

Target (issue 5): one verify() — payee, licence, creditor, two messages — costs less than
``phonenumbers.PhoneNumberMatcher(message, "CN")`` over the same two messages, i.e. a speed-up
>= 1.0x. Every verify() of the loop sees the same request, as a screening job sees the same
creditor and payee names again and again; the per-process caches that brings into play (parsed
names, resolved creditor texts, validated numbers) are part of what is measured.
"""

from __future__ import annotations

from datetime import date

import phonenumbers
from _harness import Result, compare

from acctverify import PaymentRequest, verify

REQUEST = PaymentRequest.model_validate(
    {
        "payee": {
            "name": "深圳市某某商务咨询有限公司",
            "account": "6217000000123456786",
            "bank": "中国建设银行深圳福田支行",
            "claimed_account_type": "corporate",
        },
        "creditor": "微粒贷",
        "licence": {
            "name": "深圳市某某商务咨询有限公司",
            "uscc": "91440300MA5GQ7K33E",
            "legal_representative": "张某某",
            "established": "2026年9月3日",
            "status": "存续（在营、开业、在册）",
            "business_scope": "商务信息咨询；法律咨询；债务咨询服务",
        },
        "messages": [
            "【微粒贷协商中心】您的账户已严重逾期，即将上报征信并移交法务。请于今日18:00前致电"
            "0755-88886666或13812345678协商还款，可停息挂账、减免罚息。",
            "专员微信 wlsd-kefu2025，备用号 139 1234 5678。还款请转入我司对公账户，不要告诉家人。",
        ],
    }
)
AS_OF = date(2026, 11, 29)


def run() -> list[Result]:
    messages = REQUEST.messages

    def baseline() -> None:
        for message in messages:
            list(phonenumbers.PhoneNumberMatcher(message, "CN"))

    def growth() -> Result:
        """Hostile, repetitive messages: 1 MB must cost at most 15x what 100 KB does."""
        from _harness import best_time

        unit = "加微信 wx_kefu888，转入安全账户，电话 13812345678。"
        small = REQUEST.model_copy(update={"messages": (unit * (100_000 // len(unit)),)})
        big = REQUEST.model_copy(update={"messages": (unit * (1_000_000 // len(unit)),)})
        verify(small, as_of=AS_OF)
        verify(big, as_of=AS_OF)
        candidate = min(best_time(lambda: verify(big, as_of=AS_OF), 1) for _ in range(3))
        baseline = min(best_time(lambda: verify(small, as_of=AS_OF), 1) for _ in range(3))
        return Result(
            "verify(), one 1 MB message", "a 100 KB one", candidate, baseline, 15.0, kind="cost"
        )

    return [
        growth(),
        compare(
            "verify() of a realistic request",
            lambda: verify(REQUEST, as_of=AS_OF),
            'PhoneNumberMatcher(message, "CN") on its two messages',
            baseline,
            target=1.0,
            repeats=30,
        ),
    ]


if __name__ == "__main__":
    for result in run():
        print(result.line())

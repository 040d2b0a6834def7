"""Check a payment request with acctverify and print what a payer needs to know.

Run it with ``python examples/verify_example.py``. Everything in the request is fictional: the
company (某某), the card number (a made-up number with a valid check digit) and the WeChat ID.
"""

from __future__ import annotations

import acctverify as av


def main() -> None:
    request = av.PaymentRequest(
        payee=av.Payee(
            name="深圳市某某商务咨询有限公司",
            account="6217003827561943520",
            bank="中国建设银行深圳某某支行",
            claimed_account_type=av.AccountType.CORPORATE,
        ),
        creditor="微粒贷",
        licence=av.Licence(
            name="深圳市某某商务咨询有限公司",
            uscc="91440300MA5GQ7K33E",
            business_scope="商务信息咨询；债务咨询服务",
        ),
        messages=(
            "【微粒贷协商中心】您的借款已逾期，今日内转入我司对公账户可停息挂账。",
            "请添加专员微信 wlsd-kefu2025 办理，不要告诉家人。",
        ),
    )
    report = av.verify(request)

    print(f"Level: {report.level.value}   score: {report.score}/100")
    print("\nTop findings:")
    for finding in report.findings[:5]:
        where = ", ".join(
            f"{e.field}[{e.start}:{e.end}]" if e.start is not None else e.field
            for e in finding.evidence
        )
        print(f"  {finding.contribution:+4d}  {finding.code:<30} {finding.message_en}")
        print(f"        evidence: {where}")
    print("\nWhat to do:")
    for number, advice in enumerate(report.advice, start=1):
        print(f"  {number}. {advice.en}")
        print(f"     {advice.zh}")


if __name__ == "__main__":
    main()

"""Advice: concrete, bilingual next steps derived from the level and the findings (private).

The wording follows the official guidance collected in ../shared/reference/scam-signals.md:
repay only through the creditor's own channels; verify by calling the creditor's published number
yourself; never share verification codes or share your screen; negotiate directly with the
creditor, not through third parties (NFRA, 2024-05); check payment accounts, links and QQ/WeChat
IDs in the 国家反诈中心 app's 风险查询; call 110 if money was sent; answer calls from 96110, the
anti-fraud warning line (§2.4: a call from it means you are, or may be, being defrauded).
"""

from __future__ import annotations

from collections.abc import Sequence

from acctverify.models.directory import CreditorMatch
from acctverify.models.findings import Advice, Finding, Level
from acctverify.rules.catalogue import TRUST_CODES_FOR_LOW

__all__ = ["advise"]

_INTERMEDIARY = {"messages.debt_intermediary", "payee.debt_service_company",
                 "licence.debt_service_scope", "messages.credit_repair"}  # fmt: skip
_CREDENTIALS = {"messages.credential_request", "messages.remote_control_app"}


def _source(text: str) -> str:
    """A source as shown to people: the page or file, without the compiler's remarks."""
    return text.split(" (", 1)[0].strip()


def _hotlines(creditor: CreditorMatch | None) -> tuple[str, str]:
    """The creditor's published numbers, each with its own source, in Chinese and English."""
    if creditor is None or creditor.creditor is None:
        return "", ""
    listed = [h for h in creditor.creditor.hotlines if h.confidence != "unconfirmed"]
    unique = list({hotline.number: hotline for hotline in listed}.values())[:3]
    zh = "、".join(f"{h.number}（来源：{_source(h.source)}）" for h in unique)
    en = ", ".join(f"{h.number} (source: {_source(h.source)})" for h in unique)
    return zh, en


def _typology_advice(findings: Sequence[Finding]) -> list[Advice]:
    """The advice of every scam typology the messages match (``data/typologies.toml``)."""
    from acctverify.text import TYPOLOGIES

    out = []
    for finding in findings:
        if finding.code.startswith("messages.scam.") and finding.code[14:] in TYPOLOGIES:
            typology = TYPOLOGIES[finding.code[14:]]
            out.append(
                Advice(
                    code=f"typology.{typology.code}",
                    zh=f"这是“{typology.zh}”诈骗的典型手法。{typology.advice_zh}",
                    en=f"This is how the “{typology.en}” scam works. {typology.advice_en}",
                )
            )
    return out


def advise(
    level: Level, findings: Sequence[Finding], creditor: CreditorMatch | None
) -> tuple[Advice, ...]:
    """Return the advice for a report, most urgent first."""
    codes = {finding.code for finding in findings}
    known = creditor.creditor if creditor is not None else None
    name = known.name if known else None
    name_en = (known.name_en or known.name) if known else None
    trusted = bool(codes & TRUST_CODES_FOR_LOW)
    out: list[Advice] = []
    if level.rank >= Level.HIGH.rank:
        out.append(Advice(code="do_not_pay", zh="不要转账。", en="Do not transfer the money."))
    out.extend(_typology_advice(findings))
    if name:
        policy = creditor.creditor.repayment if creditor and creditor.creditor else None
        channels_zh = "；".join(policy.channels_zh) if policy and policy.channels_zh else ""
        channels_en = "; ".join(policy.channels_en) if policy and policy.channels_en else ""
        out.append(
            Advice(
                code="repay_in_app",
                zh=(
                    f"只通过{name}的官方渠道还款：{channels_zh}。"
                    if channels_zh
                    else f"只通过{name}的官方App或官方渠道还款。"
                )
                + (
                    f"收款方是{name}的登记主体，转账前仍请在官方渠道确认这笔转账确实是它要求的。"
                    if trusted
                    else "不要转账到别人提供的账户。"
                ),
                en=(
                    f"Repay only through {name_en}'s official channels: {channels_en}."
                    if channels_en
                    else f"Repay only through {name_en}'s official app or channels."
                )
                + (
                    f" The payee is {name_en}'s registered entity; before paying, still confirm "
                    "through an official channel that it asked for this transfer."
                    if trusted
                    else " Never pay into an account someone gives you."
                ),
            )
        )
    else:
        out.append(
            Advice(
                code="repay_in_app",
                zh="只通过借款合同或官方App里写明的渠道还款，不要转账到别人提供的账户。",
                en="Repay only through the channel named in your loan contract or the lender's "
                "official app, never into an account someone gives you.",
            )
        )
    numbers_zh, numbers_en = _hotlines(creditor)
    if numbers_zh:
        out.append(
            Advice(
                code="call_official",
                zh=f"挂断电话，自己拨打{name}公布的客服电话核实：{numbers_zh}；"
                "不要拨打消息里给的号码。",
                en=f"Hang up and call {name_en}'s published number yourself to check: "
                f"{numbers_en}; do not call numbers from the messages.",
            )
        )
    else:
        out.append(
            Advice(
                code="call_official",
                zh="挂断电话，从官方App或银行卡背面找到客服电话，自己拨打核实；不要拨打消息里给的号码。",
                en="Hang up, find the customer-service number in the official app or on the back "
                "of your card, and call it yourself; do not call numbers from the messages.",
            )
        )
    out.append(
        Advice(
            code="never_share_codes",
            zh="不要向任何人提供短信验证码或密码，不要开启屏幕共享，不要安装对方要求的软件。"
            + ("消息里已经出现了这类要求。" if codes & _CREDENTIALS else ""),
            en="Never give anyone an SMS verification code or password, never share your screen, "
            "never install an app you are asked to."
            + (" The messages already ask for this." if codes & _CREDENTIALS else ""),
        )
    )
    if codes & _INTERMEDIARY:
        out.append(
            Advice(
                code="negotiate_directly",
                zh="如需协商还款，直接联系债权人，不要通过“债务优化”“代理协商”“征信修复”等第三方。",
                en="To negotiate repayment, contact the creditor directly, never through "
                "“debt optimisation”, “negotiation agents” or “credit repair” third parties.",
            )
        )
    out.append(
        Advice(
            code="check_identifiers",
            zh="可在国家反诈中心App的“风险查询”里查询对方的支付账户、网址、QQ或微信。",
            en="You can check the payee's payment account, links and QQ or WeChat IDs in the "
            "National Anti-Fraud Center app (国家反诈中心, 风险查询).",
        )
    )
    if level.rank >= Level.HIGH.rank:
        out.append(
            Advice(
                code="report",
                zh="如已转账或怀疑被骗，立即拨打110报警；96110是反诈预警劝阻专线，接到它的来电请务必接听。",
                en="If you have paid or suspect a scam, call the police on 110 at once; 96110 is "
                "the anti-fraud warning line: always answer a call from it.",
            )
        )
    return tuple(out)

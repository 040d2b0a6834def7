"""Generate examples/payees.csv: a synthetic list of payees to screen, with no real personal data.

    python scripts/make_payees_csv.py                 # rewrite examples/payees.csv (200 rows)
    python scripts/make_payees_csv.py --rows 5000 -o /tmp/payees.csv

Deterministic (a seeded ``random.Random``): the same arguments give the same file. What the rows
are made of:

* persons are placeholders (张三, 李四, 王某某 …); companies are 某-names (深圳市某达商务咨询
  有限公司);
  the creditors' registered entities are the public names in acctverify's directory, and the
  look-alikes of them are made up by swapping one character (微众 → 徽众);
* card numbers are a public BIN (issuer prefix) plus random digits and a Luhn check digit;
  corporate account numbers are random digits; phone numbers and WeChat IDs are dummy patterns;
  half the companies come with a licence typed in: a made-up credit code (right check
  characters, or one changed), a founding date, now and then another company's name;
* messages are scam scripts and genuine reminders in the words of the official typologies.

A few rows carry a value acctverify cannot read (an account type that is not one of ``corporate``,
``personal`` or ``unknown``), to show that a bad row gives a report instead of stopping the batch.
The bench (``bench/bench_batch.py``) and the tests use :func:`payee_rows` and :data:`COLUMNS`.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterator
from pathlib import Path

from acctverify.cn import bankcard, orgcode, uscc

TARGET = Path(__file__).resolve().parent.parent / "examples" / "payees.csv"

#: CSV column -> dotted PaymentRequest field (acctverify.frame.verify_frame's ``columns``).
COLUMNS = {
    "收款户名": "payee.name",
    "收款账号": "payee.account",
    "开户行": "payee.bank",
    "对方所称账户类型": "payee.claimed_account_type",
    "债权人": "creditor",
    "短信内容": "messages",
    "聊天记录": "messages",
    "执照名称": "licence.name",
    "统一社会信用代码": "licence.uscc",
    "成立日期": "licence.established",
}
HEADER = ["编号", *COLUMNS]

#: (product, registered entity): public facts from acctverify's creditor directory.
CREDITORS = (
    ("微粒贷", "深圳前海微众银行股份有限公司"),
    ("借呗", "重庆蚂蚁消费金融有限公司"),
    ("京东金条", "天津京东消费金融有限公司"),
    ("招联好期贷", "招联消费金融股份有限公司"),
    ("安逸花", "马上消费金融股份有限公司"),
)
#: Registered entity -> a made-up look-alike (one character swapped for a similar one).
LOOKALIKES = {
    "深圳前海微众银行股份有限公司": "深圳前海徽众银行股份有限公司",
    "重庆蚂蚁消费金融有限公司": "重庆蚂蚁消费全融有限公司",
    "天津京东消费金融有限公司": "天津京东消费金触有限公司",
}
UNKNOWN_CREDITORS = ("某某小贷", "某某分期", "某某借款App")
#: Public card BINs (issuer prefixes of 19-digit debit cards) and their banks.
CARD_BINS = (
    ("621700", "中国建设银行"),
    ("622848", "中国农业银行"),
    ("622202", "中国工商银行"),
    ("621661", "中国银行"),
    ("622262", "交通银行"),
    ("621799", "中国邮政储蓄银行"),
)
BANKS = ("中国工商银行", "中国建设银行", "招商银行", "中国银行", "交通银行", "兴业银行")
PERSONS = ("张三", "李四", "王五", "赵六", "张某某", "李某", "王某某", "刘某", "陈某某")
REGIONS = ("深圳市", "广州市", "上海", "北京", "杭州市", "成都市", "武汉市", "长沙市")
TRADE_NAMES = ("某达", "某信", "某合", "某安", "某诚", "某汇", "某和", "某通")
INDUSTRIES = ("商务咨询", "信息咨询", "法律咨询", "企业管理咨询", "网络科技", "财务咨询")
#: Region codes (GB/T 2260) of the cities above, for the credit codes on made-up licences.
REGION_CODES = {
    "深圳市": "440300",
    "广州市": "440100",
    "上海": "310115",
    "北京": "110108",
    "杭州市": "330100",
    "成都市": "510100",
    "武汉市": "420100",
    "长沙市": "430100",
}
PHONES = ("13812345678", "13912345678", "15012345678", "18612345678", "0755-88886666")

SCAM_MESSAGES = (
    "【{product}协商中心】您的借款已严重逾期，即将上报征信。请于今日内转入我司对公账户，"
    "可停息挂账、减免罚息。专员微信 {wechat}",
    "您好，我是{product}法务部，您的账户涉嫌恶意拖欠，请联系 {phone} 协商还款，不要告诉家人。",
    "{product}提醒：您的额度异常需注销，请下载会议软件共享屏幕，按专员指引操作。",
    "请将还款转入指定账户，转账后截图发到微信 {wechat} 核实，逾期将被起诉。",
    "我们提供债务优化、停息挂账服务，成功后收取手续费，加微信 {wechat} 咨询。",
    "放款前需先缴纳保证金2000元，请转入对公账户，联系 {phone}。",
)
GENUINE_MESSAGES = (
    "【{product}】您的借款本期应还，请在官方App内还款，请勿向他人转账。",
    "您的{product}账单已出，可在App中查看并还款。",
    "",
)
CHATS = (
    "对方说这个是公司对公账户，转过去就能消除逾期记录。",
    "客服让我先转一笔验证还款能力，说会退回。",
    "",
    "",
)


def _card(rng: random.Random) -> tuple[str, str]:
    prefix, bank = rng.choice(CARD_BINS)
    body = prefix + "".join(rng.choice("0123456789") for _ in range(12))
    return body + bankcard.calc_check_digit(body), bank


def _corporate_account(rng: random.Random) -> str:
    length = rng.choice((15, 17, 19, 20))
    return rng.choice("1234") + "".join(rng.choice("0123456789") for _ in range(length - 1))


def _credit_code(rng: random.Random, name: str, *, valid: bool = True) -> str:
    """A made-up 统一社会信用代码 of a company (type 91) registered where its name says, with
    right check characters, or with the last one changed (as on a doctored licence)."""
    region = next((code for city, code in REGION_CODES.items() if name.startswith(city)), "440300")
    body = "".join(rng.choice(uscc.ALPHABET) for _ in range(8))
    code = "91" + region + body + orgcode.calc_check_digit(body)
    check = uscc.calc_check_digit(code)
    if not valid:
        check = rng.choice([c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != check])
    return code + check


def _licence(rng: random.Random, name: str) -> dict[str, str]:
    """What a payee's licence photo says, typed in: usually its own name, sometimes another."""
    shown = name if rng.random() < 0.8 else _company(rng)
    year = rng.choice((2026, 2026, 2025, 2024, 2019, 2016))
    return {
        "执照名称": shown,
        "统一社会信用代码": _credit_code(rng, shown, valid=rng.random() < 0.85),
        "成立日期": f"{year}年{rng.randint(1, 9)}月{rng.randint(1, 28)}日",
    }


def _company(rng: random.Random) -> str:
    return rng.choice(REGIONS) + rng.choice(TRADE_NAMES) + rng.choice(INDUSTRIES) + "有限公司"


def _message(rng: random.Random, templates: tuple[str, ...], product: str) -> str:
    return rng.choice(templates).format(
        product=product,
        wechat=f"{rng.choice(('wx_kefu', 'xieshang', 'fawu'))}{rng.randrange(100, 1000)}",
        phone=rng.choice(PHONES),
    )


def payee_rows(count: int, *, seed: int = 2026) -> Iterator[dict[str, str]]:
    """Yield *count* rows (column -> text, ``""`` for an empty cell), the same for the same seed."""
    rng = random.Random(seed)
    for number in range(1, count + 1):
        product, entity = rng.choice(CREDITORS)
        scenario = rng.choices(
            (
                "genuine",
                "branch",
                "company",
                "person",
                "lookalike",
                "unknown",
                "unverified",
                "partial",
                "typo",
            ),
            weights=(16, 4, 30, 20, 7, 8, 10, 4, 1),
        )[0]
        claimed = rng.choice(("corporate", "corporate", "personal", "unknown", ""))
        chat = rng.choice(CHATS)
        if scenario == "genuine":
            name, account, bank = entity, _corporate_account(rng), rng.choice(BANKS)
            claimed, chat = "corporate", ""
            message = _message(rng, GENUINE_MESSAGES, product)
        elif scenario == "branch":  # a branch of the creditor's entity: a close match, not proof
            name = entity + rng.choice(REGIONS).removesuffix("市") + "分公司"
            account, bank, chat = _corporate_account(rng), rng.choice(BANKS), ""
            message = _message(rng, GENUINE_MESSAGES, product)
        elif scenario == "unverified":  # an ordinary company, nothing to tie it to a creditor
            name = rng.choice(REGIONS) + rng.choice(TRADE_NAMES) + "网络科技有限公司"
            account, bank, chat = _corporate_account(rng), rng.choice(BANKS), ""
            product = rng.choice(("", *UNKNOWN_CREDITORS))
            message = _message(rng, GENUINE_MESSAGES, product or "某某分期")
        elif scenario in ("company", "typo"):
            name = _company(rng)
            account, bank = _card(rng) if rng.random() < 0.6 else (_corporate_account(rng), "")
            bank = bank or rng.choice(BANKS)
            message = _message(rng, SCAM_MESSAGES, product)
            if scenario == "typo":
                # "see the screenshot": no account type; the row gets input.invalid_request
                claimed = "见截图"
        elif scenario == "person":
            name = rng.choice(PERSONS)
            account, bank = _card(rng)
            message = _message(rng, SCAM_MESSAGES, product)
        elif scenario == "lookalike":
            entity = rng.choice(list(LOOKALIKES))
            product = next(p for p, e in CREDITORS if e == entity)
            name, account, bank = LOOKALIKES[entity], _corporate_account(rng), rng.choice(BANKS)
            message = _message(rng, SCAM_MESSAGES, product)
        elif scenario == "unknown":
            product = rng.choice(UNKNOWN_CREDITORS)
            name = rng.choice((_company(rng), rng.choice(PERSONS)))
            account, bank = _card(rng)
            message = _message(rng, SCAM_MESSAGES + GENUINE_MESSAGES, product)
        else:  # partial: what people often have, a name or a number but not both
            name, account, bank = rng.choice(
                (("", _card(rng)[0], ""), (_company(rng), "", ""), (rng.choice(PERSONS), "", ""))
            )
            message = _message(rng, SCAM_MESSAGES, product)
        licence = (
            _licence(rng, name)
            if scenario in ("company", "typo", "unverified") and name and rng.random() < 0.5
            else {}
        )
        yield {
            "编号": f"P{number:05d}",
            "收款户名": name,
            "收款账号": account,
            "开户行": bank,
            "对方所称账户类型": claimed,
            "债权人": product,
            "短信内容": message,
            "聊天记录": chat,
            "执照名称": licence.get("执照名称", ""),
            "统一社会信用代码": licence.get("统一社会信用代码", ""),
            "成立日期": licence.get("成立日期", ""),
        }


def write(path: Path, count: int, *, seed: int = 2026) -> None:
    """Write *count* rows to *path* as UTF-8 CSV, with a ``#`` header saying what it is."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# payees.csv: synthetic payees to screen with acctverify (no real personal data)\n"
            f"# generated: python scripts/make_payees_csv.py --rows {count} --seed {seed}\n"
            "# persons are placeholders (张三, 王某某), companies 某-names; card numbers are"
            " a public BIN plus random digits and a Luhn check digit; phone numbers and WeChat IDs"
            " are dummies\n"
            "# read with: pandas.read_csv(path, comment='#', dtype=str)\n"
        )
        writer = csv.DictWriter(handle, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        for row in payee_rows(count, seed=seed):
            if any("#" in value for value in row.values()):  # pragma: no cover - generator bug
                raise ValueError(f"row {row['编号']}: '#' would be read as a comment")
            writer.writerow(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200, help="number of rows (default 200)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument("-o", "--output", type=Path, default=TARGET, help="file to write")
    args = parser.parse_args()
    write(args.output, args.rows, seed=args.seed)
    print(f"wrote {args.rows} rows to {args.output}")


if __name__ == "__main__":
    main()

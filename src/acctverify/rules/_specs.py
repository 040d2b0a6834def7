"""The built-in finding specifications: subject, kind, weight, level floor, messages (private).

This table, with one entry per phrase family of ``data/phrases.toml``, is what
:mod:`acctverify.rules.catalogue` publishes: the scoring weights, the docs page
(``docs/findings.md``, generated) and the CHANGELOG all follow it. Messages are templates filled
from the finding's parameters; a missing parameter is shown as ``{name}``, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from acctverify.models.findings import FindingKind, Level, Subject

__all__ = ["BUILTIN", "FindingSpec", "phrase_specs", "typology_specs"]

R, T, N, INFO = FindingKind.RISK, FindingKind.TRUST, FindingKind.NOT_POSSIBLE, FindingKind.INFO


@dataclass(frozen=True)
class FindingSpec:
    """Everything fixed about a finding code.

    *code* is ``subject.name`` (the subject is one of :class:`~acctverify.models.Subject`);
    *weight* is in points (0-100); *min_level* the lowest level a request with the finding can
    have; *zh* and *en* are message templates filled from the signal's parameters; *rule* names
    the function that emits the code (filled in by the catalogue for built-in codes).
    """

    code: str
    kind: FindingKind
    weight: float
    zh: str
    en: str
    min_level: Level | None = None
    rule: str = ""
    subject: Subject = field(init=False)
    """The code's first part (``payee.not_creditor`` -> payee)."""

    def __post_init__(self) -> None:
        head = self.code.split(".", 1)[0]
        if "." not in self.code or head not in Subject._value2member_map_:
            subjects = ", ".join(item.value for item in Subject)
            raise ValueError(f"finding code {self.code!r} must be '<subject>.<name>' ({subjects})")
        if not 0 <= self.weight <= 100:
            raise ValueError(f"finding {self.code!r}: weight must be 0-100 points")
        object.__setattr__(self, "subject", Subject(head))


def _spec(
    code: str,
    kind: FindingKind,
    weight: float,
    zh: str,
    en: str,
    *,
    floor: Level | None = None,
    rule: str = "",
) -> FindingSpec:
    return FindingSpec(code, kind, weight, zh, en, floor, rule)


H, C, M = Level.HIGH, Level.CRITICAL, Level.MEDIUM

#: The built-in codes (without the phrase families: :func:`phrase_specs`).
BUILTIN: tuple[FindingSpec, ...] = (
        # --- payee ---------------------------------------------------------------------------
        _spec("payee.name_missing", N, 15,
              "没有收款户名，无法核对收款方是谁。",
              "No payee name was given, so who receives the money cannot be checked.", floor=M),
        _spec("payee.name_truncated", INFO, 0,
              "收款户名过长，只检查了前{limit}个字符。",
              "The payee name is very long; only its first {limit} characters were checked."),
        _spec("payee.official_entity", T, 60,
              "收款户名与{creditor}的登记主体“{entity}”一致。",
              "The payee name matches {creditor_en}'s registered entity “{entity}”."),
        _spec("payee.official_account", T, 85,
              "收款账号是{creditor}公布的官方账户（来源：{source}）。",
              "The account is an official account of {creditor_en} (source: {source})."),
        _spec("payee.unconfirmed_entity", N, 20,
              "收款户名“{payee}”是公开资料中与{creditor}关联较弱的主体“{entity}”，无法确认。",
              "The payee “{payee}” is “{entity}”, an entity public sources tie only weakly to "
              "{creditor_en}: it cannot be confirmed.", floor=M),
        _spec("payee.not_official_account", R, 60,
              "收款账号不在{creditor}登记的官方账户中（来源：{source}）。",
              "The account is not among {creditor_en}'s registered official accounts (source: "
              "{source}).", floor=H),
        _spec("payee.creditor_entity_unknown", N, 40,
              "没有可靠资料说明{creditor}由哪家公司放款或收款，无法确认收款户名“{payee}”属于它；"
              "以借款合同或征信报告上写明的放款机构为准。",
              "No reliable source says which company lends or collects for {creditor_en}, so the "
              "payee “{payee}” cannot be tied to it; the lender named in your loan contract or "
              "credit report is the authority.", floor=M),
        _spec("payee.name_not_comparable", N, 30,
              "收款户名“{payee}”无法与{creditor}的登记名称核对（{reasons}）。",
              "The payee name “{payee}” cannot be checked against {creditor_en}'s registered "
              "names ({reasons_en}).", floor=M),
        _spec("payee.former_entity_name", N, 20,
              "收款户名“{payee}”是{creditor}的主体的曾用名，该主体现名“{entity}”：更名后账户户名也会"
              "更新，请在官方App或官方客服处确认收款账户。",
              "The payee name “{payee}” is a former name of {creditor_en}'s entity, now named "
              "“{entity}”: after a change of name the account name changes too; confirm the "
              "account in the official app or with official customer service.", floor=M),
        _spec("payee.close_to_creditor", R, 30,
              "收款户名“{payee}”与{creditor}的登记主体“{entity}”相近但不相同（{reasons}）。",
              "The payee name “{payee}” is close to, but not, {creditor_en}'s registered entity "
              "“{entity}” ({reasons_en}).", floor=M),
        _spec("payee.not_creditor", R, 70,
              "收款户名“{payee}”不是{creditor}的登记主体（{entities}）：钱会转给第三方。",
              "The payee “{payee}” is not a registered entity of {creditor_en} ({entities}): the "
              "money would go to a third party.", floor=H),
        _spec("payee.lookalike_creditor", R, 90,
              "收款户名“{payee}”仿冒{creditor}的登记名称“{entity}”（{reasons}）。",
              "The payee name “{payee}” imitates {creditor_en}'s registered name “{entity}” "
              "({reasons_en}).", floor=C),
        _spec("payee.spoofed_characters", R, 80,
              "收款户名含有隐藏或伪装字符：{detail}。",
              "The payee name contains hidden or disguised characters: {detail_en}.", floor=H),
        _spec("payee.is_person", R, 55,
              "收款户名“{payee}”是个人姓名，不是公司。",
              "The payee “{payee}” is a person's name, not a company.", floor=H),
        _spec("payee.individual_business", R, 40,
              "收款方是个体工商户，不是放贷机构。",
              "The payee is an individual business (个体工商户), not a lender."),
        _spec("payee.debt_service_company", R, 35,
              "收款方名称显示其从事“{industry}”，这是第三方“债务优化/协商”中介的常见特征。",
              "The payee's name says it does “{industry}”, typical of third-party “debt "
              "optimisation” middlemen."),
        # --- account -------------------------------------------------------------------------
        _spec("account.missing", N, 5,
              "没有收款账号。", "No account number was given."),
        _spec("account.invalid", R, 30,
              "收款账号不是有效的银行账号：{reason}。",
              "The account number is not a valid bank account number: {reason_en}."),
        _spec("account.personal_card", R, 55,
              "说是对公账户，但{account}看起来是{bank}的{card_type}号码（卡号校验通过、卡BIN已知）："
              "通常是个人银行卡，不是公司账户。",
              "Said to be a corporate account, {account} looks like a {bank} {card_type_en} number "
              "(Luhn-valid, known card BIN): normally a personal card, not a company's account.",
              floor=H),
        _spec("account.card", R, 40,
              "收款账号{account}看起来是{bank}的{card_type}号码（卡号校验通过、卡BIN已知），"
              "通常是个人银行卡。",
              "The account {account} looks like a {bank} {card_type_en} number (Luhn-valid, known "
              "card BIN): normally a personal card.", floor=M),
        _spec("account.maybe_card", R, 15,
              "收款账号{account}可能是银行卡号：{reason}。",
              "The account {account} may be a card number: {reason_en}."),
        _spec("account.bank_mismatch", R, 35,
              "所填开户行（{stated}）与{source}显示的银行（{actual}）不一致。",
              "The stated bank ({stated}) differs from the bank the {source_en} points to "
              "({actual})."),
        _spec("account.length_unusual", R, 5,
              "账号长度{length}位不在{bank}公布的对公账号长度中（参考信号，公布的表有误差）。",
              "A {length}-digit account is not among {bank}'s published corporate-account lengths "
              "(a soft signal: the table has errors)."),
        _spec("account.bank_unknown", INFO, 0,
              "无法识别所填开户行“{stated}”。", "The stated bank “{stated}” is not recognised."),
        _spec("account.cnaps_invalid", R, 20,
              "联行号{cnaps}有问题：{reason}（校验规则为经验规则，公开的行号几乎都能通过）。",
              "The CNAPS bank code {cnaps} looks wrong: {reason_en} (the check digit rule is "
              "empirical, but nearly every published code passes it)."),
        # --- licence -------------------------------------------------------------------------
        _spec("licence.uscc_malformed", R, 60,
              "营业执照上的统一社会信用代码“{uscc}”格式错误：{reason}。",
              "The credit code “{uscc}” on the licence is malformed: {reason_en}.", floor=H),
        _spec("licence.uscc_invalid", R, 60,
              "统一社会信用代码{uscc}校验码错误（应为{expected}）：代码是编造或抄错的。",
              "The credit code {uscc} fails its check character (expected {expected}): it is "
              "made up or mistyped.", floor=H),
        _spec("licence.uscc_pilot_code", N, 15,
              "统一社会信用代码{uscc}校验码不符，但格式与早期福建/厦门试点代码相同（那些代码真实存在）："
              "无法确认真伪，请向登记机关或国家企业信用信息公示系统核实。",
              "The credit code {uscc} fails its check character but has the pattern of the early "
              "Fujian/Xiamen pilot codes (which are real): it cannot be confirmed; check it with "
              "the national enterprise credit publicity system."),
        _spec("licence.org_code_invalid", R, 45,
              "统一社会信用代码{uscc}中的组织机构代码（第9-17位）校验失败，真实代码几乎都能通过。",
              "Characters 9-17 of the credit code {uscc} fail the organisation-code check; real "
              "codes almost always pass it.", floor=M),
        _spec("licence.uscc_unknown_region", R, 25,
              "统一社会信用代码{uscc}的行政区划码{region}不存在（含历史代码）。",
              "The region code {region} in the credit code {uscc} does not exist, even "
              "historically."),
        _spec("licence.uscc_unknown_type", R, 25,
              "统一社会信用代码{uscc}的登记管理部门码/机构类别码“{pair}”不在国家标准表中。",
              "The authority/type code “{pair}” of the credit code {uscc} is not in the standard's "
              "table."),
        _spec("licence.uscc_type_vs_name", R, 50,
              "统一社会信用代码{uscc}表明主体是{entity_type}，但名称“{name}”是{legal_form}。",
              "The credit code {uscc} belongs to a {entity_type_en}, but the name “{name}” is a "
              "{legal_form}.", floor=M),
        _spec("licence.uscc_region_vs_address", R, 15,
              "统一社会信用代码的登记地（{region}）与住所（{address}）不在同一省份。",
              "The credit code's registration region ({region}) and the address ({address}) are "
              "in different provinces."),
        _spec("licence.regno_invalid", R, 45,
              "注册号{regno}校验失败。", "The registration number {regno} fails its check."),
        _spec("licence.regno_unverifiable", N, 10,
              "{regno}是2007年以前的13位注册号，没有校验位，无法核验；现行营业执照都印统一社会信用代码，"
              "请在 www.gsxt.gov.cn 查询该企业的现状。",
              "{regno} is a 13-digit registration number from before 2007: it has no check digit "
              "and cannot be validated; current licences print a unified social credit code, so "
              "look the company up on www.gsxt.gov.cn."),
        _spec("licence.name_mismatch", R, 65,
              "收款户名“{payee}”与营业执照名称“{name}”不一致：营业执照不是收款方的。",
              "The payee name “{payee}” differs from the licence name “{name}”: the licence is "
              "not the payee's.", floor=H),
        _spec("licence.name_lookalike", R, 85,
              "收款户名“{payee}”仿冒营业执照名称“{name}”（{reasons}）。",
              "The payee name “{payee}” imitates the licence name “{name}” ({reasons_en}).",
              floor=C),
        _spec("licence.name_unconfirmed", N, 10,
              "从照片上识别出的执照名称“{name}”与收款户名“{payee}”只差几个字（或多出周围的文字）："
              "可能是识别误差，照片既不能证实也不能否定二者一致，请对照照片亲自核对。",
              "The name read off the licence photo, “{name}”, is a few characters off the payee "
              "“{payee}” (or has text around it): possibly an OCR misreading, so the photo "
              "neither confirms nor contradicts the payee; compare them on the photo yourself."),
        _spec("licence.name_close", R, 15,
              "收款户名“{payee}”与营业执照名称“{name}”相近但不完全相同（{reasons}）。",
              "The payee name “{payee}” is close to the licence name “{name}” ({reasons_en})."),
        _spec("licence.name_not_comparable", N, 20,
              "收款户名“{payee}”无法与营业执照名称“{name}”核对（{reasons}）。",
              "The payee name “{payee}” cannot be checked against the licence name “{name}” "
              "({reasons_en}).", floor=M),
        _spec("licence.uscc_not_creditor", R, 70,
              "营业执照的信用代码{uscc}不是{creditor}的信用代码{expected}。",
              "The licence's credit code {uscc} is not {creditor_en}'s ({expected}).", floor=H),
        _spec("licence.not_operating", R, 80,
              "登记状态“{status}”：该主体已不能正常经营收款。",
              "Registry status “{status}”: the entity cannot legitimately take payments.", floor=H),
        _spec("licence.status_warning", R, 35,
              "登记状态“{status}”：存在经营异常或失信记录。",
              "Registry status “{status}”: the entity is on a warning list."),
        _spec("licence.date_in_future", R, 40,
              "成立日期{established}晚于判断日期{as_of}：营业执照信息有误或是伪造的。",
              "The founding date {established} is after {as_of}: the licence data is wrong or "
              "forged."),
        _spec("licence.recently_founded", R, 30,
              "该公司成立于{established}，距今仅{days}天。",
              "The company was founded on {established}, only {days} days ago."),
        _spec("licence.term_ended", R, 50,
              "营业期限已于{end}届满。", "The business term ended on {end}.", floor=M),
        _spec("licence.payee_is_legal_rep", R, 55,
              "收款人是法定代表人“{person}”本人，不是公司账户。",
              "The payee is the legal representative “{person}” personally, not the company.",
              floor=H),
        _spec("licence.debt_service_scope", R, 40,
              "经营范围含“{terms}”，是第三方“债务优化/代理协商”公司的典型范围。",
              "The business scope includes “{terms}”, typical of third-party “debt "
              "optimisation” companies."),
        _spec("licence.individual_business_form", R, 40,
              "营业执照显示为个体工商户（{evidence}），不是放贷机构。",
              "The licence is that of an individual business ({evidence}), not a lender."),
        _spec("licence.unreadable", INFO, 0,
              "营业执照的“{field}”无法识别：“{value}”。",
              "The licence's “{field_en}” could not be read: “{value}”."),
        # --- creditor ------------------------------------------------------------------------
        _spec("creditor.unknown", N, 30,
              "不知道要还款给谁（{reason}），无法核对收款方是否属于债权人。",
              "The creditor is unknown ({reason_en}): whether the payee belongs to it cannot be "
              "checked.", floor=M),
        _spec("creditor.name_typo", N, 10,
              "“{text}”不是正式名称，与{official}只差一两个字；收款方正是{official}的登记主体，"
              "可能只是输入错误，请在官方App内确认。",
              "“{text}” is not an official name, one or two characters away from {official}; "
              "the payee is {official}'s registered entity, so it may be a typo: confirm in the "
              "official app.", floor=M),
        _spec("creditor.lookalike", R, 60,
              "“{text}”仿冒{official}的名称（{reasons}）。",
              "“{text}” imitates the name of {official} ({reasons_en}).", floor=H),
        _spec("creditor.unofficial_name", R, 25,
              "“{text}”不是{creditor}的正式名称：{creditor}没有所谓的“{extra}”。",
              "“{text}” is not an official name of {creditor_en}, which has no “{extra}”."),
        _spec("creditor.in_app_repayment", R, 35,
              "{creditor}的官方还款方式是：{channels}。要求转账到其他账户不符合官方渠道。",
              "{creditor_en} takes repayment through: {channels_en}. A transfer to another account "
              "is not an official channel."),
        _spec("creditor.transfer_to_creditor", INFO, 0,
              "收款方是{creditor}的登记主体，但{creditor}通常的还款方式是：{channels}。"
              "请在官方App内或拨打官方客服确认这笔转账确实是它要求的。",
              "The payee is {creditor_en}'s registered entity, but {creditor_en} normally takes "
              "repayment through: {channels_en}. Confirm in its app or on its official number "
              "that it asked for this transfer."),
        _spec("creditor.no_official_account", INFO, 0,
              "没有公开资料显示{creditor}使用对公账户收取还款。",
              "No public source shows {creditor_en} taking repayment into a corporate account."),
        # --- messages ------------------------------------------------------------------------
        _spec("messages.scam_money_request", R, 70,
              "在这类诈骗中，对方正在要求你{what}（“{text}”）：不要照做。",
              "Within this scam, you are being asked to {what_en} (“{text}”): do not do it.",
              floor=C),
        _spec("messages.scam_likely", R, 55,
              "消息有多项诈骗特征（{cues}），虽不完全符合某一已知类型，也应按诈骗对待。",
              "The message shows several scam signs ({cues_en}); it matches no single known "
              "type, but treat it as a scam.", floor=H),
        _spec("messages.personal_contact", R, 45,
              "要求通过个人{channel}联系（{value}），而不是官方渠道。",
              "You are asked to get in touch through a personal {channel_en} ({value}), not an "
              "official channel.", floor=M),
        _spec("messages.enterprise_wechat", INFO, 0,
              "消息提到企业微信（{value}）：部分机构确实使用企业微信，请在官方App内核实。",
              "The messages mention WeChat Work ({value}); some lenders do use it, verify inside "
              "the official app."),
        _spec("messages.remote_control_app", R, 70,
              "要求使用屏幕共享或远程控制软件（{value}）。",
              "You are asked to use screen sharing or a remote-control app ({value}).", floor=H),
        _spec("messages.meeting_app", R, 45,
              "要求下载或使用会议/聊天软件（{value}）。",
              "You are asked to use a meeting or chat app ({value})."),
        _spec("messages.unofficial_link", R, 35,
              "消息中的链接{value}不是{creditor}的官方网站。",
              "The link {value} is not an official website of {creditor_en}."),
        _spec("messages.lookalike_link", R, 75,
              "链接{value}冒用官方网站的名称（{detail}）。",
              "The link {value} imitates an official website ({detail}).", floor=H),
        _spec("messages.short_link", R, 25,
              "消息使用短链接{value}，看不出真实网址。",
              "The messages use a short link ({value}) that hides the real address."),
        _spec("messages.cross_border_number", R, 45,
              "消息中的号码{value}来自境外（{region}）。",
              "The number {value} in the messages is from outside the mainland ({region})."),
        _spec("messages.unofficial_number", R, 15,
              "消息中的号码{value}不是{creditor}公布的官方号码。",
              "The number {value} in the messages is not a published number of {creditor_en}."),
        _spec("messages.official_number", INFO, 0,
              "消息中出现{creditor}的官方号码{value}：号码可被伪造，仅供参考，请自行拨打官方号码核实。",
              "The messages show {creditor_en}'s official number {value}: numbers can be spoofed; "
              "call the official number yourself to check."),
        _spec("messages.truncated", INFO, 0,
              "第{index}条消息过长，只检查了前{limit}个字符。",
              "Message {index} is very long; only its first {limit} characters were checked."),
        # --- input ---------------------------------------------------------------------------
        _spec("input.invalid_characters", INFO, 0,
              "字段{fields}含有无法编码的字符（孤立代理项），报告中已替换为�。",
              "The fields {fields} contained unpaired surrogate code points, which no text "
              "encoding can carry; the report shows U+FFFD instead.",
              rule="acctverify._verify.verify"),
        # --- contact -------------------------------------------------------------------------
        _spec("contact.cross_border_number", R, 45,
              "来电/短信号码{value}来自境外（{region}）。",
              "The calling or texting number {value} is from outside the mainland ({region})."),
        _spec("contact.private_number", R, 30,
              "来电/短信号码{value}是个人手机号，不是{creditor}的官方号码。",
              "The calling or texting number {value} is a personal mobile, not {creditor_en}'s "
              "official number."),
        _spec("contact.official_number", INFO, 0,
              "来电号码{value}是{creditor}公布的号码：来电显示可以伪造，请挂断后自行拨打核实。",
              "The caller number {value} is {creditor_en}'s published number: caller ID can be "
              "faked; hang up and call it yourself."),
        # --- batch ---------------------------------------------------------------------------
        _spec("input.invalid_request", N, 30,
              "请求格式不正确，无法检查：{error}。",
              "The request is malformed and could not be checked: {error}.", floor=M,
              rule="acctverify._request_check.invalid_request_report"),
        # --- licence image ---------------------------------------------------------------------
        _spec("image.unreadable", N, 20,
              "营业执照图片无法读取（{detail}）：无法核对图片上的内容。",
              "The licence image could not be read ({detail_en}): what it shows cannot be "
              "checked.", floor=M),
        _spec("image.ocr_unavailable", N, 10,
              "未安装图片识别组件，无法读取营业执照图片：请运行 pip install \"acctverify[ocr]\"。",
              "The licence image cannot be read without the OCR extra: pip install "
              "\"acctverify[ocr]\"."),
        _spec("image.qr_missing", N, 15,
              "{why}：2019年起的营业执照都印有链接到国家企业信用信息公示系统的二维码，"
              "请自行在 www.gsxt.gov.cn 查询该企业。",
              "{why_en}: licences issued since 2019 carry one that links to the national "
              "enterprise credit publicity system; look the company up yourself on "
              "www.gsxt.gov.cn."),
        _spec("image.qr_absent", R, 60,
              "照片上是一张完整的2019年版营业执照（国家市场监督管理总局监制），但标题旁本应印二维码的"
              "位置是空白的：这一版执照为每个主体都印有二维码，没有二维码的很可能是伪造的。"
              "请自行在 www.gsxt.gov.cn 查询该企业。",
              "The photo shows a complete 2019-version licence (国家市场监督管理总局监制), but the "
              "place beside the title where that version prints its QR code is blank: every "
              "such licence carries one, so this one is probably forged. Look the company up "
              "yourself on www.gsxt.gov.cn.", floor=H),
        _spec("image.qr_not_expected", INFO, 0,
              "照片上是{style}，这类执照不一定印有二维码，没有二维码不说明真伪。"
              "请在 www.gsxt.gov.cn 查询该企业的现状。",
              "The photo shows {style_en}, which did not always carry a QR code: its absence says "
              "nothing either way. Check the company's current record on www.gsxt.gov.cn."),
        _spec("image.qr_unofficial_host", R, 50,
              "营业执照二维码指向{host}，不是国家企业信用信息公示系统（gsxt.gov.cn）或省级公示系统："
              "真执照的二维码只链接到公示系统，这张执照很可能是伪造的。",
              "The licence's QR code points to {host}, not to the national (gsxt.gov.cn) or a "
              "provincial enterprise credit publicity system: a genuine licence's code links "
              "there, so this licence is probably forged.", floor=H),
        _spec("image.qr_ip_host", N, 10,
              "营业执照二维码指向一个IP地址{host}：有些省份早年的公示系统就是这样的地址，无法核对。"
              "请自行在 www.gsxt.gov.cn 查询该企业。",
              "The licence's QR code points to the bare address {host}: some provinces' older "
              "publicity systems used such addresses, so it cannot be checked. Look the company "
              "up yourself on www.gsxt.gov.cn."),
        _spec("image.qr_text_record", R, 50,
              "这张2019年版营业执照的二维码里是一段文字（“{text}”），不是公示系统的链接：这一版执照的"
              "二维码都链接到国家企业信用信息公示系统，这张执照很可能是伪造的。",
              "The QR code of this 2019-version licence holds plain text (“{text}”), not a link "
              "to the publicity system: every such licence's code links to the national "
              "enterprise credit publicity system, so this licence is probably forged.",
              floor=H),
        _spec("image.qr_unknown_gov_host", N, 10,
              "营业执照二维码指向政府网站{host}，但它不是已知的公示系统地址，无法核对。",
              "The licence's QR code points to the government host {host}, which is not a known "
              "publicity-system address: it cannot be checked."),
        _spec("image.qr_not_link", N, 10,
              "营业执照二维码的内容不是网址（“{text}”）：可能是只能在电子营业执照App中识别的企业码，"
              "无法核对。",
              "The licence's QR code is not a web address (“{text}”); it may be a 企业码 that "
              "only the e-licence app reads, and cannot be checked."),
        _spec("image.qr_uscc_mismatch", R, 75,
              "营业执照二维码里的信用代码{qr_uscc}与执照上印的{uscc}不一致：执照被篡改或伪造。",
              "The credit code in the licence's QR code, {qr_uscc}, differs from the printed "
              "{uscc}: the licence has been altered or forged.", floor=H),
        _spec("image.qr_uscc_consistent", INFO, 0,
              "二维码链接到公示系统，其中的代码与执照上印的{uscc}一致：这只说明该代码存在，"
              "不能证明执照是真的（伪造工具也能生成同样的二维码）。",
              "The QR code links to the publicity system with the printed code {uscc}: this "
              "shows only that the code exists, not that the licence is genuine (forgery tools "
              "make the same QR codes)."),
        _spec("image.uscc_differs_from_supplied", R, 65,
              "营业执照图片上的信用代码{image_uscc}与提供的代码{uscc}不一致。",
              "The credit code on the licence image, {image_uscc}, differs from the one "
              "supplied, {uscc}.", floor=H),
        _spec("image.uscc_invalid", R, 60,
              "营业执照图片上印的信用代码{uscc}无效：{reason}（二维码里是同一个代码，不是识别误差）。",
              "The credit code {uscc} printed on the licence image is invalid: {reason_en} (the "
              "QR code carries the same code, so it is not a misreading).", floor=H),
        _spec("image.code_unreliable", INFO, 0,
              "从照片上识别出的代码{uscc}校验不通过：更可能是识别误差，而不是执照上印错，无法据此判断真伪。"
              "请对照照片亲自核对，并在 www.gsxt.gov.cn 查询该企业。",
              "The code read off the photo, {uscc}, fails its check: more likely a misreading "
              "than a misprint, so it says nothing about the licence. Compare it with the photo "
              "yourself and look the company up on www.gsxt.gov.cn."),
        _spec("image.code_corrected", INFO, 0,
              "照片上的代码识别为{read}（校验不通过），按形近字符更正为{uscc}：这是唯一一个只改动易混"
              "字符（如0/D、8/B、C/G）且通过全部校验的读法。",
              "The code on the photo was read as {read}, which fails its check, and taken as "
              "{uscc}: the only reading that changes just characters OCR confuses (0/D, 8/B, C/G "
              "…) and passes every check."),
        _spec("image.fields_missing", N, 15,
              "营业执照图片上找不到每张执照都有的项目：{fields}（图片不清、被裁剪，或不是真执照）。",
              "The licence image lacks items every licence shows: {fields} (a poor or cropped "
              "photo, or not a genuine licence)."),
        _spec("image.labels_vs_type", R, 40,
              "营业执照类型是“{entity_type}”，却印有“{labels}”这类只有{expected}执照才有的项目。",
              "The licence's type is “{entity_type}”, yet it prints “{labels}”, items that only "
              "a {expected_en} licence has.", floor=M),
        # --- sources ---
        # What the optional online lookups and risk lists said (acctverify.sources.enrich):
        # a lookup that failed or found nothing can never pass (fail closed).
        _spec("sources.registry_not_found", N, 40,
              "企业登记信息（{source}）中查不到“{query}”：无法核实收款方，所附营业执照可能是伪造的。",
              "The business registry ({source}) has no record of “{query}”: the payee cannot be "
              "verified, and a licence supplied with it may be forged.", floor=M),
        _spec("sources.registry_unavailable", N, 20,
              "企业登记信息查询（{source}）失败（{detail}）：无法核实收款方。",
              "The business-registry lookup ({source}) failed ({detail}): the payee could not be "
              "verified.", floor=M),
        _spec("sources.registry_name_mismatch", R, 65,
              "企业登记信息（{source}）中的名称是“{registered}”，与{what}“{name}”不一致（{reasons}）。",
              "The business registry ({source}) records the name “{registered}”, which differs "
              "from the {what_en} “{name}” ({reasons_en}).", floor=H),
        _spec("sources.registry_status", R, 80,
              "企业登记信息（{source}）显示“{name}”的登记状态为“{status}”：该主体已不能正常经营收款。",
              "The business registry ({source}) shows “{name}” as “{status}”: the entity cannot "
              "legitimately take payments.", floor=H),
        _spec("sources.registry_uscc_mismatch", R, 60,
              "营业执照上的信用代码{uscc}与企业登记信息（{source}）中“{name}”的代码{registered}不一致。",
              "The licence's credit code {uscc} differs from the code {registered} the business "
              "registry ({source}) holds for “{name}”.", floor=H),
        _spec("sources.card_bin_online", INFO, 0,
              "联网卡BIN查询（{source}，只发送BIN）：{result}。",
              "Online card-BIN lookup ({source}, the BIN only was sent): {result_en}."),
        _spec("sources.risk_list_hit", R, 90,
              "{kind}“{value}”在风险名单“{list}”中：{note}（来源：{origin}）。",
              "The {kind_en} “{value}” is on the risk list “{list}”: {note} (source: {origin}).",
              floor=H),
        _spec("sources.risk_list_unavailable", N, 15,
              "风险名单“{list}”查询失败（{detail}），未能核对。",
              "The risk list “{list}” could not be checked ({detail})."),

)  # fmt: skip


def phrase_specs() -> tuple[FindingSpec, ...]:
    """One finding per phrase family of ``data/phrases.toml``: a family added there has its code
    (``messages.<family>``), weight and floor here, and can never be dropped silently."""
    from acctverify.text import phrase_families

    return tuple(
        _spec(
            f"messages.{family.code}", R, family.weight,
            f"消息含有“{family.label_zh}”类话术：“{{text}}”。",
            f"The messages use {family.label_en} wording: “{{text}}”.",
            floor=Level(family.floor) if family.floor else None,
        )
        for family in phrase_families().values()
    )  # fmt: skip


def typology_specs() -> tuple[FindingSpec, ...]:
    """One finding per scam typology of ``data/typologies.toml`` (``messages.scam.<code>``)."""
    from acctverify.text import TYPOLOGIES

    return tuple(
        _spec(
            f"messages.scam.{typology.code}", R, 60,
            f"消息符合“{typology.zh}”诈骗的特征（{{cues}}）。",
            f"The message matches the “{typology.en}” scam ({{cues_en}}).",
            floor=H,
        )
        for typology in TYPOLOGIES.values()
    )  # fmt: skip

#!/usr/bin/env python3
"""Derive acctverify's shipped bank, card-BIN and CNAPS tables from the raw public data.

Usage (from the repository root)::

    python scripts/build_data.py [--shared ../shared/data] [--out src/acctverify/data]
                                 [--date 2026-11-29]

Reads ``bins/bcbc_bin.csv``, ``bins/bcbc_name.csv``, ``bins/bankcardinfo_bins.csv`` and
``cnaps/paycq_bank_list.csv`` under ``--shared`` and writes ``banks.csv``, ``card_bins.csv`` and
``cnaps_codes.csv`` under ``--out``. The hand-curated tables in the same folder
(``cnaps_categories.csv``, ``bank_hotlines.csv``, ``account_lengths.csv``) are never written;
they are only read to check that every ``bank_code`` they use exists in ``banks.csv``.

The output is deterministic: rows are sorted, the generation date comes from ``--date`` (never
from the clock) and the sha256 of every raw input is recorded, so a re-run on the same inputs
gives byte-identical files. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "src" / "acctverify" / "data"
DEFAULT_DATE = "2026-11-29"
SCRIPT = "scripts/build_data.py"

CARD_TYPES = ("DC", "CC", "SCC", "PC")

# --------------------------------------------------------------------------------------------
# Raw inputs and their provenance (from shared/data/README.md and identifiers.md §3.2, §5.2).
# --------------------------------------------------------------------------------------------

BCBC_BIN = "bins/bcbc_bin.csv"
BCBC_NAME = "bins/bcbc_name.csv"
BCI_BINS = "bins/bankcardinfo_bins.csv"
PAYCQ = "cnaps/paycq_bank_list.csv"

ORIGIN_BCBC = (
    "bcbc = github.com/hexindai/bcbc data/bin.csv and data/name.csv at commit de631827ff"
    " (2025-02-05); data last changed 2020-12-11"
)
LICENCE_BCBC = "bcbc: MIT License, Copyright (c) 2018-2020 Runrioter"
ORIGIN_BCI = (
    "bankcardinfo = npm package bankcardinfo 2.0.6 (github.com/navyxie/bankcardinfo index.js,"
    " HEAD 3e3dc7a; last data commit 2020-05-25), its bankcardList expanded to one row per"
    " (BIN, length)"
)
LICENCE_BCI = "bankcardinfo: ISC (declared in the package.json of bankcardinfo 2.0.6)"
ORIGIN_PAYCQ = (
    "paycq = github.com/paycq/merchant-registration src/data/bank_list.js at commit 74b6c11"
    " (data date not recorded)"
)
LICENCE_PAYCQ = "paycq: none stated"

# --------------------------------------------------------------------------------------------
# bankcardinfo -> canonical bank code.
#
# Canonical codes are bcbc's codes (Alipay's bank codes). bankcardinfo mostly uses the same
# codes, but not always for the same bank, so EVERY (bankcardinfo code, bankcardinfo name) pair
# is mapped here by bank identity: the name, and which bcbc codes the pair's BINs carry in bcbc
# ("k/n BINs" = k of the pair's n distinct BINs carry that code in bcbc). The build stops if the
# raw data contains a pair that is not listed, so a data change forces a review.
#
# Codes prefixed "BCI_" are invented here for banks that only bankcardinfo has and whose
# bankcardinfo code is used by bcbc for a different bank.
# --------------------------------------------------------------------------------------------

BCI_CODE_MAP: dict[tuple[str, str], tuple[str, str]] = {
    # --- same code, same bank (name identical to bcbc_name.csv, or an obvious variant) ---
    ("ABC", "中国农业银行"): ("ABC", "same name; 58/60 BINs ABC"),
    ("AEON", "AEON信贷财务亚洲有限公司"): ("AEON", "AEON group; bcbc AEON银行; 4/4 BINs AEON"),
    ("BANKWF", "潍坊银行"): ("BANKWF", "same name; 3/3 BINs"),
    ("BGB", "广西北部湾银行"): ("BGB", "same name; 2/2 BINs"),
    ("BHB", "河北银行"): ("BHB", "same name; 6/6 BINs"),
    ("BJBANK", "北京银行"): ("BJBANK", "same name; 14/14 BINs"),
    ("BJRCB", "北京农村商业银行"): ("BJRCB", "same name; 4/8 BINs, rest bankcardinfo-only"),
    ("BOC", "中国银行"): ("BOC", "same name; 53/145 BINs BOC, 3 CEP, 2 ABC"),
    ("BOD", "东莞市商业银行"): ("BOD", "old name of bcbc 东莞银行; 4/5 BINs BOD"),
    ("BOHAIB", "渤海银行"): ("BOHAIB", "same name; 4/4 BINs"),
    ("BOJZ", "锦州银行"): ("BOJZ", "same name; 3/3 BINs"),
    ("BOQH", "青海银行"): ("BOQH", "same name; 5/6 BINs"),
    ("BOQZ", "泉州银行"): ("BOQZ", "same name; 3/5 BINs"),
    ("BSB", "包商银行"): ("BSB", "same name; 5/6 BINs"),
    ("CCB", "中国建设银行"): ("CCB", "same name; 50/80 BINs"),
    ("CDCB", "成都商业银行"): ("CDCB", "old name of bcbc 成都银行; 9/9 BINs CDCB"),
    ("CDRCB", "成都农村商业银行"): ("CDRCB", "bcbc 成都农商银行; 3/5 BINs CDRCB, 2 TRCB"),
    ("CEB", "中国光大银行"): ("CEB", "same name; 51/52 BINs"),
    ("CIB", "兴业银行"): ("CIB", "same name; 33/34 BINs CIB, 1 SPABANK"),
    ("CITI", "花旗银行"): ("CITI", "bcbc 花旗银行（中国）; 3/8 BINs CITI"),
    ("CITIC", "中信银行"): ("CITIC", "same name; 62/62 BINs"),
    ("CMB", "招商银行"): ("CMB", "same name; 45/56 BINs"),
    ("CMBC", "中国民生银行"): ("CMBC", "same name; 46/50 BINs"),
    ("COMM", "中国交通银行"): ("COMM", "bcbc 交通银行; 27/41 BINs COMM, 1 COMMHK"),
    ("CQBANK", "重庆银行"): ("CQBANK", "same name; 4/4 BINs"),
    ("CSCB", "长沙银行"): ("CSCB", "same name; 11/12 BINs CSCB, 1 ICBC"),
    ("CZBANK", "浙商银行"): ("CZBANK", "same name; 2/11 BINs CZBANK, 1 ICBC"),
    ("DAQINGB", "龙江银行"): ("DAQINGB", "same name; 12/13 BINs"),
    ("DBS", "星展银行香港有限公司"): (
        "DBS",
        "bcbc DBS 星展银行 (DBSCN also 星展银行); 1 BIN DBS, 1 DBSCN",
    ),
    ("DLB", "大连银行"): ("DLB", "same name; 6/9 BINs"),
    ("DRCBCL", "东莞农村商业银行"): ("DRCBCL", "same name; 4/5 BINs"),
    ("DSB", "大新银行"): ("DSB", "same name; 9/11 BINs DSB, 1 DSBCN 大新银行（中国）"),
    ("DYCCB", "东营银行"): ("DYCCB", "bcbc 东营市商业银行; 2/2 BINs DYCCB"),
    ("DZBANK", "德州银行"): ("DZBANK", "same name; 2/2 BINs"),
    ("EGBANK", "恒丰银行"): ("EGBANK", "same name; 3/3 BINs"),
    ("FJHXBC", "福建海峡银行"): ("FJHXBC", "same name; 3/4 BINs"),
    ("FJNX", "福建省农村信用社联合社"): ("FJNX", "same name; 9/9 BINs"),
    ("FSCB", "抚顺银行"): ("FSCB", "same name (bcbc FSCCB is 抚顺银行股份有限公司); 1 BIN each"),
    ("GCB", "广州银行"): ("GCB", "same name; 4/4 BINs"),
    ("GDB", "广发银行"): ("GDB", "current name of bcbc 广东发展银行; 41/64 BINs GDB, 16 SPDB"),
    ("GDRCC", "广东省农村信用社联合社"): ("GDRCC", "same name; 7/7 BINs GDRCC (2 also ICBC)"),
    ("GHB", "广东华兴银行"): ("GHB", "same name; 2/2 BINs"),
    ("GLBANK", "桂林银行"): ("GLBANK", "same name; 3/3 BINs"),
    ("GYCB", "贵阳银行"): ("GYCB", "bcbc 贵阳市商业银行 (old name); 3/4 BINs GYCB"),
    ("GZB", "赣州银行"): ("GZB", "same name; 3/3 BINs"),
    ("H3CB", "内蒙古银行"): ("H3CB", "same name; 3/3 BINs"),
    ("HKB", "汉口银行"): ("HKB", "same name; 3/4 BINs"),
    ("HKBEA", "东亚银行"): ("HKBEA", "same name; 8/13 BINs HKBEA, 1 BEAHK"),
    ("HLDCCB", "葫芦岛市商业银行"): ("HLDCCB", "same name (bcbc HLDB too); 1 BIN HLDCCB, 1 HLDB"),
    ("HNRCC", "湖南省农村信用社联合社"): ("HNRCC", "bcbc 湖南省农村信用社; 4/4 BINs HNRCC"),
    ("HRBANK", "哈尔滨银行"): ("HRBANK", "same name; 3/3 BINs"),
    ("HRXJB", "华融湘江银行"): ("HRXJB", "same name; 2/3 BINs"),
    ("HSB", "恒生银行"): ("HSB", "same name; 9/12 BINs"),
    ("HSBANK", "徽商银行"): ("HSBANK", "same name; 10/12 BINs"),
    ("HSBC", "汇丰银行"): ("HSBC", "bcbc 汇丰银行（中国）; 6/10 BINs HSBC"),
    ("HSBK", "衡水市商业银行"): ("HSBK", "bcbc 衡水银行; 2/2 BINs HSBK"),
    ("HXBANK", "华夏银行"): ("HXBANK", "same name; 22/22 BINs"),
    ("HZCB", "杭州银行"): ("HZCB", "same name; 5/7 BINs HZCB, 1 YCCB"),
    ("ICBC", "中国工商银行"): ("ICBC", "same name; 71/381 BINs ICBC, 11 other bcbc codes"),
    ("JHBANK", "金华银行"): ("JHBANK", "same name; 4/4 BINs"),
    ("JLBANK", "吉林银行"): ("JLBANK", "same name; 5/6 BINs"),
    ("JSBANK", "江苏银行"): ("JSBANK", "same name; 12/12 BINs"),
    ("JSRCU", "江苏省农村信用社联合社"): ("JSRCU", "bcbc 江苏省农村信用联合社; 7/7 BINs JSRCU"),
    ("JZCBANK", "焦作市商业银行"): ("JZCBANK", "same name; 1 BIN JZCBANK, 1 HBC"),
    ("LSB", "临沂商业银行"): ("LSB", "bcbc LSB 临商银行 (LSBC also 临商银行); 1 BIN LSB, 1 LSBC"),
    ("LYCB", "辽阳银行"): ("LYCB", "bcbc 辽阳市商业银行; 2/2 BINs LYCB"),
    ("LZCCB", "柳州银行"): ("LZCCB", "same name; 5/6 BINs"),
    ("LZYH", "兰州银行"): ("LZYH", "same name; 6/6 BINs"),
    ("NBBANK", "宁波银行"): ("NBBANK", "same name; 11/12 BINs"),
    ("NJCB", "南京银行"): ("NJCB", "same name; 7/7 BINs NJCB (2 also ICBC)"),
    ("NXBANK", "宁夏银行"): ("NXBANK", "same name; 7/8 BINs"),
    ("PSBC", "中国邮政储蓄银行"): ("PSBC", "same name; 21/31 BINs"),
    ("QDCCB", "青岛银行"): ("QDCCB", "same name; 6/6 BINs"),
    ("QHDCCB", "秦皇岛市商业银行"): ("QHDCCB", "same name; 2 BINs QHDCCB, 2 QHDBANK 秦皇岛银行"),
    ("RBOZ", "珠海华润银行"): ("RBOZ", "same name; 1 BIN RBOZ, 1 ZHCCB (same bank in bcbc)"),
    ("SCB", "渣打银行"): ("SCB", "same name; 4/7 BINs SCB, 3 SCBHK 渣打银行（香港）"),
    ("SHBANK", "上海银行"): ("SHBANK", "same name; 30/31 BINs"),
    ("SHRCB", "上海农商银行"): ("SHRCB", "bcbc 上海农村商业银行; 6/8 BINs SHRCB"),
    ("SJBANK", "盛京银行"): ("SJBANK", "same name; 6/7 BINs"),
    ("SLH", "湖南农村信用社联合社"): ("SLH", "same name; 2/4 BINs SLH, 1 HNRCC"),
    ("SPABANK", "深发/平安银行"): ("SPABANK", "bcbc 平安银行; 38/39 BINs SPABANK"),
    ("SPDB", "浦东发展银行"): ("SPDB", "bcbc 上海浦东发展银行; 53/54 BINs SPDB"),
    ("SRBANK", "上饶银行"): ("SRBANK", "same name; 1 BIN SRBANK, 1 DYCCB"),
    ("SRCB", "深圳农村商业银行"): ("SRCB", "same name; 3/3 BINs"),
    ("SXCB", "绍兴银行"): ("SXCB", "same name; 3/5 BINs"),
    ("TCCB", "天津市商业银行"): ("TCCB", "old name of bcbc 天津银行; 4/5 BINs TCCB"),
    ("TFB", "大丰银行"): ("TFB", "bcbc 大丰银行有限公司; 5/9 BINs TFB"),
    ("TRCB", "天津农村商业银行"): ("TRCB", "bcbc 天津农商银行; 4/4 BINs TRCB"),
    ("TZCB", "台州银行"): ("TZCB", "same name; 5/6 BINs"),
    ("URMQCCB", "乌鲁木齐市商业银行"): ("URMQCCB", "same name; 5/6 BINs"),
    ("WHB", "永亨银行"): ("WHB", "same name; 8/12 BINs WHB, 2 WHBMA 澳门永亨银行"),
    ("WZCB", "温州银行"): ("WZCB", "same name; 4/4 BINs"),
    ("XMBANK", "厦门银行"): ("XMBANK", "same name; 4/5 BINs XMBANK, 1 XMCCB"),
    ("XTB", "邢台银行"): ("XTB", "same name; 2/2 BINs"),
    ("YNRCC", "云南省农村信用社"): ("YNRCC", "same name; 2/2 BINs"),
    ("ZJCCB", "镇江市商业银行"): ("ZJCCB", "same name; 1 BIN ZJCCB, 1 JSBANK"),
    ("ZJTLCB", "浙江泰隆商业银行"): ("ZJTLCB", "same name; 4/4 BINs"),
    ("ZZBANK", "郑州银行"): ("ZZBANK", "same name; 1 BIN ZZBANK, 2 ZZCCB 郑州商业银行"),
    # --- different code, same bank: bankcardinfo code absent from bcbc ---
    ("CYB", "集友银行"): ("CYBC", "bcbc CYBC 集友银行; 7/11 BINs CYBC"),
    ("HQBANK", "华侨银行"): ("OCBC", "bcbc OCBC 华侨银行（中国）; 1/1 BIN OCBC"),
    ("HZBANK", "湖州银行"): ("HZCCB", "bcbc HZCCB 湖州市商业银行; 1/1 BIN HZCCB"),
    ("JXNCX", "江西省农村信用社联合社"): (
        "JXRCU",
        "bcbc JXRCU 江西省农村信用社 (name); no shared BIN",
    ),
    ("LPRDNCXYS", "临汾市尧都区农村信用合作联社"): (
        "YDRCB",
        "predecessor of bcbc YDRCB 尧都农商行; 2/2 BINs YDRCB",
    ),
    ("LYB", "洛阳银行"): ("BOL", "bcbc BOL 洛阳银行 (LYBANK also 洛阳银行); 2/2 BINs BOL"),
    ("QLB", "齐鲁银行"): ("QLBANK", "bcbc QLBANK 齐鲁银行; 3/3 BINs QLBANK"),
    ("QSBANK", "齐商银行"): ("ZBCB", "bcbc ZBCB 齐商银行; 2/3 BINs ZBCB"),
    ("RZGWYBANK", "日照银行"): ("RZB", "bcbc RZB 日照银行 (RZCCB also 日照银行); 1/1 BIN RZB"),
    ("SCBBANK", "商丘市商业银行"): (
        "ZYB",
        "merged into bcbc ZYB 中原银行 (2014); 2/2 BINs ZYB",
    ),
    ("WHSYBANK", "威海市商业银行"): ("WHCCB", "bcbc WHCCB 威海市商业银行; 2/2 BINs WHCCB"),
    ("YTCB", "烟台商业银行"): ("YTBANK", "bcbc YTBANK 烟台银行 (renamed); 1/1 BIN YTBANK"),
    ("ZJQL", "浙江泰隆商业银行"): ("ZJTLCB", "bcbc ZJTLCB 浙江泰隆商业银行; 2/4 BINs ZJTLCB"),
    # --- COLLISIONS: bankcardinfo code is a bcbc code for a DIFFERENT bank ---
    ("CDB", "承德银行"): (
        "BOCD",
        "COLLISION: bcbc CDB = 国家开发银行; same name as bcbc BOCD 承德银行. Its one BIN"
        " 628229 is CDB in bcbc (bcbc's CDB name is doubtful: 国开行 issues no cards)",
    ),
    ("GZRCU", "广州农村商业银行股份有限公司"): (
        "GRCB",
        "COLLISION: bcbc GZRCU = 贵州省农村信用社; bcbc GRCB 广州农商银行 has 2/4 of its"
        " BINs (621522, 622439); the other 2 (909810, 940035) are GZRCU in bcbc",
    ),
    ("HBC", "宜昌市商业银行"): (
        "YCCB",
        "COLLISION: bcbc HBC = 湖北银行; same name as bcbc YCCB 宜昌市商业银行; 1 BIN YCCB, 1 HBC",
    ),
    ("JSBANK", "苏州市商业银行"): (
        "JSBANK",
        "name differs from bcbc JSBANK 江苏银行 but 苏州市商业银行 merged into 江苏银行 (2007),"
        " not 苏州银行 BOSZ; 1/1 BIN JSBANK",
    ),
    ("NCB", "南昌银行"): (
        "NCB",
        "bcbc NCB = 江西银行, the renamed 南昌银行 (2015); 4/4 BINs NCB",
    ),
    ("NCB", "南洋商业银行"): (
        "BCI_NCB",
        "COLLISION: bcbc NCB = 江西银行; 南洋商业银行 (Nanyang Commercial Bank) is not in bcbc."
        " Yet 10/18 of its BINs are NCB in bcbc, 2 NCBANK 宁波通商银行: the Alipay code NCB"
        " looks ambiguous",
    ),
    ("BDCBANK", "天津滨海德商村镇银行"): (
        "BCI_BDCBANK",
        "COLLISION: bcbc BDCBANK = 保定银行; bcbc has no 天津滨海德商村镇银行."
        " Its one BIN 621091 is BDCBANK in bcbc",
    ),
    # --- banks only bankcardinfo has; code not used by bcbc, kept ---
    ("BCCC", "BC卡公司"): ("BCCC", "not in bcbc; 1/55 BINs HANABANK in bcbc"),
    ("CQNCSYCZ", "重庆南川石银村镇银行"): ("CQNCSYCZ", "not in bcbc; no shared BIN"),
    ("DIYEBANK", "企业银行"): ("DIYEBANK", "not in bcbc; no shared BIN"),
    ("DYBANK", "大华银行"): ("DYBANK", "not in bcbc; no shared BIN"),
    ("FGXYBANK", "法国兴业银行"): ("FGXYBANK", "not in bcbc; no shared BIN"),
    ("MABDA", "澳门BDA"): ("MABDA", "not in bcbc; no shared BIN"),
}

#: Names for the codes invented above (bankcardinfo's own names).
BCI_ONLY_NAMES: dict[str, str] = {
    "BCI_NCB": "南洋商业银行",
    "BCI_BDCBANK": "天津滨海德商村镇银行",
}

# --------------------------------------------------------------------------------------------
# Banks with no BIN rows, added from the reference notes (/work/shared/reference).
# Codes are chosen here (no source gives Alipay codes for them):
#   * the institution's usual English abbreviation (PBOC, CEXIM, ADBC; WEBANK as briefed);
#   * otherwise pinyin initials + BANK, with a city prefix when the short form is already a
#     bcbc code (MYBANK = 绵阳市商业银行, HRBANK = 哈尔滨银行, FMBANK = 吉林丰满惠民村镇银行).
# name: the paycq head-office name where paycq has the bank, else the reference's wording.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefBank:
    name: str
    aliases: tuple[str, ...]
    cite: str  # where the name and the bank come from (for this script's reader)
    paycq_name: bool  # True when `name` is taken from paycq_bank_list.csv


REFERENCE_BANKS: dict[str, RefBank] = {
    "PBOC": RefBank("中国人民银行", ("人民银行",), "identifiers.md §5.4 (001666666666)", False),
    "CEXIM": RefBank("中国进出口银行", ("进出口银行",), "identifiers.md §5.3 (202)", False),
    "ADBC": RefBank("中国农业发展银行", ("农发行",), "identifiers.md §5.3 (203)", False),
    "WEBANK": RefBank(
        "深圳前海微众银行",
        ("微众银行", "WeBank", "深圳前海微众银行股份有限公司"),
        "identifiers.md §5.3, §6 (323584000888); creditors.md §1.1",
        True,
    ),
    "WSBANK": RefBank(
        "浙江网商银行",
        ("网商银行", "浙江网商银行股份有限公司"),
        "identifiers.md §5.3 (323331000001); creditors.md §1.1",
        True,
    ),
    "XWBANK": RefBank(
        "四川新网银行",
        ("新网银行", "四川新网银行股份有限公司"),
        "identifiers.md §5.3 (323651066666); creditors.md §1.1",
        True,
    ),
    "SHHRBANK": RefBank("华瑞银行", (), "identifiers.md §5.3 (323290000016)", True),
    "SXBANK": RefBank("湖南三湘银行", (), "identifiers.md §5.3 (323551000015)", True),
    "CQFMBANK": RefBank("重庆富民银行", (), "identifiers.md §5.3 (323653010015)", True),
    "ZGCBANK": RefBank("中关村银行", (), "identifiers.md §5.3 (323100000012)", False),
    "XMGJBANK": RefBank("厦门国际银行", (), "identifiers.md §5.3 (781)", True),
    "SZHSBANK": RefBank("华商银行", (), "identifiers.md §5.3 (785)", True),
}

#: Existing codes that the reference notes also name (for the `sources` column of banks.csv):
#: creditors.md §1.2 (legal names, hotlines), identifiers.md §4.1 (WeChat Pay lengths) and
#: identifiers.md §5.3 (CNAPS 行别代码 of single banks).
REFERENCE_MENTIONS = frozenset(
    {
        # creditors.md §1.2 and identifiers.md §4.1 and §5.3
        "ICBC", "ABC", "BOC", "CCB", "COMM", "CMB", "SPDB", "CITIC", "CEB", "CMBC", "CIB",
        "GDB", "SPABANK", "HXBANK", "PSBC",
        # identifiers.md §4.1 only
        "BJBANK", "NBBANK",
        # identifiers.md §5.3 only
        "CDB", "EGBANK", "CZBANK", "BOHAIB", "HSBANK", "CCQTGB", "SHRCB", "SHBANK",
        "HSBC", "HKBEA", "CITI", "WOORI", "BOSH", "HANABANK", "OCBC", "SCB", "FBBANK",
    }
)  # fmt: skip

#: Legal entity names: creditors.md §1.2 only ("Legal names: secondary").
LEGAL_NAMES: dict[str, str] = {
    "ICBC": "中国工商银行股份有限公司",
    "ABC": "中国农业银行股份有限公司",
    "BOC": "中国银行股份有限公司",
    "CCB": "中国建设银行股份有限公司",
    "COMM": "交通银行股份有限公司",
    "CMB": "招商银行股份有限公司",
    "SPDB": "上海浦东发展银行股份有限公司",
    "CITIC": "中信银行股份有限公司",
    "CEB": "中国光大银行股份有限公司",
    "CMBC": "中国民生银行股份有限公司",
    "CIB": "兴业银行股份有限公司",
    "GDB": "广发银行股份有限公司",
    "SPABANK": "平安银行股份有限公司",
    "HXBANK": "华夏银行股份有限公司",
    "PSBC": "中国邮政储蓄银行股份有限公司",
}

#: Common short forms of the major national banks: the Chinese short names and English
#: abbreviations used in creditors.md §1.2 and identifiers.md §4.1 / §5.3, plus the usual
#: "X银行" forms. Only for these banks.
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "ICBC": ("工行", "工商银行", "ICBC"),
    "ABC": ("农行", "农业银行", "ABC"),
    "BOC": ("中行", "BOC"),
    "CCB": ("建行", "建设银行", "CCB"),
    "COMM": ("交行", "BoCom"),
    "CMB": ("招行", "CMB"),
    "SPDB": ("浦发", "浦发银行", "SPDB"),
    "CITIC": ("中信", "CITIC"),
    "CEB": ("光大", "光大银行", "CEB"),
    "CMBC": ("民生", "民生银行", "CMBC"),
    "CIB": ("兴业", "CIB"),
    "GDB": ("广发", "广发银行", "CGB"),
    "SPABANK": ("平安", "深圳发展银行", "Ping An Bank"),
    "HXBANK": ("华夏", "HXB"),
    "PSBC": ("邮储", "邮储银行", "邮政储蓄银行", "PSBC"),
}

#: Other names the reference notes give for banks that have BIN rows.
REFERENCE_ALIASES: dict[str, tuple[str, ...]] = {
    "CDB": ("国开行",),  # identifiers.md §5.3 (201)
}


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


class BuildError(Exception):
    """The raw data does not look as expected; the tables were not written."""


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a raw CSV file (UTF-8, header row); blank lines are skipped by the csv module."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mod_11_10_is_valid(code: str) -> bool:
    """ISO 7064 MOD 11,10 over the first 11 digits, checked against the 12th.

    >>> mod_11_10_is_valid("102100099996"), mod_11_10_is_valid("314653617115")
    (True, False)
    """
    product = 10
    for char in code[:-1]:
        total = (product + int(char)) % 10 or 10
        product = (2 * total) % 11
    return (11 - product) % 10 == int(code[-1])


def render(comments: Iterable[str], header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """Render a table in the shipped format: '#' comment lines, CSV header, rows; '\\n' ends."""
    buffer = io.StringIO()
    for comment in comments:
        if "\n" in comment:
            raise BuildError(f"comment contains a newline: {comment!r}")
        buffer.write(f"# {comment}\n" if comment else "#\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        if row and row[0].startswith("#"):
            raise BuildError(f"a data row may not start with '#': {row!r}")
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def join_unique(values: Iterable[str], exclude: Iterable[str] = ()) -> str:
    """Join values with '|', keeping first occurrences and dropping excluded or empty ones."""
    seen = set(exclude)
    out = []
    for value in values:
        if value and value not in seen:
            if "|" in value:
                raise BuildError(f"alias contains '|': {value!r}")
            seen.add(value)
            out.append(value)
    return "|".join(out)


# --------------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------------


@dataclass
class Inputs:
    bcbc_names: dict[str, str]
    bcbc_bins: list[dict[str, str]]
    bci_bins: list[dict[str, str]]
    paycq: list[dict[str, str]]
    digests: dict[str, str]


def load(shared: Path) -> Inputs:
    paths = {name: shared / name for name in (BCBC_BIN, BCBC_NAME, BCI_BINS, PAYCQ)}
    for name, path in paths.items():
        if not path.is_file():
            raise BuildError(f"missing raw file {name} under {shared}")
    names: dict[str, str] = {}
    for row in read_csv(paths[BCBC_NAME]):
        code, name = row["bank"].strip(), row["name"].strip()
        if code in names:
            raise BuildError(f"bcbc_name.csv: duplicate code {code}")
        names[code] = name
    return Inputs(
        bcbc_names=names,
        bcbc_bins=read_csv(paths[BCBC_BIN]),
        bci_bins=read_csv(paths[BCI_BINS]),
        paycq=read_csv(paths[PAYCQ]),
        digests={name: sha256(path) for name, path in paths.items()},
    )


def check_bin_row(source: str, bin_: str, length: str, bank: str, card_type: str) -> None:
    if not (bin_.isdigit() and length.isdigit() and bank):
        raise BuildError(f"{source}: malformed row {bin_!r},{length!r},{bank!r}")
    if card_type not in CARD_TYPES:
        raise BuildError(f"{source}: unknown card type {card_type!r} for BIN {bin_}")


@dataclass
class BinBuild:
    rows: list[list[str]]
    disputed: int  # bcbc and bankcardinfo disagree on bank or type
    bci_multi: int  # bankcardinfo has several different rows for one (bin, length)
    counts: dict[str, int]


def build_card_bins(inp: Inputs) -> BinBuild:
    bcbc: dict[tuple[str, int], tuple[str, str]] = {}
    for row in inp.bcbc_bins:
        bin_, length, bank, card_type = (
            row["bin"].strip(), row["length"].strip(), row["bank"].strip(), row["type"].strip()
        )  # fmt: skip
        check_bin_row("bcbc_bin.csv", bin_, length, bank, card_type)
        if bank not in inp.bcbc_names:
            raise BuildError(f"bcbc_bin.csv: code {bank} not in bcbc_name.csv")
        key = (bin_, int(length))
        if key in bcbc:
            raise BuildError(f"bcbc_bin.csv: duplicate (bin, length) {key}")
        bcbc[key] = (bank, card_type)

    # bankcardinfo, mapped to canonical codes; exact duplicates collapse, order kept.
    bci: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    unmapped = set()
    for row in inp.bci_bins:
        bin_, length = row["bin"].strip(), row["card_length"].strip()
        code, name, card_type = (
            row["bank_code"].strip(), row["bank_name"].strip(), row["card_type"].strip()
        )  # fmt: skip
        check_bin_row("bankcardinfo_bins.csv", bin_, length, code, card_type)
        if (code, name) not in BCI_CODE_MAP:
            unmapped.add((code, name))
            continue
        entry = (BCI_CODE_MAP[(code, name)][0], card_type)
        entries = bci[(bin_, int(length))]
        if entry not in entries:
            entries.append(entry)
    if unmapped:
        raise BuildError(f"bankcardinfo (code, name) pairs not in BCI_CODE_MAP: {sorted(unmapped)}")

    rows: list[list[str]] = []
    disputed = bci_multi = 0
    counts = {"bcbc": 0, "bankcardinfo": 0, "bcbc+bankcardinfo": 0}
    for key in sorted(set(bcbc) | set(bci)):
        entries = bci.get(key, [])
        notes = []
        if key in bcbc:
            bank, card_type = bcbc[key]
            sources = "bcbc+bankcardinfo" if entries else "bcbc"
            if any(entry != (bank, card_type) for entry in entries):
                disputed += 1
        else:
            # bankcardinfo only: its first row in file order wins
            bank, card_type = entries[0]
            sources = "bankcardinfo"
        if len(entries) > 1:
            bci_multi += 1
            listed = "; ".join(f"{code} {kind}" for code, kind in entries)
            notes.append(f"bankcardinfo has {len(entries)} rows: {listed}")
        elif entries and entries[0] != (bank, card_type):
            notes.append(f"bankcardinfo: {entries[0][0]} {entries[0][1]}")
        counts[sources] += 1
        rows.append([key[0], str(key[1]), bank, card_type, sources, "; ".join(notes)])
    return BinBuild(rows=rows, disputed=disputed, bci_multi=bci_multi, counts=counts)


def build_banks(inp: Inputs) -> list[list[str]]:
    for code in BCI_ONLY_NAMES:
        if code in inp.bcbc_names:
            raise BuildError(f"invented code {code} collides with bcbc")
    bci_codes = {code for code, _ in BCI_CODE_MAP}
    for code in REFERENCE_BANKS:
        if code in inp.bcbc_names or code in bci_codes or code in BCI_ONLY_NAMES:
            raise BuildError(f"reference code {code} collides with a BIN-source code")

    names: dict[str, str] = dict(inp.bcbc_names)
    for (code, name), (canonical, _reason) in BCI_CODE_MAP.items():
        if canonical in inp.bcbc_names:
            continue
        if code == canonical:
            names.setdefault(canonical, name)
        elif canonical in BCI_ONLY_NAMES:
            names[canonical] = BCI_ONLY_NAMES[canonical]
        else:
            raise BuildError(f"{code} {name} maps to unknown code {canonical}")
    for code, ref_bank in REFERENCE_BANKS.items():
        names[code] = ref_bank.name

    bci_names: dict[str, list[str]] = defaultdict(list)
    for code, name in sorted(BCI_CODE_MAP):
        bci_names[BCI_CODE_MAP[(code, name)][0]].append(name)
    used_in_bci = {(row["bank_code"].strip(), row["bank_name"].strip()) for row in inp.bci_bins}
    bci_canon = {BCI_CODE_MAP[pair][0] for pair in used_in_bci}

    for mapping in (LEGAL_NAMES, SHORT_FORMS, REFERENCE_ALIASES):
        for code in mapping:
            if code not in names:
                raise BuildError(f"{code} is not a bank code")
    for code in REFERENCE_MENTIONS:
        if code not in names:
            raise BuildError(f"{code} is not a bank code")

    rows = []
    for code in sorted(names):
        name = names[code]
        legal = LEGAL_NAMES.get(code, "")
        ref = REFERENCE_BANKS.get(code)
        aliases = join_unique(
            [
                *bci_names.get(code, []),
                *(ref.aliases if ref else ()),
                *REFERENCE_ALIASES.get(code, ()),
                *SHORT_FORMS.get(code, ()),
            ],
            exclude=(name, legal),
        )
        sources = []
        if code in inp.bcbc_names:
            sources.append("bcbc")
        if code in bci_canon:
            sources.append("bankcardinfo")
        if ref or code in REFERENCE_MENTIONS or code in REFERENCE_ALIASES:
            sources.append("reference")
        if ref and ref.paycq_name:
            sources.append("paycq")
        rows.append([code, name, legal, aliases, "+".join(sources)])
    return rows


@dataclass
class CnapsBuild:
    rows: list[list[str]]
    dropped: list[str]
    raw_rows: int
    trimmed: int
    category_blank: int
    category_mismatch: list[str]
    blank_names: list[str]


def build_cnaps(inp: Inputs) -> CnapsBuild:
    by_code: dict[str, str] = {}
    dropped: list[str] = []
    trimmed = blank = 0
    mismatch: list[str] = []
    blank_names: list[str] = []
    for row in inp.paycq:
        raw = (row["cnaps"], row["name"], row["category"])
        code, name, category = (value.strip() for value in raw)
        if (code, name, category) != raw:
            trimmed += 1
        if len(code) != 12 or not code.isdigit():
            raise BuildError(f"paycq: malformed code {code!r}")
        if not category:
            blank += 1
        elif category != code[:3]:
            mismatch.append(f"{code}:{category}")
        if not mod_11_10_is_valid(code):
            dropped.append(code)
            continue
        if code in by_code:
            if by_code[code] != name:
                raise BuildError(f"paycq: code {code} has two names")
            continue
        by_code[code] = name
        if not name:
            blank_names.append(code)
    rows = [[code, by_code[code], code[:3]] for code in sorted(by_code)]
    return CnapsBuild(
        rows=rows,
        dropped=sorted(dropped),
        raw_rows=len(inp.paycq),
        trimmed=trimmed,
        category_blank=blank,
        category_mismatch=sorted(mismatch),
        blank_names=sorted(blank_names),
    )


# --------------------------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------------------------


def input_lines(inp: Inputs, names: Sequence[str]) -> list[str]:
    return [f"input: {name} sha256 {inp.digests[name]}" for name in names]


def card_bins_comments(inp: Inputs, built: BinBuild, date: str) -> list[str]:
    c = built.counts
    return [
        "card_bins.csv: card BIN (issuer prefix) table of Chinese bank cards, one row per"
        " (bin, length)",
        "columns: bin = leading digits of the card number (3-10 digits); length = full card"
        " number length; bank_code = code in banks.csv; card_type = DC 借记卡 / CC 信用卡 /"
        " SCC 准贷记卡 / PC 预付费卡; sources = raw table(s) holding the row; note = what"
        " bankcardinfo says where it differs",
        f"origin: {ORIGIN_BCBC}",
        f"origin: {ORIGIN_BCI}",
        f"licence: {LICENCE_BCBC}",
        f"licence: {LICENCE_BCI}",
        *input_lines(inp, (BCBC_BIN, BCBC_NAME, BCI_BINS)),
        "caveat: unofficial BIN data. bcbc's rows were collected from Alipay's card-BIN"
        " endpoint; bankcardinfo does not state where its table comes from. Neither is an"
        " official UnionPay table, and both date from 2020",
        "merge: union of both sources. bankcardinfo codes are mapped to banks.csv codes by bank"
        " identity (BCI_CODE_MAP in scripts/build_data.py). Where the two disagree on bank or"
        " card type for the same (bin, length), bcbc's value is kept (its data changed later,"
        " 2020-12-11 vs 2020-05-25) and bankcardinfo's is written in note as"
        " 'bankcardinfo: CODE TYPE'",
        "merge: where bankcardinfo itself has several different rows for one (bin, length),"
        " note lists them all ('bankcardinfo has N rows: ...'); without a bcbc row its first"
        " row in file order is used",
        "use: prefixes overlap (e.g. 621241 and 621241001); match the longest prefix whose"
        " length equals the card number's length. A hit shows the number looks like a card"
        " PAN, not who owns the account",
        f"counts: {len(built.rows)} rows; bcbc+bankcardinfo {c['bcbc+bankcardinfo']}, bcbc"
        f" only {c['bcbc']}, bankcardinfo only {c['bankcardinfo']}; {built.disputed} rows"
        f" where the sources disagree; {built.bci_multi} rows with several bankcardinfo rows",
        "order: sorted by bin (as text) then length",
        f"generated: {SCRIPT} on {date} (do not edit by hand; re-run the script)",
    ]


def banks_comments(inp: Inputs, date: str) -> list[str]:
    invented = ", ".join(f"{code} {name}" for code, name in sorted(BCI_ONLY_NAMES.items()))
    ref = ", ".join(f"{code} {bank.name}" for code, bank in sorted(REFERENCE_BANKS.items()))
    return [
        "banks.csv: bank codes used by the acctverify tables, one row per canonical code",
        "columns: code; name = Chinese name (bcbc_name.csv's where it has the code); legal_name"
        " = registered name, only for the banks in creditors.md §1.2; aliases = '|'-separated"
        " other names seen in the sources plus common short forms of the major national banks;"
        " sources = which inputs name the bank (bcbc, bankcardinfo, reference = the project's"
        " reference notes, paycq = the CNAPS list the name was taken from)",
        f"origin: {ORIGIN_BCBC}",
        f"origin: {ORIGIN_BCI}",
        f"origin: {ORIGIN_PAYCQ}",
        "origin: reference = shared/reference/creditors.md §1.1-§1.2 (legal names: secondary),"
        " identifiers.md §4.1, §5.3, §5.4, §6",
        f"licence: {LICENCE_BCBC}",
        f"licence: {LICENCE_BCI}",
        f"licence: {LICENCE_PAYCQ}",
        *input_lines(inp, (BCBC_NAME, BCI_BINS, PAYCQ)),
        "codes: canonical codes are bcbc's (Alipay's bank codes). bankcardinfo codes are mapped"
        " by bank identity, never by code string alone (BCI_CODE_MAP in scripts/build_data.py)",
        f"codes: invented for bankcardinfo-only banks whose code bcbc uses for another bank:"
        f" {invented}",
        f"codes: chosen for banks named only in the reference notes (no BIN rows): {ref}",
        "caveat: bcbc keeps several codes for one bank (e.g. BOL and LYBANK 洛阳银行, DBS and"
        " DBSCN 星展银行); they stay separate rows",
        "caveat: bcbc's names for CDB (国家开发银行), BDCBANK (保定银行), GZRCU (贵州省农村信用社)"
        " and NCB (江西银行) are doubtful: bankcardinfo gives BINs carrying these codes in bcbc"
        " to 承德银行, 天津滨海德商村镇银行, 广州农村商业银行 and 南洋商业银行",
        f"generated: {SCRIPT} on {date} (do not edit by hand; re-run the script)",
    ]


def cnaps_comments(inp: Inputs, built: CnapsBuild, date: str) -> list[str]:
    mismatch = " ".join(built.category_mismatch)
    return [
        "cnaps_codes.csv: 12-digit CNAPS bank codes (大额支付系统行号, 联行号) with names",
        "columns: code; name (as in the source, trimmed; may be a branch or truncated);"
        " category = the code's first 3 digits (行别代码, see cnaps_categories.csv)",
        f"origin: {ORIGIN_PAYCQ}",
        f"licence: {LICENCE_PAYCQ}",
        *input_lines(inp, (PAYCQ,)),
        f"cleaning: {built.raw_rows} raw rows; {built.trimmed} had stray spaces (trimmed);"
        " duplicates removed; sorted by code",
        "cleaning: dropped, failing ISO 7064 MOD 11,10 over the first 11 digits: "
        + (" ".join(built.dropped) or "none")
        + (
            " (314653617115 四川省农村信用社 is probably a typo)"
            if "314653617115" in built.dropped
            else ""
        ),
        f"cleaning: the raw category column is blank for {built.category_blank} rows and"
        f" differs from the code's prefix for {len(built.category_mismatch)} ({mismatch}),"
        " so category is taken from the code itself",
        "caveat: rows with an empty name: " + (" ".join(built.blank_names) or "none"),
        "caveat: a list from one payment project, not an official PBOC directory; a code"
        " missing here may still be valid",
        f"generated: {SCRIPT} on {date} (do not edit by hand; re-run the script)",
    ]


# --------------------------------------------------------------------------------------------
# Checks of the hand-curated tables (read only)
# --------------------------------------------------------------------------------------------

HAND_TABLES = ("cnaps_categories.csv", "bank_hotlines.csv", "account_lengths.csv")


def check_hand_tables(out: Path, codes: set[str]) -> list[str]:
    problems = []
    for name in HAND_TABLES:
        path = out / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        body = [line for line in lines if not line.startswith("#")]
        for number, row in enumerate(csv.DictReader(io.StringIO("\n".join(body))), start=2):
            code = (row.get("bank_code") or "").strip()
            if code and code not in codes:
                problems.append(f"{name}: data row {number - 1}: unknown bank_code {code}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="raw data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--date", default=DEFAULT_DATE, help="generation date written in the headers"
    )
    args = parser.parse_args(argv)

    try:
        inp = load(args.shared)
        bins = build_card_bins(inp)
        banks = build_banks(inp)
        cnaps = build_cnaps(inp)
        codes = {row[0] for row in banks}
        missing = sorted({row[2] for row in bins.rows} - codes)
        if missing:
            raise BuildError(f"card_bins uses codes missing from banks: {missing}")
    except BuildError as exc:
        print(f"build_data: error: {exc}", file=sys.stderr)
        return 1

    outputs = {
        "banks.csv": render(
            banks_comments(inp, args.date),
            ("code", "name", "legal_name", "aliases", "sources"),
            banks,
        ),
        "card_bins.csv": render(
            card_bins_comments(inp, bins, args.date),
            ("bin", "length", "bank_code", "card_type", "sources", "note"),
            bins.rows,
        ),
        "cnaps_codes.csv": render(
            cnaps_comments(inp, cnaps, args.date), ("code", "name", "category"), cnaps.rows
        ),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name}: sha256 {hashlib.sha256(data).hexdigest()[:16]}")
    print(
        f"banks {len(banks)} rows; card_bins {len(bins.rows)} rows ({bins.disputed} disputed,"
        f" {bins.bci_multi} with several bankcardinfo rows); cnaps_codes {len(cnaps.rows)} rows"
        f" (dropped {', '.join(cnaps.dropped) or 'none'})"
    )
    problems = check_hand_tables(args.out, codes)
    for problem in problems:
        print(f"build_data: warning: {problem}", file=sys.stderr)
    return 1 if any("unknown bank_code" in problem for problem in problems) else 0


if __name__ == "__main__":
    sys.exit(main())

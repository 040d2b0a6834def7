"""Rules: pure functions from the parsed facts to findings, one module per subject.

A rule takes a :class:`RuleContext` (the facts parsed from the request, and the request itself for
quoting raw values) and yields :class:`Signal` objects; the scoring stage turns them into findings.
Rules read facts only: every parse and every directory look-up happens before them
(:mod:`acctverify._facts`). :data:`DEFAULT_RULES` lists the rules :func:`acctverify.verify` runs;
pass your own tuple to add or remove rules. Each rule declares the codes it emits with
:func:`emits`; :mod:`acctverify.rules.catalogue` holds every code's spec, and a custom rule
registers the specs of its own codes there.

>>> import acctverify as av
>>> from acctverify.models import Evidence, FindingKind
>>> from acctverify.rules import catalogue
>>> @emits('payee.blocklisted')
... def blocklist(ctx: RuleContext):
...     if ctx.request.payee.name == '深圳市某某商务咨询有限公司':
...         yield Signal('payee.blocklisted', (Evidence(field='payee.name'),))
>>> catalogue.register(catalogue.FindingSpec(
...     'payee.blocklisted', FindingKind.RISK, 95, '收款方在黑名单中。', 'On the blocklist.'))
>>> report = av.verify({'payee': {'name': '深圳市某某商务咨询有限公司'}, 'as_of': '2026-11-29'},
...                    rules=(*DEFAULT_RULES, blocklist))
>>> report.level.value, report.findings[0].code
('critical', 'payee.blocklisted')
>>> catalogue.unregister('payee.blocklisted')
"""

from __future__ import annotations

from acctverify.rules._default import DEFAULT_RULES
from acctverify.rules._rule import Rule, RuleContext, Signal, declared, emits

__all__ = ["DEFAULT_RULES", "Rule", "RuleContext", "Signal", "declared", "emits"]

"""Chinese identifiers, one module per format, with python-stdnum's verbs.

=============  ===========================================================
``uscc``       统一社会信用代码, unified social credit code (GB 32100-2015)
``orgcode``    组织机构代码, organisation code (GB 11714-1997)
``regno``      15-digit 工商注册号, business registration number (GS 15-2006)
``region``     行政区划代码, administrative division codes (GB/T 2260, historical)
``bankcard``   bank card numbers: Luhn check and BIN lookup
``account``    account numbers: card, plausible corporate account, or neither
``cnaps``      12-digit CNAPS bank codes (联行号)
``banks``      the bank table shared by the others
=============  ===========================================================

Each module offers ``compact``, ``validate`` (returns the compact form or raises one of stdnum's
:class:`~stdnum.exceptions.ValidationError` classes), ``is_valid`` (a bool; never raises, whatever
it is given) and ``format``; most add a ``parse`` or ``lookup`` that returns a model from
:mod:`acctverify.models`.
"""

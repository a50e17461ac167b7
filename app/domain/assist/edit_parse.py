"""Reading one clause as an edit (``grammar.Edit``), in English and Arabic."""

from __future__ import annotations

import re

from app.domain.assist.grammar import (
    ACTIONS,
    ADD_AR,
    ADD_EN,
    ART,
    ENTITY_AR,
    ENTITY_EN,
    FIELD_AR,
    FIELD_EN,
    FROM_AR,
    NONE,
    REMOVE_AR,
    REMOVE_EN,
    RENAME_AR,
    RENAME_EN,
    ROLE_AR,
    ROLE_EN,
    TIER_AR,
    TIER_EN,
    TO_AR,
    TO_EN,
    TYPE_AR,
    TYPE_EN,
    Clause,
    Edit,
    Span,
    actions_in,
    alt,
    split_clauses,
)
from app.domain.assist.text import normalise

CURRENCY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("SAR", ("sar", "riyal", "riyals", "saudi riyal", "saudi riyals", "ريال", "ريالا", "ريال سعودي",
             "ريالات", "رس")),
    ("EUR", ("eur", "euro", "euros", "يورو")),
    ("USD", ("usd", "dollar", "dollars", "us dollars", "دولار", "دولارا", "دولارات")),
    ("AED", ("aed", "dirham", "dirhams", "درهم", "دراهم")),
    ("EGP", ("egp", "egyptian pound", "egyptian pounds", "جنيه", "جنيها", "جنيه مصري")),
    ("KWD", ("kwd", "kuwaiti dinar", "دينار كويتي")),
    ("QAR", ("qar", "qatari riyal", "ريال قطري")),
    ("GBP", ("gbp", "pound", "pounds", "جنيه استرليني")),
)
_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "﷼": "SAR"}
INTERVAL_WORDS = {
    "month": ("a month", "per month", "monthly", "each month", "every month", "mo", "month",
              "شهريا", "شهري", "شهرية", "في الشهر", "بالشهر", "كل شهر", "الشهر", "شهر"),
    "year": ("a year", "per year", "yearly", "annually", "annual", "each year", "every year", "year",
             "yr", "سنويا", "سنوي", "سنوية", "في السنة", "بالسنة", "كل سنة", "السنة", "سنة", "في العام",
             "بالعام", "العام", "عام", "سنويًا"),
}
_NUMBER = re.compile(r"(?<![\w.])(\d{1,9}(?:[.,٫]\d{1,2})?)(?![\w])")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_PRICE_STOPS = {normalise(w) for w in (
    "for", "at", "priced", "costing", "with", "of", "to", "بسعر", "سعرها", "بقيمة", "بمبلغ", "ب",
    "إلى", "الى", "ليكون", "لتكون", "ليصبح", "لتصبح", "يكلف", "تكلف", "بتكلفة", "should", "will", "must",
    "cost", "costs", "is", "be")}


# A free trial named beside the price ("with a 14-day trial", "تجربة مجانية 14 يوما"): its
# number is the trial's days, never the price.
_TRIAL = re.compile(
    r"(?:(?:with )?(?:a |an )?(\d{1,3})[ -]?days?(?: free)? trial(?: period)?"
    r"|(?:with )?(?:a )?(?:free )?trial(?: period)? of (\d{1,3}) days?"
    r"|(?:مع )?(?:فترة )?تجربة(?: مجانية)?(?: لمدة| مدتها)? (\d{1,3}) (?:يوما|يومًا|يوم|أيام))",
    re.I)


def _trial(clause: Clause) -> tuple[str, str]:
    """The trial's days, and the clause's text without the trial phrase."""
    text = clause.text.translate(_ARABIC_DIGITS)
    found = _TRIAL.search(text)
    if found is None:
        return "", text
    days = next(g for g in found.groups() if g)
    return days, text[:found.start()] + " " + text[found.end():]


def _price(clause: Clause) -> tuple[str, str, str]:
    _, text = _trial(clause)
    number = _NUMBER.search(text)
    amount = number.group(1).replace(",", ".").replace("٫", ".") if number else ""
    currency = next((code for sym, code in _SYMBOLS.items() if sym in text), "")
    padded = f" {clause.norm} "
    if not currency:
        for code, names in CURRENCY_WORDS:
            if any(f" {normalise(n)} " in padded for n in names):
                currency = code
                break
    interval = ""
    for name, phrases_ in INTERVAL_WORDS.items():
        if any(f" {normalise(p)} " in padded for p in phrases_) or re.search(
                rf"/\s*{ {'month': 'mo(nth)?', 'year': 'y(ea)?r'}[name]}\b", text, re.I):
            interval = name
            break
    return amount, currency, interval


def _is_stop(word: str) -> bool:
    if word in _PRICE_STOPS or word[:1].isdigit():
        return True
    if any(word == normalise(n) for _, names in CURRENCY_WORDS for n in names):
        return True
    return word.startswith(("بسعر", "ب")) and len(word) > 1 and word[1:2].isdigit()


def _tier_name(clause: Clause, start: int, end: int | None = None) -> tuple[str, str]:
    """Tier-name words from word ``start`` up to the first price word (or ``end``)."""
    ws, raw = clause.words, clause.raw
    stop = len(ws) if end is None else end
    i = start
    while i < stop and ws[i] in ("a", "an", "the", "new", "called", "named", "باسم", "اسمها"):
        i += 1
    j = i
    while j < stop and not _is_stop(ws[j]):
        j += 1
    return " ".join(ws[i:j]), " ".join(raw[i:j])


def _tier(clause: Clause) -> Edit | None:
    norm = clause.norm
    amount, currency, interval = _price(clause)
    base = {"price": amount, "currency": currency, "interval": interval}
    m = re.match(rf"^(?:{ADD_EN}|{ADD_AR}) (?:(?:a|an|the|new) )*(?P<before>.*?)\b{TIER_EN}\b", norm)
    if m and not (m.group("before") or "").strip().endswith(("field", "role")):
        before = m.group("before").strip()
        if before:
            start = len(norm[:m.start("before")].split())
            name, raw = _tier_name(clause, start, start + len(before.split()))
        else:
            name, raw = _tier_name(clause, len(norm[:m.end()].split()))
        return _mk("add_tier", clause, name, raw, base)
    m = re.match(rf"^{ADD_AR} {TIER_AR}\b", norm)
    if m:
        name, raw = _tier_name(clause, len(norm[:m.end()].split()))
        return _mk("add_tier", clause, name, raw, base)
    m = re.match(rf"^(?:{REMOVE_EN}) (?:the )?(?:(?P<n1>.+?) {TIER_EN}|{TIER_EN} (?:called |named )?(?P<n2>.+))$", norm)
    m = m or re.match(rf"^(?:{REMOVE_AR}) {TIER_AR} (?P<n2>.+)$", norm)
    if m:
        group = "n1" if m.groupdict().get("n1") else "n2"
        span = clause.span(m, group)
        return Edit("remove_tier", clause.text, name=span)
    verbs = r"(?:change|set|make|update|raise|lower|reduce|increase|adjust|put)"
    m = re.match(rf"^{verbs} (?:the )?(?:price (?:of|for) (?:the )?)?(?P<before>.+?) {TIER_EN}\b", norm)
    m = m or re.match(rf"^(?:the )?(?P<before>.+?) {TIER_EN} (?:should|will|must|to)? ?(?:cost|costs|be|is)\b", norm)
    if m and amount:
        start = len(norm[:m.start("before")].split())
        name, raw = _tier_name(clause, start, start + len(m.group("before").split()))
        return _mk("change_tier", clause, name, raw, base)
    m = re.match(rf"^{alt('غير', 'غيّر', 'عدل', 'اجعل', 'ارفع', 'خفض', 'حدث')} (?:{alt('سعر')} )?{TIER_AR}\b", norm)
    if m and amount:
        name, raw = _tier_name(clause, len(norm[:m.end()].split()))
        return _mk("change_tier", clause, name, raw, base)
    return None


def _mk(op: str, clause: Clause, name: str, raw: str, base: dict[str, str]) -> Edit:
    return Edit(op, clause.text, name=Span(name, raw), price=base["price"], currency=base["currency"],
                interval=base["interval"], trial_days=_trial(clause)[0])


# (op, pattern) in order: the first pattern that reads the whole clause wins.
_EN = r"(?:the |a |an )?"
TYPE_EN2 = TYPE_EN.replace("<type>", "<type2>")
TYPE_AR2 = TYPE_AR.replace("<type>", "<type2>")
PATTERNS: tuple[tuple[str, str], ...] = (
    # permissions first: "only registrars may delete enrolments"
    ("only", rf"^only (?:the )?(?P<role>.+?) (?:may|can|should|are allowed to|is allowed to|get to|be able to) "
             rf"{ACTIONS} (?:the |any )?(?P<entity>.+)$"),
    ("only", rf"^(?:the )?(?P<entity>.+?) (?:may|can|should) (?:only )?be {ACTIONS}d? only by (?:the )?(?P<role>.+)$"),
    ("only", rf"^(?:{alt('فقط')}) (?P<role>.+?) {alt('يمكنه', 'يمكنهم', 'يستطيع', 'يستطيعون', 'يحق له', 'يحق لهم', 'له', 'لهم', 'من يمكنه')} "
             rf"{ACTIONS} (?P<entity>.+)$"),
    ("only", rf"^(?:{alt('لا')}) (?:{alt('يمكن', 'يحق')} )?{ACTIONS} (?P<entity>.+?) (?:{alt('إلا', 'سوى')}) (?P<role>.+)$"),
    ("only", rf"^(?:{alt('اجعل', 'اقصر')}) {ACTIONS} (?P<entity>.+?) {alt('مقصورا على', 'حصرا على', 'مقتصرا على', 'على', 'حكرا على')} (?P<role>.+)$"),
    ("revoke", rf"^(?:the )?(?P<role>.+?) (?:may not|can not|cannot|should not|must not|shouldn t|can t|mustn t|may no longer|can no longer) "
               rf"{ACTIONS} (?:the |any )?(?P<entity>.+)$"),
    ("revoke", rf"^(?:stop|prevent|forbid|do not let|don t let|dont let) (?:the )?(?P<role>.+?) (?:from )?{ACTIONS} (?:the |any )?(?P<entity>.+)$"),
    ("revoke", rf"^(?:revoke|remove|take away|withdraw) (?:the )?{ACTIONS}(?: access| permission| permissions| right| rights)? "
               rf"(?:on|to|for|from|of) (?:the )?(?P<entity>.+?) from (?:the )?(?P<role>.+)$"),
    ("revoke", rf"^(?:{alt('امنع', 'لا تسمح ل', 'لا تسمح')}) (?P<role>.+?) (?:{alt('من')} )?{ACTIONS} (?P<entity>.+)$"),
    ("revoke", rf"^(?:{alt('اسحب', 'ألغ', 'أزل', 'احذف', 'انزع')}) (?:{alt('صلاحية', 'صلاحيات', 'حق')} )?{ACTIONS} (?P<entity>.+?) (?:{alt('من')}) (?P<role>.+)$"),
    ("grant", rf"^(?:let|allow|permit) (?:the )?(?P<role>.+?) (?:to )?{ACTIONS} (?:the |any )?(?P<entity>.+)$"),
    ("grant", rf"^(?:the )?(?P<role>.+?) (?:may|can|should be able to|should|must be able to) {ACTIONS} (?:the |any )?(?P<entity>.+)$"),
    ("grant", rf"^(?:give|grant) (?:the )?(?P<role>.+?) {ACTIONS}(?: access| permission| permissions| right| rights)? (?:on|to|for|over) (?:the )?(?P<entity>.+)$"),
    ("grant", rf"^(?:give|grant) {ACTIONS}(?: access| permission| permissions| right| rights)? (?:on|to|for|over) (?:the )?(?P<entity>.+?) to (?:the )?(?P<role>.+)$"),
    ("grant", rf"^(?:{alt('اسمح', 'امنح', 'أعط', 'أعطي', 'خول')}) (?P<role>.+?) (?:{alt('صلاحية', 'صلاحيات', 'حق', 'إمكانية')} )?{ACTIONS} (?P<entity>.+)$"),
    # fields
    ("add_field", rf"^{ADD_EN} (?:(?:a|an) )?(?:(?:reference|link|relation)) (?:to|with) {_EN}(?P<target>.+?) {TO_EN} {ART}(?P<entity>.+)$"),
    ("add_field", rf"^{ADD_EN} {ART}(?P<type>date|datetime|text|number|integer|decimal|money|boolean|yes no|email|phone|file|string) "
                  rf"{FIELD_EN} (?:called |named )(?P<field>.+?) {TO_EN} {ART}(?P<entity>.+)$"),
    ("add_field", rf"^{ADD_EN} {ART}{FIELD_EN} (?:called |named )?(?P<field>.+?)(?: {TYPE_EN})? {TO_EN} {ART}(?P<entity>.+?)(?: {TYPE_EN2})?$"),
    ("add_field", rf"^{ADD_EN} {ART}(?P<field>.+?) {FIELD_EN}(?: {TYPE_EN})? {TO_EN} {ART}(?P<entity>.+?)(?: {TYPE_EN2})?$"),
    ("add_field", rf"^(?:give|let) {ART}(?P<entity>.+?) (?:a|an|have a|have an) (?P<field>.+?) {FIELD_EN}(?: {TYPE_EN})?$"),
    ("add_field", rf"^(?P<entity>.+?) (?:need|needs|should have|must have) (?:a|an) (?P<field>.+?) {FIELD_EN}(?: {TYPE_EN})?$"),
    ("add_field", rf"^{ADD_AR} {FIELD_AR} (?:{alt('باسم', 'اسمه', 'يسمى')} )?(?P<field>.+?)(?: {TYPE_AR})? {TO_AR} (?P<entity>.+?)(?: {TYPE_AR2})?$"),
    ("add_field", rf"^{ADD_AR} {FIELD_AR} (?:{alt('باسم', 'اسمه', 'يسمى')} )?(?P<field>.+?)(?: {TYPE_AR})? (?P<entity>(?:لل|ل)(?!ل)\S+(?: .+)?)$"),
    ("add_field", rf"^{ADD_AR} {FIELD_AR} {alt('يشير إلى', 'مرتبط ب', 'يربط ب', 'مرجعي إلى')} (?P<target>.+?) {TO_AR} (?P<entity>.+)$"),
    ("add_field", rf"^{ADD_AR} (?P<field>.+?) {TO_AR} (?P<entity>.+?)(?: {TYPE_AR2})?$"),
    ("remove_field", rf"^{REMOVE_EN} {ART}(?P<field>.+?) {FIELD_EN} (?:from|of|on|in) {ART}(?P<entity>.+)$"),
    ("remove_field", rf"^{REMOVE_EN} {ART}{FIELD_EN} (?:called |named )?(?P<field>.+?) (?:from|of|on|in) {ART}(?P<entity>.+)$"),
    ("remove_field", rf"^{REMOVE_AR} {FIELD_AR} (?P<field>.+?) {FROM_AR} (?P<entity>.+)$"),
    ("remove_from", rf"^{REMOVE_EN} {ART}(?P<field>.+?) from {ART}(?P<entity>.+)$"),
    ("remove_from", rf"^{REMOVE_AR} (?P<field>.+?) {FROM_AR} (?P<entity>.+)$"),
    ("rename_field", rf"^{RENAME_EN} {ART}(?P<field>.+?) {FIELD_EN} (?:of|on|in|for) {ART}(?P<entity>.+?) to (?P<name>.+)$"),
    ("rename_field", rf"^{RENAME_EN} {ART}{FIELD_EN} (?P<field>.+?) (?:of|on|in|for) {ART}(?P<entity>.+?) to (?P<name>.+)$"),
    ("rename_field", rf"^{RENAME_AR} {FIELD_AR} (?P<field>.+?) (?:{alt('في', 'من', 'ب', 'لكيان', 'في كيان')}) (?P<entity>.+?) "
                     rf"(?:{alt('إلى', 'الى', 'ليصبح', 'ليكون', 'ب')}) (?P<name>.+)$"),
    # entities and roles
    ("add_entity", rf"^{ADD_EN} {ART}{ENTITY_EN} (?:called |named |for )?(?P<name>.+)$"),
    ("add_entity", rf"^{ADD_EN} {ART}(?P<name>.+?) {ENTITY_EN}$"),
    ("add_entity", rf"^{ADD_AR} {ENTITY_AR} (?:{alt('باسم', 'اسمه', 'يسمى')} )?(?P<name>.+)$"),
    ("remove_entity", rf"^{REMOVE_EN} {ART}(?P<entity>.+?) {ENTITY_EN}$"),
    ("remove_entity", rf"^{REMOVE_EN} {ART}{ENTITY_EN} (?:called |named )?(?P<entity>.+)$"),
    ("remove_entity", rf"^{REMOVE_AR} {ENTITY_AR} (?P<entity>.+)$"),
    ("rename_entity", rf"^{RENAME_EN} {ART}(?P<entity>.+?) {ENTITY_EN} to (?P<name>.+)$"),
    ("rename_entity", rf"^{RENAME_EN} {ART}{ENTITY_EN} (?P<entity>.+?) to (?P<name>.+)$"),
    ("rename_entity", rf"^{RENAME_AR} {ENTITY_AR} (?P<entity>.+?) (?:{alt('إلى', 'الى', 'ليصبح', 'ليكون')}) (?P<name>.+)$"),
    ("add_role", rf"^{ADD_EN} {ART}{ROLE_EN} (?:called |named |for )?(?P<name>.+)$"),
    ("add_role", rf"^{ADD_EN} {ART}(?P<name>.+?) {ROLE_EN}$"),
    ("add_role", rf"^{ADD_AR} {ROLE_AR} (?:{alt('باسم', 'اسمه', 'يسمى', 'ل')} )?(?P<name>.+)$"),
    ("remove_role", rf"^{REMOVE_EN} {ART}(?P<role>.+?) {ROLE_EN}$"),
    ("remove_role", rf"^{REMOVE_EN} {ART}{ROLE_EN} (?:called |named )?(?P<role>.+)$"),
    ("remove_role", rf"^{REMOVE_AR} {ROLE_AR} (?P<role>.+)$"),
    ("rename_any", rf"^{RENAME_EN} {ART}(?P<entity>.+?) to (?P<name>.+)$"),
    ("rename_any", rf"^{RENAME_AR} (?P<entity>.+?) (?:{alt('إلى', 'الى', 'ليصبح', 'ليكون')}) (?P<name>.+)$"),
    ("remove_any", rf"^{REMOVE_EN} {ART}(?P<entity>.+)$"),
    ("remove_any", rf"^{REMOVE_AR} (?P<entity>.+)$"),
)
_CLS = (r"(?P<value>public|internal|personal(?: data)?|sensitive(?: health)?(?: data)?|health(?: data)?|"
        r"payment card(?: data)?|card data|ك?" + alt("بيانات شخصية", "شخصي", "شخصية", "عام", "عامة", "داخلي",
                                                      "داخلية", "صحي حساس", "صحية حساسة", "بيانات صحية",
                                                      "بيانات صحية حساسة", "بطاقة دفع", "بيانات بطاقات",
                                                      "بيانات بطاقة دفع") + ")")
_ENC = (r"(?P<value>encrypted|not encrypted|unencrypted|plain|in plain text|plaintext|plain text|"
        + alt("مشفرا", "مشفر", "مشفرة", "بدون تشفير", "غير مشفر", "دون تشفير", "نصا عاديا", "بلا تشفير") + ")")
_OF_EN = r"(?:of|on|in|for|from)"
_OF_AR = alt("في", "من", "ل", "الخاص ب", "في كيان", "لدى")
STORAGE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("classify", rf"^(?:mark|classify|set|make|tag|flag) {ART}(?P<field>.+?)(?: {FIELD_EN})? {_OF_EN} {ART}(?P<entity>.+?) as {_CLS}$"),
    ("classify", rf"^(?:change|set) the classification of {ART}(?P<field>.+?)(?: {FIELD_EN})? {_OF_EN} {ART}(?P<entity>.+?) to {_CLS}$"),
    ("classify", rf"^(?:{alt('صنف', 'اجعل تصنيف', 'غير تصنيف')}) (?:{FIELD_AR} )?(?P<field>.+?) {_OF_AR} (?P<entity>.+?) "
                 rf"(?:{alt('على أنه', 'بوصفه', 'إلى', 'الى', 'ك')} )?{_CLS}$"),
    ("storage", rf"^(?:mark|make|set|store|keep|have) {ART}(?P<field>.+?)(?: {FIELD_EN})? {_OF_EN} {ART}(?P<entity>.+?) (?:as |to be |be )?{_ENC}$"),
    ("encrypt", rf"^(?:encrypt|store encrypted) {ART}(?P<field>.+?)(?: {FIELD_EN})? {_OF_EN} {ART}(?P<entity>.+)$"),
    ("encrypt", rf"^(?:encrypt) {ART}(?P<entity>\S+) s (?P<field>.+?)(?: {FIELD_EN})?$"),
    ("decrypt", rf"^(?:decrypt|stop encrypting|do not encrypt|don t encrypt|dont encrypt|unencrypt) {ART}(?P<field>.+?)(?: {FIELD_EN})? {_OF_EN} {ART}(?P<entity>.+)$"),
    ("encrypt", rf"^(?:{alt('شفر', 'شفّر', 'قم بتشفير', 'فعل تشفير', 'فعّل تشفير')}) (?:{FIELD_AR} )?(?P<field>.+?) {_OF_AR} (?P<entity>.+)$"),
    ("decrypt", rf"^(?:{alt('ألغ تشفير', 'أزل تشفير', 'أوقف تشفير', 'عطل تشفير', 'عطّل تشفير')}) (?:{FIELD_AR} )?(?P<field>.+?) {_OF_AR} (?P<entity>.+)$"),
    ("storage", rf"^(?:{alt('اجعل', 'خزن', 'احفظ', 'اترك')}) (?:{FIELD_AR} )?(?P<field>.+?) {_OF_AR} (?P<entity>.+?) {_ENC}$"),
)
_COMPILED = [(op, re.compile(p)) for op, p in (*STORAGE_PATTERNS, *PATTERNS)]


def _edit(op: str, clause: Clause, m: re.Match[str]) -> Edit:
    found = m.groupdict()

    def span(group: str) -> Span:
        return clause.span(m, group) if group in found else NONE

    return Edit(op, clause.text, entity=span("entity"), field=span("field"), name=span("name"),
                role=span("role"), target=span("target"), type=found.get("type") or found.get("type2") or "",
                value=found.get("value") or "",
                actions=actions_in(found["actions"]) if found.get("actions") else ())


def parse_clause(clause: Clause) -> Edit | None:
    """The edit one clause asks for, or None if no pattern reads it."""
    if not clause.words:
        return None
    norm = clause.norm
    for word in ("و", "ثم"):
        if norm.startswith(word + " "):
            norm = norm[len(word) + 1:]
    if norm != clause.norm:
        clause = Clause(" ".join(clause.raw[1:]))
        norm = clause.norm
    tier = _tier(clause)
    if tier is not None:
        return tier
    for op, pattern in _COMPILED:
        m = pattern.match(norm)
        if m is None:
            continue
        return _edit(op, clause, m)
    return None


def parse(text: str) -> tuple[list[Edit], list[str]]:
    """The edits a message asks for, and the clauses no edit pattern read (as written)."""
    edits: list[Edit] = []
    rest: list[str] = []
    for part in split_clauses(text):
        edit = parse_clause(Clause(part))
        if edit is None:
            rest.append(part)
        else:
            edits.append(edit)
    return edits, rest

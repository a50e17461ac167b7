"""Counted nouns in English and Arabic: "1 file", "3 files"; «ملف واحد», «ملفان», «3 ملفات»,
«11 ملفًا», «100 ملف». Arabic has six plural forms (Babel's CLDR rules choose which) and
the noun agrees with the number: never "1 fields" nor «8 قاعدة»."""

from __future__ import annotations

from functools import cache

from babel import Locale

from app.domain.numerals import number

# noun -> (English singular, English plural)
ENGLISH: dict[str, tuple[str, str]] = {
    "file": ("file", "files"), "field": ("field", "fields"), "entity": ("entity", "entities"),
    "error": ("error", "errors"), "finding": ("finding", "findings"),
    "warning": ("warning", "warnings"), "check": ("check", "checks"), "entry": ("entry", "entries"),
    "approval": ("approval", "approvals"), "suggestion": ("suggestion", "suggestions"),
    "rule": ("rule", "rules"), "operation": ("operation", "operations"),
    "attempt": ("attempt", "attempts"), "replica": ("replica", "replicas"),
    "event": ("event", "events"), "relation": ("relation", "relations"), "role": ("role", "roles"),
    "page": ("page", "pages"), "tier": ("tier", "tiers"), "environment": ("environment", "environments"),
    "version": ("version", "versions"), "wheel": ("wheel", "wheels"),
    "compliance check": ("compliance check", "compliance checks"),
    "request": ("request", "requests"), "resource": ("resource", "resources"),
    "character": ("character", "characters"), "item": ("item", "items"),
    "change": ("change", "changes"),
    "subscription": ("subscription", "subscriptions"),
}
# noun -> Arabic forms by CLDR category; {n} is the number written for Arabic readers.
ARABIC: dict[str, dict[str, str]] = {
    "subscription": {"zero": "لا اشتراكات", "one": "اشتراك واحد", "two": "اشتراكان", "few": "{n} اشتراكات", "many": "{n} اشتراكًا", "other": "{n} اشتراك"},
    "file": {"zero": "لا ملفات", "one": "ملف واحد", "two": "ملفان", "few": "{n} ملفات", "many": "{n} ملفًا", "other": "{n} ملف"},
    "field": {"zero": "لا حقول", "one": "حقل واحد", "two": "حقلان", "few": "{n} حقول", "many": "{n} حقلًا", "other": "{n} حقل"},
    "entity": {"zero": "لا كيانات", "one": "كيان واحد", "two": "كيانان", "few": "{n} كيانات", "many": "{n} كيانًا", "other": "{n} كيان"},
    "error": {"zero": "لا أخطاء", "one": "خطأ واحد", "two": "خطآن", "few": "{n} أخطاء", "many": "{n} خطأً", "other": "{n} خطأ"},
    "finding": {"zero": "لا ملاحظات", "one": "ملاحظة واحدة", "two": "ملاحظتان", "few": "{n} ملاحظات", "many": "{n} ملاحظةً", "other": "{n} ملاحظة"},
    "warning": {"zero": "لا تحذيرات", "one": "تحذير واحد", "two": "تحذيران", "few": "{n} تحذيرات", "many": "{n} تحذيرًا", "other": "{n} تحذير"},
    "check": {"zero": "لا فحوص", "one": "فحص واحد", "two": "فحصان", "few": "{n} فحوص", "many": "{n} فحصًا", "other": "{n} فحص"},
    "entry": {"zero": "لا قيود", "one": "قيد واحد", "two": "قيدان", "few": "{n} قيود", "many": "{n} قيدًا", "other": "{n} قيد"},
    "approval": {"zero": "لا موافقات", "one": "موافقة واحدة", "two": "موافقتان", "few": "{n} موافقات", "many": "{n} موافقةً", "other": "{n} موافقة"},
    "suggestion": {"zero": "لا اقتراحات", "one": "اقتراح واحد", "two": "اقتراحان", "few": "{n} اقتراحات", "many": "{n} اقتراحًا", "other": "{n} اقتراح"},
    "rule": {"zero": "لا قواعد", "one": "قاعدة واحدة", "two": "قاعدتان", "few": "{n} قواعد", "many": "{n} قاعدةً", "other": "{n} قاعدة"},
    "operation": {"zero": "لا عمليات", "one": "عملية واحدة", "two": "عمليتان", "few": "{n} عمليات", "many": "{n} عمليةً", "other": "{n} عملية"},
    "attempt": {"zero": "لا محاولات", "one": "محاولة واحدة", "two": "محاولتان", "few": "{n} محاولات", "many": "{n} محاولةً", "other": "{n} محاولة"},
    "replica": {"zero": "لا نسخ", "one": "نسخة واحدة", "two": "نسختان", "few": "{n} نسخ", "many": "{n} نسخةً", "other": "{n} نسخة"},
    "event": {"zero": "لا أحداث", "one": "حدث واحد", "two": "حدثان", "few": "{n} أحداث", "many": "{n} حدثًا", "other": "{n} حدث"},
    "relation": {"zero": "لا علاقات", "one": "علاقة واحدة", "two": "علاقتان", "few": "{n} علاقات", "many": "{n} علاقةً", "other": "{n} علاقة"},
    "role": {"zero": "لا أدوار", "one": "دور واحد", "two": "دوران", "few": "{n} أدوار", "many": "{n} دورًا", "other": "{n} دور"},
    "page": {"zero": "لا صفحات", "one": "صفحة واحدة", "two": "صفحتان", "few": "{n} صفحات", "many": "{n} صفحةً", "other": "{n} صفحة"},
    "tier": {"zero": "لا باقات", "one": "باقة واحدة", "two": "باقتان", "few": "{n} باقات", "many": "{n} باقةً", "other": "{n} باقة"},
    "environment": {"zero": "لا بيئات", "one": "بيئة واحدة", "two": "بيئتان", "few": "{n} بيئات", "many": "{n} بيئةً", "other": "{n} بيئة"},
    "version": {"zero": "لا إصدارات", "one": "إصدار واحد", "two": "إصداران", "few": "{n} إصدارات", "many": "{n} إصدارًا", "other": "{n} إصدار"},
    "compliance check": {"zero": "لا فحوص امتثال", "one": "فحص امتثال واحد", "two": "فحصَي امتثال", "few": "{n} فحوص امتثال", "many": "{n} فحصَ امتثال", "other": "{n} فحص امتثال"},
    "resource": {"zero": "لا موارد", "one": "مورد واحد", "two": "موردان", "few": "{n} موارد", "many": "{n} موردًا", "other": "{n} مورد"},
    "request": {"zero": "لا طلبات", "one": "طلب واحد", "two": "طلبان", "few": "{n} طلبات", "many": "{n} طلبًا", "other": "{n} طلب"},
    "character": {"zero": "لا أحرف", "one": "حرف واحد", "two": "حرفان", "few": "{n} أحرف", "many": "{n} حرفًا", "other": "{n} حرف"},
    "item": {"zero": "لا عناصر", "one": "عنصر واحد", "two": "عنصران", "few": "{n} عناصر", "many": "{n} عنصرًا", "other": "{n} عنصر"},
    "change": {"zero": "لا تغييرات", "one": "تغيير واحد", "two": "تغييران", "few": "{n} تغييرات", "many": "{n} تغييرًا", "other": "{n} تغيير"},
    "wheel": {"zero": "لا حزم", "one": "حزمة واحدة", "two": "حزمتان", "few": "{n} حزم", "many": "{n} حزمةً", "other": "{n} حزمة"},
}


@cache
def _arabic() -> Locale:
    """Loaded on first use: reading the locale data is not paid for at start-up."""
    return Locale("ar")


def count(n: int, noun: str, language: str = "en") -> str:
    """``n`` of ``noun`` in ``language``, the noun agreeing with the number."""
    if language == "ar":
        forms = ARABIC[noun]
        category = _arabic().plural_form(n)
        return forms.get(category, forms["other"]).format(n=number(n, "ar"))
    singular, plural = ENGLISH[noun]
    return f"{number(n, 'en')} {singular if n == 1 else plural}"


def counts(n: int, noun: str) -> tuple[str, str]:
    """The English and the Arabic, for messages that carry both."""
    return count(n, noun, "en"), count(n, noun, "ar")

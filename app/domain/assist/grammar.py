"""The edit grammar: a change request split into clauses, each read as one blueprint edit.

A clause is compared in normalised words (``text.normalise``), so Arabic spellings meet;
each pattern names the parts it found (a field, the entity it belongs to, a role, the
actions, a tier and its price) as spans of the message, which the planner then looks up
in the blueprint. A clause no pattern reads is left for the older word look-ups (the
catalogue's entities and roles, places, frameworks and languages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.assist.text import normalise, raw_words, words

_SPLIT = re.compile(r"[;،؛\n]+|(?<!\d)[.,](?!\d)|\s[-–—]\s")


def alt(*texts: str) -> str:
    """A regex alternation of phrases, each normalised, longest first."""
    items = sorted({normalise(t) for t in texts}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(i) for i in items if i) + ")"


ADD_EN = alt("add", "include", "introduce", "create", "put", "insert")
ADD_AR = alt("أضف", "اضف", "أضيفي", "أضيفوا", "إضافة", "أدرج", "أنشئ", "ضع", "زد")
REMOVE_EN = alt("remove", "delete", "drop", "get rid of", "take out")
REMOVE_AR = alt("احذف", "أزل", "امسح", "ألغ", "إزالة", "حذف", "احذفي")
RENAME_EN = r"(?:rename|change the name of|call)"
RENAME_AR = alt("غير اسم", "غيّر اسم", "أعد تسمية", "إعادة تسمية", "سم", "بدل اسم", "عدل اسم")
FIELD_EN = r"(?:field|column|attribute|property)"
FIELD_AR = alt("حقل", "حقلا", "الحقل", "خانة", "الخانة", "عمود", "العمود")
ENTITY_EN = r"(?:entity|table|model|record type)"
ENTITY_AR = alt("كيان", "كيانا", "الكيان", "جدول", "الجدول", "جدولا")
ROLE_EN = r"(?:role|user role)"
ROLE_AR = alt("دور", "دورا", "الدور", "صلاحية مستخدم")
TIER_EN = r"(?:tier|plan|package|subscription|subscription tier|pricing tier)"
TIER_AR = alt("باقة", "الباقة", "باقه", "خطة", "الخطة", "اشتراك", "الاشتراك", "فئة اشتراك")
ART = r"(?:(?:a|an|the|new|another|every|each|all) )*"
TO_EN = r"(?:to|on|for|in|into|of)"
TO_AR = alt("إلى", "الى", "في", "على", "لكيان", "إلى كيان", "في كيان", "ضمن", "داخل")
FROM_AR = alt("من", "من كيان")
TYPE_EN = r"(?:(?:of type|with type|typed|type|as an|as a|as) (?P<type>[a-z]+(?: [a-z]+)?))"
TYPE_AR = "(?:" + alt("من نوع", "نوعه", "بنوع", "نوعها") + r" (?P<type>\S+(?: \S+)?))"

# Permission actions, as words and as their -ing / Arabic verbal-noun forms.
ACTION_WORDS: dict[str, tuple[str, ...]] = {
    "delete": ("delete", "deletes", "deleting", "remove", "removing", "حذف", "يحذف", "يحذفون", "يحذفوا",
               "تحذف", "الحذف"),
    "create": ("create", "creating", "add", "adding", "إنشاء", "ينشئ", "ينشئون", "إضافة", "يضيف",
               "يضيفون", "الإنشاء", "الإضافة"),
    "update": ("update", "updating", "edit", "editing", "change", "changing", "modify", "modifying",
               "تعديل", "يعدل", "يعدلون", "تحديث", "التعديل"),
    "read": ("read", "reading", "view", "viewing", "see", "seeing", "عرض", "يعرض", "يعرضون", "قراءة",
             "يقرأ", "الاطلاع على", "اطلاع على", "رؤية", "يرى", "القراءة", "العرض"),
    "list": ("list", "listing",),
    "export": ("export", "exporting", "تصدير", "يصدر", "يصدرون", "التصدير"),
    "approve": ("approve", "approving", "اعتماد", "يعتمد", "يعتمدون", "الموافقة على", "الاعتماد"),
}
_ACTION_OF = {normalise(w): a for a, ws in ACTION_WORDS.items() for w in ws}
_ONE_ACTION = "[بل]?" + alt(*(w for ws in ACTION_WORDS.values() for w in ws))
ACTIONS = (rf"(?P<actions>{_ONE_ACTION}(?:(?: and| or| و| او|,)? (?:و|ب|و ب)?{_ONE_ACTION})*)")


def actions_in(text: str) -> tuple[str, ...]:
    """The permission actions a span names, in order, without repeats."""
    found: list[str] = []
    for action_words in re.finditer(_ONE_ACTION, text):
        word = re.sub("^[بل]", "", action_words.group(0))
        action = _ACTION_OF.get(word) or _ACTION_OF.get(action_words.group(0))
        if action and action not in found:
            found.append(action)
    if "read" in found and "list" not in found:
        found.insert(found.index("read"), "list")
    return tuple(found)


@dataclass(frozen=True)
class Span:
    """Part of a clause: its normalised words and the words as written."""

    norm: str
    raw: str

    def __bool__(self) -> bool:
        return bool(self.norm)


NONE = Span("", "")


@dataclass(frozen=True)
class Edit:
    """One edit the owner asked for, with the spans that name its parts."""

    op: str
    clause: str  # the clause as written, for messages
    entity: Span = NONE
    field: Span = NONE
    name: Span = NONE  # a new name, or the name of a new entity, role or tier
    role: Span = NONE
    target: Span = NONE  # a reference field's target entity
    type: str = ""  # a field type as stated
    value: str = ""  # storage, classification or interval
    actions: tuple[str, ...] = ()
    price: str = ""
    currency: str = ""
    interval: str = ""
    trial_days: str = ""  # "14" for "with a 14-day trial" / "تجربة 14 يوما"


class Clause:
    def __init__(self, text: str) -> None:
        self.text = text.strip()
        self.words = words(self.text)
        self.raw = raw_words(self.text)
        self.norm = " ".join(self.words)

    def span(self, match: re.Match[str], group: str) -> Span:
        if match.group(group) is None:
            return NONE
        start = match.start(group)
        first = self.norm[:start].count(" ")
        last = first + match.group(group).count(" ") + 1
        return Span(match.group(group), " ".join(self.raw[first:last]))


def split_clauses(text: str) -> list[str]:
    """The clauses of a message: split at punctuation, and at "and"/"then"/"ثم" or an
    attached "و" when a new verb follows."""
    verbs = "|".join(p.strip("(?:)") for p in (ADD_EN, REMOVE_EN, RENAME_EN, "only", "let", "allow",
                                                 "encrypt", "mark", "make", "move", "set", "change"))
    parts = []
    for chunk in _SPLIT.split(text):
        pieces = re.split(rf"\s+(?:and then|and|then|also)\s+(?=(?:{verbs})\b)", chunk, flags=re.I)
        for piece in pieces:
            parts.extend(re.split(r"\s+(?:ثم|ثمّ|وثم)\s+|\s+(?=و(?:أضف|اضف|احذف|أزل|غيّر|غير|اجعل|اسمح|امنع|شفّر|شفر|انقل|أنقل)\b)",
                                  piece))
    cleaned = []
    for part in parts:
        part = re.sub(r"^\s*(?:and|then|also|please|و(?=(?:أضف|اضف|احذف|أزل|غيّر|غير|اجعل|اسمح|امنع|شفّر|شفر|انقل|أنقل)))\s*",
                      "", part.strip(), flags=re.I)
        part = re.sub(r"^(?:please|can you|could you|i want to|i d like to|we need to|let s)\s+", "",
                      part, flags=re.I)
        if words(part):
            cleaned.append(part)
    return cleaned

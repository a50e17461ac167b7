"""Intent analysis of one message, deterministic and in both languages.

The result says what the owner asked for (create a platform, change one, explain, a cost
or compliance question, a deployment) and what the message names: domain, place,
frameworks, entities, roles and interface languages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from app.domain.assist import lexicon as lx
from app.domain.assist.catalog import ENTITIES, ROLES
from app.domain.assist.edit_parse import parse
from app.domain.assist.grammar import Edit
from app.domain.assist.text import Message, Phrase, phrases, words


class IntentKind(StrEnum):
    create = "create"  # a new platform
    modify = "modify"  # a change to the current blueprint
    explain = "explain"
    cost = "cost"
    compliance = "compliance"
    deploy = "deploy"  # handed to the deployment flow; the assistant never deploys
    unknown = "unknown"


ANSWER_KINDS = frozenset({IntentKind.explain, IntentKind.cost, IntentKind.compliance})
CHANGE_KINDS = frozenset({IntentKind.create, IntentKind.modify})


@dataclass(frozen=True)
class Intent:
    kind: IntentKind
    language: str  # the message's language, "ar" or "en"
    domain: str | None = None
    subject: lx.Subject | None = None
    place: lx.Place | None = None
    frameworks: tuple[str, ...] = ()  # named in the message
    payments: bool = False
    entities: tuple[str, ...] = ()  # catalogue entity names, in order of mention
    roles: tuple[str, ...] = ()
    ui_languages: tuple[str, ...] = ()  # "ar"/"en" in order of mention
    ui_only: bool = False  # "English only"
    removal: bool = False  # the message asks to remove something
    handoff: str | None = None  # "deployment" when a deployment was asked for as well
    edits: tuple[Edit, ...] = ()  # edits of the open blueprint (``grammar``), in order
    unread: tuple[str, ...] = ()  # clauses of a change request nothing was read from, as written

    @property
    def names_anything(self) -> bool:
        return bool(self.domain or self.place or self.frameworks or self.payments or self.entities
                    or self.roles or self.ui_languages or self.edits)

    def to_json(self) -> dict[str, Any]:
        place = self.place
        return {
            "kind": self.kind.value,
            "language": self.language,
            "domain": self.domain,
            "place": None if place is None else {
                "name": {"en": place.en, "ar": place.ar}, "country": place.country,
                "provider": place.provider, "region": place.region},
            "frameworks": list(self.frameworks),
            "payments": self.payments,
            "entities": list(self.entities),
            "roles": list(self.roles),
            "ui_languages": list(self.ui_languages),
            "handoff": self.handoff,
            "edits": [e.op for e in self.edits],
            "unread": list(self.unread),
        }


def _ordered(msg: Message, items: list[tuple[str, tuple[Phrase, ...]]]) -> tuple[str, ...]:
    found: dict[str, int] = {}
    for name, terms in items:
        where = msg.first(terms)
        if where is not None and (name not in found or where < found[name]):
            found[name] = where
    return tuple(sorted(found, key=lambda n: (found[n], n)))


def detect_domain(msg: Message) -> str | None:
    scores: dict[str, int] = {}
    first: dict[str, int] = {}
    for domain, weight, cues in lx.DOMAIN_CUES:
        for cue in cues:
            where = msg.find(cue)
            if where is not None:
                scores[domain] = scores.get(domain, 0) + weight
                first[domain] = min(first.get(domain, where), where)
    if not scores:
        return None
    return max(scores, key=lambda d: (scores[d], -first[d], -lx.DOMAINS.index(d)))


def _place(msg: Message) -> lx.Place | None:
    best: tuple[int, lx.Place] | None = None
    for terms, place in lx.PLACES:
        where = msg.first(terms)
        if where is not None and (best is None or where < best[0]):
            best = (where, place)
    return best[1] if best else None


def _subject(msg: Message) -> lx.Subject | None:
    for terms, subject in lx.SUBJECTS:
        if msg.first(terms) is not None:
            return subject
    return None


def _ui_languages(msg: Message) -> tuple[str, ...]:
    found = [(where, code) for code, cues in (("ar", lx.ARABIC_UI), ("en", lx.ENGLISH_UI))
             if (where := msg.first(cues)) is not None]
    return tuple(code for _, code in sorted(found))


def _is_question(msg: Message) -> bool:
    if "?" in msg.text or "؟" in msg.text:
        return True
    return bool(msg.words) and any(msg.find(q) == 0 for q in lx.QUESTION)


_COURTESY = frozenset(words("please thanks thank you ok okay شكرا لو سمحت من فضلك رجاء"))
# Words that make a clause a change request, so one nothing was read from is reported.
_CHANGE_VERBS = (*lx.MODIFY, *lx.CREATE, *lx.REMOVE, *phrases(
    "only", "let", "allow", "encrypt", "decrypt", "mark", "classify", "grant", "revoke", "give", "set",
    "make", "rename", "اسمح", "امنع", "امنح", "شفر", "صنف", "اجعل", "فقط", "سم", "اعد تسمية", "خزن"))


def _reads_something(msg: Message) -> bool:
    return any(msg.first(cues) is not None for cues in (
        *(c for _, c in lx.FRAMEWORK_CUES), lx.PAYMENT_CUES, lx.ARABIC_UI, lx.ENGLISH_UI,
        *(p for p, _ in lx.PLACES), *(e.terms for e in ENTITIES), *(r.terms for r in ROLES)))


# Words that carry no request of their own in a change clause.
_GLUE = frozenset(words(
    "a an the and or with to of for in on at from also please it them all my our some new this that "
    "entity entities field fields role roles tier tiers "
    "these those as too servers server hosting data platform system app there here is be "
    "و مع الى إلى في من على ايضا أيضا الخوادم الخادم المنصة النظام كل بعض جديد جديدة هذا هذه"))


def _covered(msg: Message, cues: tuple[Phrase, ...]) -> set[int]:
    found: set[int] = set()
    for phrase in cues:
        size = len(phrase.words)
        for start in range(len(msg.words) - size + 1):
            if all(phrase.words[i] in msg._forms[start + i] for i in range(size)):
                found.update(range(start, start + size))
    return found


def _unread(clause: str, in_request: bool) -> str:
    """What a change clause the edit grammar did not read says that nothing else reads
    either: the clause itself if nothing in it was recognised, else the leftover words.
    ``in_request``: other clauses were read as edits, so this one needs no verb of its own."""
    msg = Message(clause)
    if (msg.first(_CHANGE_VERBS) is None and not in_request) or not set(msg.words) - _COURTESY - _GLUE:
        return ""
    if not _reads_something(msg):
        return clause
    cues = (_CHANGE_VERBS, *(c for _, c in lx.FRAMEWORK_CUES), lx.PAYMENT_CUES, lx.ARABIC_UI,
            lx.ENGLISH_UI, lx.ONLY, *(p for p, _ in lx.PLACES), *(e.terms for e in ENTITIES),
            *(r.terms for r in ROLES), *(c for _, _, c in lx.DOMAIN_CUES))
    covered = _covered(msg, tuple(p for group in cues for p in group))
    left = [i for i, w in enumerate(msg.words) if i not in covered and w not in _GLUE | _COURTESY]
    if not left:
        return ""
    raw = clause.split() if len(clause.split()) == len(msg.words) else msg.words
    return " ".join(raw[i] for i in range(min(left), max(left) + 1) if i not in covered)


def analyse(text: str, has_blueprint: bool) -> Intent:
    """What the message asks for. ``has_blueprint``: a blueprint is open, so a change
    without a word about a new platform is a change to it, read clause by clause as edits
    (``edit_parse``); what no edit reads goes to the word look-ups."""
    edits: list[Edit] = []
    unread: list[str] = []
    full = Message(text)
    if has_blueprint and not _is_question(full) and not (
            full.first(lx.CREATE) is not None and full.first(lx.PLATFORM) is not None
            and full.first(lx.MODIFY) is None):
        edits, rest = parse(text)
        unread = [u for c in rest if (u := _unread(c, bool(edits)))]
        text = " ; ".join(rest)
    msg = Message(text)
    frameworks = tuple(name for name, cues in lx.FRAMEWORK_CUES if msg.first(cues) is not None)
    ui = _ui_languages(msg)
    found = Intent(
        kind=IntentKind.unknown,
        language="ar" if full.arabic else "en",
        domain=detect_domain(msg),
        subject=_subject(msg),
        place=_place(msg),
        frameworks=frameworks,
        payments=msg.first(lx.PAYMENT_CUES) is not None,
        entities=_ordered(msg, [(e.name, e.terms) for e in ENTITIES]),
        roles=_ordered(msg, [(r.name, r.terms) for r in ROLES]),
        ui_languages=ui,
        ui_only=bool(ui) and len(ui) == 1 and msg.first(lx.ONLY) is not None,
        removal=msg.first(lx.REMOVE) is not None,
        edits=tuple(edits),
        unread=tuple(unread),
    )
    if edits or unread:
        return replace(found, kind=IntentKind.modify,
                       handoff="deployment" if msg.first(lx.DEPLOY) is not None else None)
    deploy = msg.first(lx.DEPLOY) is not None
    create = msg.first(lx.CREATE) is not None
    modify = msg.first(lx.MODIFY) is not None
    change = create or modify
    question = _is_question(msg)
    kind: IntentKind
    if deploy and not (found.names_anything and change):
        kind = IntentKind.deploy
    elif msg.first(lx.COST) is not None and (question or not change):
        kind = IntentKind.cost
    elif msg.first(lx.COMPLIANCE_Q) is not None and question and not change:
        kind = IntentKind.compliance
    elif msg.first(lx.EXPLAIN) is not None and not change:
        kind = IntentKind.explain
    elif has_blueprint and not (create and msg.first(lx.PLATFORM) is not None and not modify):
        kind = IntentKind.modify if (found.names_anything or found.removal) else IntentKind.unknown
    elif found.names_anything or create:
        kind = IntentKind.create
    else:
        kind = IntentKind.unknown
    handoff = "deployment" if deploy and kind in CHANGE_KINDS else None
    return replace(found, kind=kind, handoff=handoff)

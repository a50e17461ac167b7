"""Finding what a span of the message names in the blueprint: an entity, a field, a role or
a tier, by its name or its English or Arabic label, singular or plural, with or without
the Arabic article."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.domain.assist.catalog import ENTITIES, ROLES
from app.domain.assist.text import normalise, stems

# Words around a name that do not name anything themselves.
FILLERS = frozenset(normalise(w) for w in (
    "the", "a", "an", "all", "every", "each", "any", "entity", "entities", "table", "records", "record",
    "role", "roles", "field", "column", "tier", "plan", "package", "users", "user", "of", "s",
    "كيان", "الكيان", "جدول", "سجلات", "كل", "جميع", "دور", "الدور", "حقل", "الحقل", "باقة", "الباقة",
    "خطة", "المستخدمين", "their", "own", "his", "her", "its"))
_AR_LEAD = ("لل", "ل", "ب", "و", "ك")


def _words(text: str) -> list[str]:
    return [w for w in normalise(text).split() if w not in FILLERS]


def _match_words(span: list[str], phrase: list[str]) -> bool:
    if len(span) != len(phrase) or not span:
        return False
    return all(_meets(a, b) for a, b in zip(span, phrase, strict=True))


def _meets(a: str, b: str) -> bool:
    if stems(a) & stems(b):
        return True
    for lead in _AR_LEAD:  # "للممرضين": the preposition is attached
        if a.startswith(lead) and len(a) - len(lead) >= 3 and stems(a[len(lead):]) & stems(b):
            return True
    return False


def _best(span_text: str, candidates: Iterable[tuple[Any, Iterable[str]]]) -> Any | None:
    """The candidate one of whose phrases is the whole span; else the one whose longest
    phrase occurs in it."""
    span = _words(span_text)
    if not span:
        return None
    partial: tuple[int, Any] | None = None
    prefix: Any | None = None
    for item, phrases_ in candidates:
        for phrase in phrases_:
            words = _words(phrase)
            if not words:
                continue
            if _match_words(span, words):
                return item
            size = len(words)
            for start in range(len(span) - size + 1):
                if _match_words(span[start:start + size], words) and (partial is None or size > partial[0]):
                    partial = (size, item)
            if prefix is None and len(span) < size and _match_words(span, words[:len(span)]):
                prefix = item  # "الرضا" for "الرضا (من ١ إلى ٥)"
    return partial[1] if partial is not None else prefix


def _labels(node: dict[str, Any], *keys: str) -> list[str]:
    out: list[str] = []
    for key in keys:
        value = node.get(key)
        if isinstance(value, dict):
            out.extend(str(v) for v in value.values() if v)
    return out


def entity_phrases(entity: dict[str, Any]) -> list[str]:
    name = str(entity.get("name", ""))
    phrases = [name.replace("_", " "), *_labels(entity, "label", "plural_label")]
    for spec in ENTITIES:
        if name in spec.names:
            phrases.extend(" ".join(p.words) for p in spec.terms)
    if name.endswith("ment"):  # enrolment / enrollment
        phrases.append(name.replace("enrolment", "enrollment"))
    return phrases


def names_whole(entity: dict[str, Any], span: str) -> bool:
    """Whether ``span`` is one of the entity's names exactly (not only part of one)."""
    words = _words(span)
    return any(_match_words(words, _words(p)) for p in entity_phrases(entity))


def find_entity(doc: dict[str, Any], span: str) -> int | None:
    entities = doc.get("entities", [])
    return _best(span, ((i, entity_phrases(e)) for i, e in enumerate(entities)))


def find_field(entity: dict[str, Any], span: str) -> int | None:
    fields = entity.get("fields", [])
    return _best(span, ((i, [str(f.get("name", "")).replace("_", " "), *_labels(f, "label")])
                        for i, f in enumerate(fields)))


def role_phrases(role: dict[str, Any]) -> list[str]:
    name = str(role.get("name", ""))
    phrases = [name.replace("_", " "), *_labels(role, "label")]
    for spec in ROLES:
        if name in spec.names:
            phrases.extend(" ".join(p.words) for p in spec.terms)
    return phrases


def find_role(doc: dict[str, Any], span: str) -> int | None:
    roles = doc.get("roles", [])
    return _best(span, ((i, role_phrases(r)) for i, r in enumerate(roles)))


def find_tier(doc: dict[str, Any], span: str) -> int | None:
    tiers = doc.get("tiers", [])
    return _best(span, ((i, [str(t.get("key", "")).replace("-", " "), *_labels(t, "name")])
                        for i, t in enumerate(tiers)))


def names(items: Iterable[dict[str, Any]], key: str = "name") -> str:
    return ", ".join(str(i.get(key)) for i in items)

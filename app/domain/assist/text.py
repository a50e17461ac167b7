"""Text as the planner reads it: Arabic and English normalised into comparable words.

Arabic is written with optional diacritics, the stretching tatweel and several spellings of
the same letters (أ إ آ ا, ى ي, ة ه); a person may type any of them. Both the owner's
message and every lexicon phrase go through ``normalise`` so they meet in one spelling.
Arabic words carry attached prefixes ("والمواعيد" = "and the appointments"), so a word is
compared in each of its plausible unprefixed forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه",
    "گ": "ك", "ک": "ك", "ی": "ي",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
    "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "ü": "u", "ö": "o", "ä": "a", "é": "e",
})
_WORD = re.compile(r"[0-9a-z\u0621-\u064a]+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Attached prefixes, longest first: conjunction, preposition and article combinations.
_AR_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "و", "ب", "ل", "ف")


def normalise(text: str) -> str:
    """Lower case, no diacritics or tatweel, one spelling per Arabic letter, words only."""
    text = _DIACRITICS.sub("", text.replace(_TATWEEL, "")).lower().translate(_LETTERS)
    return " ".join(_WORD.findall(text))


def words(text: str) -> list[str]:
    return normalise(text).split()


def raw_words(text: str) -> list[str]:
    """The words of ``text`` as written (without diacritics), one for each of ``words(text)``."""
    plain = _DIACRITICS.sub("", text.replace(_TATWEEL, "")).lower()
    mapped = plain.translate(_LETTERS)  # one character for one, so the positions agree
    return [plain[m.start():m.end()] for m in _WORD.finditer(mapped)]


_AR_SUFFIXES = ("ون", "ين", "ات", "ان", "و", "ه")


def stems(word: str) -> frozenset[str]:
    """``forms`` and, for Arabic, the word without a regular plural or feminine ending, so
    "الموردين", "موردون" and "مورد" meet."""
    result = set(forms(word))
    if _ARABIC.search(word):
        for form in list(result):
            for suffix in _AR_SUFFIXES:
                if form.endswith(suffix) and len(form) - len(suffix) >= 3:
                    result.add(form[: -len(suffix)])
    return frozenset(result)


def is_arabic(text: str) -> bool:
    """Whether a message is mainly Arabic: at least as many Arabic words as Latin ones (so
    "أضف كيان pharmacy" is Arabic with an English name in it)."""
    arabic = len(re.findall(r"[\u0600-\u06ff]+", text))
    latin = len(re.findall(r"[A-Za-z][A-Za-z_]*", text))
    return arabic > 0 and arabic >= latin


def forms(word: str) -> frozenset[str]:
    """The forms a message word may stand for: itself, without Arabic prefixes, and the
    singular of a regular English plural."""
    result = {word}
    if _ARABIC.search(word):
        for prefix in _AR_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                result.add(word[len(prefix):])
        return frozenset(result)
    if len(word) > 3 and word.endswith("ies"):
        result.add(word[:-3] + "y")
    if len(word) > 3 and word.endswith("es"):
        result.add(word[:-2])
    if len(word) > 2 and word.endswith("s") and not word.endswith("ss"):
        result.add(word[:-1])
    return frozenset(result)


@dataclass(frozen=True)
class Phrase:
    """A lexicon phrase in normalised words."""

    words: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Phrase:
        return cls(tuple(words(text)))


class Message:
    """A message ready for phrase look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = words(text)
        self._forms = [forms(w) for w in self.words]
        self.arabic = is_arabic(text)

    def find(self, phrase: Phrase) -> int | None:
        """The index of the first word where ``phrase`` starts, or None."""
        size = len(phrase.words)
        if size == 0:
            return None
        for start in range(len(self.words) - size + 1):
            if all(phrase.words[i] in self._forms[start + i] for i in range(size)):
                return start
        return None

    def has(self, phrase: Phrase) -> bool:
        return self.find(phrase) is not None

    def first(self, phrases: Iterable[Phrase]) -> int | None:
        """Where the earliest of ``phrases`` occurs."""
        found = [i for i in (self.find(p) for p in phrases) if i is not None]
        return min(found) if found else None


def phrases(*texts: str) -> tuple[Phrase, ...]:
    return tuple(Phrase.of(t) for t in texts)


def slug(parts: Sequence[str], limit: int = 63) -> str:
    """A blueprint key from ASCII words: lower case, '-' between words."""
    text = "-".join(p for p in (re.sub(r"[^a-z0-9]+", "-", x.lower()).strip("-") for x in parts) if p)
    return text[:limit].strip("-") or "platform"

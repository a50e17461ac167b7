"""Why a row of usage could not be priced: a reason code and its parameters, written in
English (the CLI's default, logs, JSON) or Arabic (the console and ``--language ar``).

The costing engine records the reason, never a sentence: the same row reads in the owner's
language wherever it is shown. Values put inside a sentence (resources, SKUs, dates) are
isolated left to right so an Arabic sentence keeps them readable. A price book that fails
in a way without a code of its own (:data:`PRICE_ERROR`) keeps its English detail inside
the Arabic sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.bidi import ltr
from app.domain.numerals import arabic_digits

NO_PRICE_BOOK = "no_price_book"
NO_OWNER_MODEL = "no_owner_model"
OWNER_UNIT_MISMATCH = "owner_unit_mismatch"
NO_MODEL = "no_model"
NO_SERVER_TYPE = "no_server_type"
UNKNOWN_SERVER_TYPE = "unknown_server_type"
SERVER_LOCATION_AMBIGUOUS = "server_location_ambiguous"
TRAFFIC_WITHOUT_SERVER = "traffic_without_server"
BOOK_NOT_IN_FORCE = "book_not_in_force"
NO_BOOK_YET = "no_book_yet"
MODEL_NOT_PRICED = "model_not_priced"
TYPE_NOT_LISTED = "type_not_listed"
PRICE_ERROR = "price_error"

# The books a reason may name (``book``), in Arabic.
BOOKS_AR: Mapping[str, str] = {
    "Hetzner price list": "قائمة أسعار Hetzner",
    "set of the owner's price models": "مجموعة نماذج تسعير المالك",
}
# What Hetzner lists (``what``), in Arabic.
KINDS_AR: Mapping[str, str] = {
    "server type": "نوع الخادم",
    "load balancer type": "نوع موازن الأحمال",
    "server or load balancer type": "نوع الخادم أو موازن الأحمال",
}

# code -> (English, Arabic); {name} is a parameter.
TEXTS: Mapping[str, tuple[str, str]] = {
    NO_PRICE_BOOK: ("no price book prices {resource} from {provider}",
                    "لا يسعّر أيّ دفتر أسعار {resource} من {provider}"),
    NO_OWNER_MODEL: ("no price model of the owner named '{first}' or '{second}' is in force on "
                     "{day}",
                     "لا نموذج تسعير للمالك باسم {first} أو {second} ساريًا في {day}"),
    OWNER_UNIT_MISMATCH: ("price model '{model}' charges per '{model_unit}', the usage is "
                          "counted in '{usage_unit}'",
                          "نموذج التسعير {model} يحتسب لكل {model_unit}، والاستخدام معدود "
                          "بوحدة {usage_unit}"),
    NO_MODEL: ("the usage does not name the model (sku)",
               "لا يذكر الاستخدام النموذج (الصنف)"),
    NO_SERVER_TYPE: ("the usage does not name the server type (sku)",
                     "لا يذكر الاستخدام نوع الخادم (الصنف)"),
    UNKNOWN_SERVER_TYPE: ("Hetzner's price list has no server type '{server_type}'",
                          "لا تضمّ قائمة أسعار Hetzner نوع الخادم {server_type}"),
    SERVER_LOCATION_AMBIGUOUS: (
        "the usage does not say where the {server_type} server stood, and Hetzner's prices "
        "for {server_type} differ by location ({locations})",
        "لا يذكر الاستخدام موقع الخادم {server_type}، وأسعار Hetzner له تختلف باختلاف "
        "الموقع ({locations})"),
    TRAFFIC_WITHOUT_SERVER: (
        "traffic is priced per server type and location; the usage's sku '{sku}' does not "
        "say both (type@location)",
        "تُسعَّر حركة البيانات حسب نوع الخادم وموقعه، وصنف الاستخدام {sku} لا يذكرهما معًا "
        "(النوع@الموقع)"),
    BOOK_NOT_IN_FORCE: ("no {book} is in force on {day} (the first is from {first})",
                        "لا {book} سارية في {day} (أولاها من {first})"),
    NO_BOOK_YET: ("no {book} is in force on {day} (there are none yet)",
                  "لا {book} سارية في {day} (لا يوجد منها شيء بعد)"),
    MODEL_NOT_PRICED: ("no price for the model '{model}' is in force on {day}",
                       "لا سعر ساريًا للنموذج {model} في {day}"),
    TYPE_NOT_LISTED: ("Hetzner's price list has no {what} '{name}' in '{location}'",
                      "لا تضمّ قائمة أسعار Hetzner {what} {name} في {location}"),
    PRICE_ERROR: ("{detail}", "تعذّر التسعير: {detail}"),
}


@dataclass(frozen=True, slots=True)
class UnpricedReason:
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.code not in TEXTS:
            raise ValueError(f"code: {self.code!r} is not an unpriced reason "
                             f"({', '.join(sorted(TEXTS))})")

    @classmethod
    def of(cls, code: str, **params: object) -> UnpricedReason:
        return cls(code, tuple((k, str(v)) for k, v in params.items()))

    def text(self, language: str = "en") -> str:
        """The reason in ``language`` ("ar" for Arabic, English otherwise)."""
        english, arabic = TEXTS[self.code]
        values = dict(self.params)
        if language != "ar":
            return english.format(**values)
        return arabic.format(**{k: _arabic_value(k, v) for k, v in values.items()})

    @property
    def english(self) -> str:
        return self.text("en")

    def __str__(self) -> str:
        return self.english

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}


def _arabic_value(name: str, value: str) -> str:
    """Books and kinds in Arabic words; dates with Arabic digits; names, SKUs and details as
    they are, isolated left to right."""
    if name == "book":
        return BOOKS_AR.get(value, ltr(value))
    if name == "what":
        return KINDS_AR.get(value, ltr(value))
    return ltr(arabic_digits(value) if name in ("day", "first") else value)

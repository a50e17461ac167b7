"""Subscription-tier edits: add, change, rename and remove, with price, currency and interval."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from app.domain.assist.grammar import Edit
from app.domain.assist.resolve import find_tier
from app.domain.assist.text import is_arabic, normalise, slug

# Arabic tier names the planner knows: normalised Arabic -> (key, English, Arabic).
AR_TIERS = {normalise(ar): (key, en, ar) for ar, key, en in (
    ("ذهبية", "gold", "Gold"), ("الذهبية", "gold", "Gold"), ("فضية", "silver", "Silver"),
    ("الفضية", "silver", "Silver"), ("برونزية", "bronze", "Bronze"), ("البرونزية", "bronze", "Bronze"),
    ("بلاتينية", "platinum", "Platinum"), ("البلاتينية", "platinum", "Platinum"),
    ("أساسية", "basic", "Basic"), ("الأساسية", "basic", "Basic"), ("مجانية", "free", "Free"),
    ("المجانية", "free", "Free"), ("احترافية", "pro", "Pro"), ("الاحترافية", "pro", "Pro"),
    ("مميزة", "premium", "Premium"), ("المميزة", "premium", "Premium"), ("المؤسسات", "enterprise", "Enterprise"),
    ("للمؤسسات", "enterprise", "Enterprise"), ("الشركات", "business", "Business"), ("متقدمة", "advanced", "Advanced"),
    ("المتقدمة", "advanced", "Advanced"),
)}
EN_TIERS_AR = {key: ar for key, _en, ar in AR_TIERS.values()}
INTERVAL_AR = {"month": "شهريًا", "year": "سنويًا"}


def _amount(text: str) -> int | float | None:
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    if value < 0 or value >= Decimal(10) ** 10:
        return None
    return int(value) if value == value.to_integral_value() else float(round(value, 2))


class TierEdits:
    """Mixed into ``editing.Editor``."""

    host: Any

    if TYPE_CHECKING:  # what editing.Editor provides
        @property
        def doc(self) -> dict[str, Any]:
            ...

    def _tier_names(self, edit: Edit) -> tuple[str, str, str] | None:
        words = edit.name.norm.split()
        if not words:
            self.host.refuse(f"«{edit.clause}»: the tier has no name (for example: add a Pro tier for 99 SAR a month).",
                             f"«{edit.clause}»: لم يُذكر اسم الباقة (مثلًا: أضف باقة Pro بسعر 99 ريالًا شهريًا).")
            return None
        if all(w.isascii() for w in words):
            key = slug(words)
            en = " ".join(edit.name.raw.split()).title()
            return key, en, EN_TIERS_AR.get(key, en)
        known = AR_TIERS.get(" ".join(words))
        if known is None:
            self.host.refuse(f"«{edit.clause}»: I do not know an English name for the tier «{edit.name.raw}»; "
                             "name it in English as well.",
                             f"«{edit.clause}»: لا أعرف اسمًا إنجليزيًا للباقة «{edit.name.raw}»؛ اذكره بالإنجليزية أيضًا.")
            return None
        return known

    def _add_tier(self, edit: Edit) -> None:
        named = self._tier_names(edit)
        if named is None:
            return
        key, en, ar = named
        price = _amount(edit.price) if edit.price else None
        if price is None:
            self.host.refuse(f"«{edit.clause}»: the tier needs a price (for example: for 99 SAR a month).",
                             f"«{edit.clause}»: الباقة تحتاج سعرًا (مثلًا: بسعر 99 ريالًا شهريًا).")
            return
        tiers = self.doc.get("tiers", [])
        index = next((i for i, t in enumerate(tiers) if t.get("key") == key), None)
        if index is not None:
            tier = tiers[index]
            self._set_price(edit, index, price, edit.currency or tier["currency"],
                            edit.interval or tier["interval"])
            return
        if not edit.currency:
            # A new tier is sold at Stripe in its own currency: never guessed.
            self.host.refuse(f"«{edit.clause}»: name the tier's currency (for example: for {price} SAR a month).",
                             f"«{edit.clause}»: اذكر عملة الباقة (مثلًا: بسعر {price} ريالًا شهريًا).")
            return
        currency, interval = edit.currency, edit.interval or "month"
        trial = int(edit.trial_days) if edit.trial_days else 0
        if trial > 730:
            self.host.refuse(f"«{edit.clause}»: a trial of {trial} days is longer than the 730 days a tier allows.",
                             f"«{edit.clause}»: تجربة مدتها {trial} يومًا أطول من 730 يومًا المسموح بها للباقة.")
            return
        if "tiers" not in self.doc:
            self.host.b.add("/tiers", [])
        value: dict[str, Any] = {"key": key, "name": {"en": en, "ar": ar}, "price": price,
                                 "currency": currency, "interval": interval, "limits": {}}
        if trial:
            value["trial_days"] = trial
        self.host.b.add("/tiers/-", value)
        assumed_en = "" if edit.interval else " (no interval was named, so monthly)"
        assumed_ar = "" if edit.interval else " (لم تُذكر المدة فجعلتُها شهرية)"
        trial_en = f", with a {trial}-day free trial" if trial else ""
        trial_ar = f"، مع تجربة مجانية مدتها {trial} يومًا" if trial else ""
        self.host.say(f"Added the tier {key} at {price} {currency} a {interval}{assumed_en}{trial_en}.",
                      f"أضفتُ الباقة {key} بسعر {price} {currency} {INTERVAL_AR[interval]}{assumed_ar}{trial_ar}.")

    def _set_price(self, edit: Edit, index: int, price: int | float, currency: str, interval: str) -> None:
        tier = self.doc["tiers"][index]
        key = tier["key"]
        wanted = {"price": price, "currency": currency, "interval": interval}
        if all(Decimal(str(tier.get(k))) == Decimal(str(v)) if k == "price" else tier.get(k) == v
               for k, v in wanted.items()):
            self.host.already(f"The tier {key} is already {price} {currency} a {interval}.",
                              f"الباقة {key} بسعر {price} {currency} {INTERVAL_AR[interval]} من قبل.")
            return
        for k, v in wanted.items():
            self.host.b.put(f"/tiers/{index}", k, v)
        self.host.say(f"The tier {key} is now {price} {currency} a {interval}.",
                      f"صار سعر الباقة {key} {price} {currency} {INTERVAL_AR[interval]}.")

    def _tier_index(self, edit: Edit) -> int | None:
        index = find_tier(self.doc, edit.name.norm)
        if index is None:
            named = AR_TIERS.get(edit.name.norm)
            keys = [t.get("key") for t in self.doc.get("tiers", [])]
            if named is not None and named[0] in keys:
                return keys.index(named[0])
            listed = ", ".join(str(k) for k in keys) or "none"
            self.host.refuse(f"«{edit.clause}»: this blueprint has no tier «{edit.name.raw}» (it has: {listed}).",
                             f"«{edit.clause}»: لا توجد في المخطط باقة «{edit.name.raw}» (الموجود: {listed}).")
        return index

    def _change_tier(self, edit: Edit) -> None:
        index = self._tier_index(edit)
        if index is None:
            return
        price = _amount(edit.price)
        if price is None:
            self.host.refuse(f"«{edit.clause}»: I could not read the new price.", f"«{edit.clause}»: لم أفهم السعر الجديد.")
            return
        tier = self.doc["tiers"][index]
        self._set_price(edit, index, price, edit.currency or tier["currency"], edit.interval or tier["interval"])

    def _remove_tier(self, edit: Edit) -> None:
        index = self._tier_index(edit)
        if index is None:
            return
        key = self.doc["tiers"][index]["key"]
        self.host.b.remove(f"/tiers/{index}")
        self.host.say(f"Removed the tier {key}.", f"حذفتُ الباقة {key}.")

    def rename_tier(self, edit: Edit) -> None:
        index = find_tier(self.doc, edit.entity.norm)
        assert index is not None
        tier = self.doc["tiers"][index]
        if is_arabic(edit.name.raw):
            self.host.b.replace(f"/tiers/{index}/name/ar", edit.name.raw)
        else:
            self.host.b.replace(f"/tiers/{index}/name/en", " ".join(edit.name.raw.split()).title())
        self.host.say(f"The tier {tier['key']} is now called «{edit.name.raw}».",
                      f"صار اسم الباقة {tier['key']} «{edit.name.raw}».")

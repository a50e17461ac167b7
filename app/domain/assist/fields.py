"""A new field from the words that name it: its identifier, labels and type, guessed from the
name (phone, email, date, money, ...) or as stated, in English or Arabic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.domain.assist.text import normalise

# Arabic field names the planner knows: normalised Arabic -> (identifier, English, Arabic).
AR_FIELDS: dict[str, tuple[str, str, str]] = {normalise(ar): (name, en, ar) for ar, name, en in (
    ("تاريخ الميلاد", "date_of_birth", "Date of birth"),
    ("تاريخ ميلاد", "date_of_birth", "Date of birth"),
    ("رقم الجوال", "mobile", "Mobile number"), ("الجوال", "mobile", "Mobile number"),
    ("جوال", "mobile", "Mobile number"), ("رقم الهاتف", "phone", "Phone number"),
    ("الهاتف", "phone", "Phone number"), ("هاتف", "phone", "Phone number"),
    ("رقم الموبايل", "mobile", "Mobile number"), ("رقم الجوال البديل", "alternate_mobile", "Alternate mobile"),
    ("البريد الإلكتروني", "email", "Email"), ("بريد إلكتروني", "email", "Email"), ("الإيميل", "email", "Email"),
    ("العنوان", "address", "Address"), ("العنوان الوطني", "national_address", "National address"),
    ("الجنسية", "nationality", "Nationality"), ("الراتب", "salary", "Salary"),
    ("السعر", "price", "Price"), ("المبلغ", "amount", "Amount"), ("الخصم", "discount", "Discount"),
    ("الملاحظات", "notes", "Notes"), ("ملاحظات", "notes", "Notes"), ("الوصف", "description", "Description"),
    ("رقم الهوية", "national_id", "National ID"), ("الهوية الوطنية", "national_id", "National ID"),
    ("رقم الجواز", "passport_number", "Passport number"), ("تاريخ الانتهاء", "expires_on", "Expires on"),
    ("تاريخ البداية", "starts_on", "Starts on"), ("تاريخ النهاية", "ends_on", "Ends on"),
    ("تاريخ التعيين", "hired_on", "Hired on"), ("تاريخ التسجيل", "registered_on", "Registered on"),
    ("فصيلة الدم", "blood_type", "Blood type"), ("الوزن", "weight_kg", "Weight (kg)"),
    ("الطول", "height_cm", "Height (cm)"), ("العمر", "age", "Age"), ("الكمية", "quantity", "Quantity"),
    ("الصورة", "photo", "Photo"), ("صورة", "photo", "Photo"), ("المرفق", "attachment", "Attachment"),
    ("الموقع الإلكتروني", "website", "Website"), ("المدينة", "city", "City"), ("الرمز البريدي", "postal_code", "Postal code"),
    ("الرقم الضريبي", "vat_number", "VAT number"), ("السجل التجاري", "commercial_registration", "Commercial registration"),
    ("الآيبان", "iban", "IBAN"), ("رقم الآيبان", "iban", "IBAN"), ("اسم الأب", "father_name", "Father's name"),
    ("الاسم", "name", "Name"), ("الاسم الكامل", "full_name", "Full name"), ("المسمى الوظيفي", "job_title", "Job title"),
    ("نشط", "active", "Active"), ("مفعل", "enabled", "Enabled"), ("التقييم", "rating", "Rating"),
    ("الحساسية", "allergies", "Allergies"), ("رقم الرخصة", "licence_number", "Licence number"),
)}
AR_TYPES = {normalise(k): v for k, v in (
    ("تاريخ", "date"), ("نص", "text"), ("نصي", "string"), ("رقم", "integer"), ("رقمي", "integer"),
    ("عدد", "integer"), ("مبلغ", "money"), ("مالي", "money"), ("منطقي", "boolean"), ("نعم لا", "boolean"),
    ("بريد", "email"), ("جوال", "phone"), ("هاتف", "phone"), ("ملف", "file"), ("وقت", "datetime"),
    ("تاريخ ووقت", "datetime"), ("عشري", "decimal"))}
TYPE_NAMES = {
    "date": "date", "datetime": "datetime", "timestamp": "datetime", "time": "datetime", "text": "text",
    "string": "string", "number": "integer", "integer": "integer", "int": "integer", "whole number": "integer",
    "decimal": "decimal", "money": "money", "amount": "money", "currency": "money", "price": "money",
    "boolean": "boolean", "bool": "boolean", "yes no": "boolean", "flag": "boolean", "checkbox": "boolean",
    "email": "email", "phone": "phone", "phone number": "phone", "file": "file", "attachment": "file",
    "long text": "text", "short text": "string",
}
_PHONE = {"phone", "mobile", "telephone", "tel", "fax", "whatsapp", "cell"}
_MONEY = {"price", "amount", "fee", "fees", "salary", "cost", "total", "balance", "budget", "discount",
          "deposit", "wage", "rent", "payment", "tuition", "fine"}
_DATE_END = {"date", "birthday", "dob", "on", "day"}
_DATETIME_END = {"at", "time", "timestamp", "datetime"}
_TEXT = {"notes", "note", "description", "comment", "comments", "address", "bio", "details", "remarks",
         "summary", "instructions", "allergies"}
_BOOL_START = {"is", "has", "can", "allows", "active", "enabled", "verified", "approved"}
_INT = {"count", "quantity", "age", "capacity", "seats", "stock", "floor", "rooms", "beds", "days", "hours",
        "minutes", "score", "rank", "year"}
_DECIMAL = {"rate", "percentage", "percent", "weight", "height", "kg", "cm", "latitude", "longitude", "ratio"}
_PERSONAL = {"birth", "dob", "birthday", "nationality", "address", "passport", "national", "salary", "iban",
             "gender", "sex", "name", "mobile", "phone", "email", "whatsapp", "father", "mother"}
_ENCRYPT = {"national", "passport", "iban", "salary", "address"}
_HEALTH = {"allergies", "diagnosis", "blood", "medical", "medication", "condition"}


@dataclass(frozen=True)
class NewField:
    spec: dict[str, Any] | None
    problem_en: str = ""
    problem_ar: str = ""


def identifier(words: list[str]) -> str:
    text = re.sub(r"[^a-z0-9]+", "_", " ".join(words).lower()).strip("_")
    if text[:1].isdigit():
        text = "f_" + text
    return text[:63]


def field_for(norm: str, raw: str, stated: str, doc: dict[str, Any], currency: str) -> NewField:
    """The field ``norm`` (normalised words; ``raw`` as written) names, typed as ``stated``
    if a type was stated."""
    words = [w for w in norm.split() if w not in ("a", "an", "the", "new")]
    raw_words = raw.split()[-len(words):] if words else []
    label_ar = ""
    if words and all(re.fullmatch(r"[0-9a-z]+", w) for w in words):
        name = identifier(words)
        label_en = " ".join(raw_words or words).replace("_", " ")
        label_en = label_en[:1].upper() + label_en[1:]
    else:
        known = AR_FIELDS.get(" ".join(words)) or AR_FIELDS.get(" ".join(
            w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words))
        if known is None:
            same = _field_by_label(doc, " ".join(words))
            if same is None:
                shown = raw or norm
                return NewField(None,
                                f"I do not know an English identifier for the field «{shown}»; "
                                "name it in English as well (for example: add a national_id field to patients).",
                                f"لا أعرف معرّفًا إنجليزيًا للحقل «{shown}»؛ اذكر اسمه بالإنجليزية أيضًا "
                                "(مثلًا: أضف حقل national_id إلى المرضى).")
            name, label_en, label_ar = same
        else:
            name, label_en, label_ar = known
    if not name:
        return NewField(None, "The field has no name.", "لم يُذكر اسم الحقل.")
    kind = _stated(stated) or _guess(name)
    return NewField(_spec(name, label_en, label_ar or label_en, kind, currency))


def _field_by_label(doc: dict[str, Any], norm: str) -> tuple[str, str, str] | None:
    bare = " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in norm.split())
    for entity in doc.get("entities", []):
        for fld in entity.get("fields", []):
            ar = normalise(str(fld.get("label", {}).get("ar", "")))
            ar_bare = " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in ar.split())
            if ar and (ar == norm or ar_bare == bare):
                return (str(fld["name"]), str(fld["label"].get("en", fld["name"])),
                        str(fld["label"].get("ar", "")))
    return None


def _stated(stated: str) -> str:
    text = " ".join(w for w in normalise(stated).split() if w not in ("a", "an", "the"))
    if not text:
        return ""
    return TYPE_NAMES.get(text) or AR_TYPES.get(text) or TYPE_NAMES.get(text.split()[0], "") or \
        AR_TYPES.get(text.split()[0], "")


def _guess(name: str) -> str:
    parts = name.split("_")
    last = parts[-1]
    if set(parts) & _PHONE:
        return "phone"
    if "email" in parts or "mail" in parts:
        return "email"
    if last in _DATETIME_END:
        return "datetime"
    if last in _DATE_END or "birth" in parts or last.endswith("date"):
        return "date"
    if set(parts) & _MONEY:
        return "money"
    if (parts[0] in _BOOL_START and len(parts) > 1) or name in ("active", "enabled", "verified", "approved"):
        return "boolean"
    if last in _TEXT:
        return "text"
    if last in _INT or (parts[0] in ("number", "count") and len(parts) > 2):
        return "integer"
    if last in _DECIMAL:
        return "decimal"
    if last in ("photo", "picture", "image", "attachment", "document", "scan", "file", "certificate", "cv",
                "contract", "receipt"):
        return "file"
    return "string"


def _spec(name: str, en: str, ar: str, kind: str, currency: str) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": name, "label": {"en": en[:200], "ar": ar[:200]}}
    parts = set(name.split("_"))
    if kind == "phone":
        spec.update(type="string", max_length=20)
    elif kind == "email":
        spec.update(type="string", max_length=254)
    elif kind == "money":
        spec.update(type="money", precision=12, scale=2, minimum=0, currency=currency)
    elif kind == "decimal":
        spec.update(type="decimal", precision=12, scale=4)
    elif kind == "text":
        spec.update(type="text", max_length=4000)
    elif kind == "file":
        spec.update(type="file", max_size_mb=20,
                    allowed_media_types=["application/pdf", "image/jpeg", "image/png"])
    elif kind == "string":
        spec.update(type="string", max_length=200)
    elif kind in ("integer", "boolean", "date", "datetime"):
        spec["type"] = kind
    else:  # pragma: no cover - every guess and stated type maps to one of the above
        raise ValueError(f"no field type {kind!r}")
    if parts & _HEALTH:
        spec.update(classification="sensitive_health", storage="encrypted")
    elif kind in ("phone", "email") or parts & _ENCRYPT:
        spec.update(classification="personal", storage="encrypted")
    elif parts & _PERSONAL:
        spec["classification"] = "personal"
    return spec


def reference_field(target: dict[str, Any], taken: set[str]) -> dict[str, Any]:
    name = str(target["name"])
    if name in taken:
        name = f"{name}_ref"
    label = target.get("label", {})
    return {"name": name, "label": {"en": label.get("en", name), "ar": label.get("ar", name)},
            "type": "reference", "reference": target["name"], "on_delete": "restrict", "indexed": True}

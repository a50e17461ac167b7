"""What a field's name and labels say about the data it holds, whatever its classification.

Blueprints written by people (and by AI) name their fields freely: a card verification code
turns up as ``cvv``, ``card_security_code`` or ``csc``; a religion as ``faith`` or «الديانة».
The compliance packs read these hints as derived attributes of a field
(``field.special_category``, ``field.authentication_data``) so that a check can catch the
data under any common name, not only under the classification the author chose.

Names are identifiers (``[a-z][a-z0-9_]*``) and are matched word by word (words are the
parts between underscores); labels are matched as text in English and in Arabic.
"""

from __future__ import annotations

import re

from app.domain.blueprint.model import EntityField, FieldType

# Special categories of personal data (GDPR Articles 9 and 10; the PDPL's sensitive data).
# Each: words of a field name (whole words, or a run of words joined by "_") and label
# patterns in English and Arabic.
SPECIAL_CATEGORIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "religion": (
        ("religion", "religious", "religious_belief", "faith", "sect", "denomination", "madhhab"),
        (r"\breligio", r"\bfaith\b", r"\bsect\b", r"الديان", r"المذهب", r"الطائفة"),
    ),
    "ethnicity": (
        ("ethnicity", "ethnic", "ethnic_origin", "race", "racial", "racial_origin", "tribe", "tribal"),
        (r"\bethnic", r"\brac(e|ial)\b", r"\btrib(e|al)\b", r"العرق", r"الأصل العرقي", r"القبيل"),
    ),
    "biometric": (
        ("biometric", "biometrics", "fingerprint", "fingerprints", "face_template", "face_print",
         "faceprint", "iris", "iris_scan", "retina", "retina_scan", "voiceprint", "voice_print",
         "palm_print", "palmprint"),
        (r"\bbiometric", r"\bfinger ?prints?\b", r"\biris\b", r"\bretina", r"\bvoice ?print",
         r"بصم", r"القياسات الحيوية", r"بيانات حيوية", r"قزحية"),
    ),
    "genetic": (
        ("genetic", "genetics", "genome", "genomic", "dna", "dna_profile", "gene", "genes",
         "genotype"),
        (r"\bgenetic", r"\bgenom", r"\bdna\b", r"وراث", r"الحمض النووي", r"\bجين"),
    ),
    "political": (
        ("political", "political_opinion", "political_opinions", "political_affiliation",
         "party_affiliation", "political_party"),
        (r"\bpolitical (opinion|view|affiliation|part)", r"الآراء السياسية", r"الرأي السياسي",
         r"الانتماء السياسي", r"الحزب السياسي"),
    ),
    "trade_union": (
        ("trade_union", "union_membership", "union_member", "labour_union", "labor_union"),
        (r"\btrade union", r"\bunion membership", r"نقاب"),
    ),
    "sex_life": (
        ("sexual_orientation", "sex_life", "sexuality", "sexual_preference", "gender_identity"),
        (r"\bsexual", r"\bsex life\b", r"الميول الجنسية", r"الحياة الجنسية", r"التوجه الجنسي"),
    ),
    "criminal": (
        ("criminal", "criminal_record", "criminal_records", "conviction", "convictions",
         "offence", "offences", "offense", "offenses", "police_record", "arrest", "arrests",
         "arrest_record", "prior_convictions", "judicial_record"),
        (r"\bcriminal", r"\bconviction", r"\boffen[cs]e", r"\bpolice record", r"\barrest",
         r"السوابق", r"جنائي", r"الأحكام القضائية", r"إدان"),
    ),
    "health": (
        ("diagnosis", "diagnoses", "diagnosis_code", "icd10", "icd_10", "icd_code", "symptom",
         "symptoms", "allergy", "allergies", "blood_type", "blood_group", "disability",
         "disabilities", "pregnancy", "pregnant", "hiv", "hiv_status", "vaccination",
         "vaccinations", "immunisation", "immunization", "medical_history", "medical_condition",
         "medical_conditions", "medical_notes", "medical_note", "medical_report",
         "medical_certificate", "health_condition", "health_status", "illness", "disease",
         "diseases", "chronic_condition", "chronic_conditions", "mental_health", "psychiatric",
         "treatment", "treatments", "clinical_notes", "clinical_note", "sick_note", "sick_leave",
         "lab_result", "lab_results", "test_result", "test_results", "prescription",
         "prescriptions", "medications", "current_medications"),
        (r"\bdiagnos", r"\bsymptom", r"\baller(gy|gies)\b", r"\bblood (type|group)", r"\bdisabilit",
         r"\bpregnan", r"\bHIV\b", r"\bvaccin", r"\bmedical (history|condition|notes?|report|certificate)",
         r"\bhealth (condition|status)", r"\billness", r"\bdisease", r"\bmental health",
         r"تشخيص", r"أعراض", r"الحساسيات", r"حساسية (من|ضد)", r"الحساسية (الدوائية|الغذائية)",
         r"فصيلة الدم", r"إعاق", r"\bالحمل\b", r"\bحمل\b", r"تطعيم", r"لقاح",
         r"التاريخ المرضي", r"الحالة الصحية", r"\bمرض", r"\bالمرض", r"\bأمراض", r"\bالأمراض",
         r"\bعلاج", r"\bالعلاج", r"تقرير طبي", r"شهادة طبية"),
    ),
}

# Sensitive authentication data (PCI DSS requirement 3.3.1): never stored after authorisation.
AUTHENTICATION_DATA: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "verification_code": (
        ("cvv", "cvv2", "cvc", "cvc2", "cav2", "cid", "csc", "cvn", "cvn2", "cvd", "cvv_code",
         "cvc_code", "card_code", "card_cvv", "card_cvc", "card_csc", "card_security_code",
         "card_verification_code", "card_verification_value", "card_verification_number",
         "security_code", "verification_value", "card_security_number"),
        (r"\bCV[VC]2?\b", r"\bCSC\b", r"\bCID\b", r"\bCAV2\b", r"\bcard (security|verification) (code|value|number)",
         r"\bsecurity code\b", r"رمز التحقق", r"رمز الأمان", r"الرقم السري للبطاقة"),
    ),
    "pin": (
        ("pin", "card_pin", "pin_code", "pin_block", "pinblock", "atm_pin", "pin_number",
         "encrypted_pin", "pin_hash"),
        (r"\bPIN\b", r"\bPIN block", r"الرقم السري", r"رمز PIN"),
    ),
    "track_data": (
        ("track", "track1", "track2", "track_1", "track_2", "track_data", "track1_data",
         "track2_data", "full_track", "full_track_data", "magnetic_stripe", "mag_stripe",
         "magstripe", "magstripe_data", "stripe_data", "chip_data", "emv_data"),
        (r"\btrack ?[12]?\b.*\bdata\b", r"\bmagnetic stripe", r"\bmag ?stripe", r"\bchip data",
         r"الشريط الممغنط", r"بيانات الشريحة"),
    ),
}

# "security_code" and "verification_value" mean a card code only where the entity holds card
# data; elsewhere (door codes, e-mail verification) they are something else.
_CARD_CONTEXT_ONLY = frozenset({"security_code", "verification_value", "pin", "pin_code",
                                "pin_number", "track", "cid"})


def _compile(table: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    compiled = []
    for kind, (names, labels) in table.items():
        # a name matches when one of the phrases stands in it as whole words
        words = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        compiled.append((
            kind,
            re.compile(rf"(?:^|_)(?:{words})(?:_|$)"),
            re.compile("|".join(labels), re.IGNORECASE),
        ))
    return compiled


_SPECIAL = _compile(SPECIAL_CATEGORIES)
_AUTHENTICATION = _compile(AUTHENTICATION_DATA)
_CARD_WORDS = re.compile(r"(?:^|_)(card|pan|payment|cardholder)(?:_|$)")


def special_category(fld: EntityField) -> str | None:
    """The special category of personal data a field's name or label points at, if any.

    A reference holds the link, not the data: it is judged on the entity it points at."""
    if fld.type is FieldType.reference:
        return None
    for kind, name, label in _SPECIAL:
        if name.search(fld.name) or any(label.search(text) for text in (fld.label.en, fld.label.ar)):
            return kind
    return None


def authentication_data(fld: EntityField, card_context: bool) -> str | None:
    """The kind of sensitive authentication data a field holds, if its name or label says so.

    ``card_context``: the entity holds card data (or the field's name speaks of cards), which
    is what makes an ambiguous name such as ``security_code`` a card code."""
    if fld.type is FieldType.reference:
        return None
    in_context = card_context or bool(_CARD_WORDS.search(fld.name))
    for kind, name, label in _AUTHENTICATION:
        found = name.search(fld.name)
        if found:
            word = found.group(0).strip("_")
            if word not in _CARD_CONTEXT_ONLY or in_context:
                return kind
        if in_context and any(label.search(text) for text in (fld.label.en, fld.label.ar)):
            return kind
    return None

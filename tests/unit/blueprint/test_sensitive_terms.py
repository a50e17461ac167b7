"""What field names and labels say about the data: hits under common names in both
languages, and the look-alikes that must not be taken for sensitive data."""

from __future__ import annotations

import pytest

from app.domain.blueprint.model import EntityField, LocalizedText, Role, is_self_service
from app.domain.blueprint.sensitive_terms import authentication_data, special_category


def fld(name: str, en: str = "", ar: str = "تسمية", type_: str = "string") -> EntityField:
    return EntityField(name=name, label=LocalizedText(en=en or name.replace("_", " "), ar=ar), type=type_)


@pytest.mark.parametrize(("name", "en", "ar", "kind"), [
    ("religion", "", "تسمية", "religion"),
    ("religious_belief", "", "تسمية", "religion"),
    ("x1", "Faith", "تسمية", "religion"),
    ("x2", "Notes", "الديانة", "religion"),
    ("ethnic_origin", "", "تسمية", "ethnicity"),
    ("tribe", "", "تسمية", "ethnicity"),
    ("x3", "Notes", "القبيلة", "ethnicity"),
    ("fingerprint", "", "تسمية", "biometric"),
    ("x4", "Scan", "بصمة الوجه", "biometric"),
    ("dna_profile", "", "تسمية", "genetic"),
    ("political_party", "", "تسمية", "political"),
    ("union_membership", "", "تسمية", "trade_union"),
    ("sexual_orientation", "", "تسمية", "sex_life"),
    ("criminal_record", "", "تسمية", "criminal"),
    ("prior_convictions", "", "تسمية", "criminal"),
    ("x5", "Notes", "السوابق", "criminal"),
    ("primary_diagnosis", "", "تسمية", "health"),
    ("allergies", "", "تسمية", "health"),
    ("blood_type", "", "تسمية", "health"),
    ("x6", "Notes", "التاريخ المرضي", "health"),
    ("x7", "Notes", "فصيلة الدم", "health"),
])
def test_special_categories_under_common_names(name: str, en: str, ar: str, kind: str) -> None:
    assert special_category(fld(name, en, ar)) == kind


@pytest.mark.parametrize(("name", "en", "ar"), [
    ("nationality", "Nationality", "الجنسية"),  # not a special category
    ("debt_amount", "Debt", "مبلغ الدين"),  # الدَّين is a debt, not a religion
    ("city", "City", "الطائف"),  # a city
    ("medical_record_number", "MRN", "رقم الملف الطبي"),  # an identifier
    ("nurse_name", "Nurse", "اسم الممرضة"),
    ("data_sensitivity", "Sensitivity", "درجة الحساسية"),
    ("download_count", "Downloads", "عدد مرات التحميل"),
    ("full_name", "Full name", "الاسم الكامل"),
    ("terms", "Terms", "الشروط"),
    ("politically_exposed", "Politically exposed person", "شخص معرّض سياسيًا"),  # AML status
])
def test_look_alikes_are_not_special_categories(name: str, en: str, ar: str) -> None:
    assert special_category(fld(name, en, ar)) is None


def test_a_reference_is_judged_on_the_entity_it_points_at() -> None:
    link = EntityField(name="diagnosis", label=LocalizedText(en="Diagnosis", ar="التشخيص"),
                       type="reference", reference="diagnosis")
    assert special_category(link) is None


@pytest.mark.parametrize(("name", "card", "kind"), [
    ("cvv", False, "verification_code"),
    ("cvc2", False, "verification_code"),
    ("card_security_code", False, "verification_code"),
    ("security_code", True, "verification_code"),
    ("pin_block", False, "pin"),
    ("card_pin", False, "pin"),
    ("pin", True, "pin"),
    ("track2_data", False, "track_data"),
    ("magnetic_stripe", False, "track_data"),
])
def test_sensitive_authentication_data(name: str, card: bool, kind: str) -> None:
    assert authentication_data(fld(name), card) == kind


@pytest.mark.parametrize("name", ["security_code", "pin", "door_code", "email_verification_code", "shipping_track"])
def test_ambiguous_names_outside_card_data_are_not_card_codes(name: str) -> None:
    assert authentication_data(fld(name), card_context=False) is None


@pytest.mark.parametrize(("name", "expected"), [
    ("patient", True), ("students", True), ("citizen", True), ("customer_portal", True),
    ("portal_member", True), ("student_affairs_officer", False), ("doctor", False),
    ("registrar", False), ("customer_service_agent", False),
])
def test_self_service_roles_by_name(name: str, expected: bool) -> None:
    assert is_self_service(Role(name=name, label=LocalizedText(en="R", ar="د"))) is expected


def test_a_declared_self_service_flag_wins_over_the_name() -> None:
    label = LocalizedText(en="R", ar="د")
    assert is_self_service(Role(name="portal", label=label, self_service=True))
    assert not is_self_service(Role(name="patient", label=label, self_service=False))

"""The offline planner on a table of requests, half of them Arabic: the domain, the
frameworks, the region and the entities must be right, and every proposal must validate
(schema, rules and the shipped compliance packs)."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.assist.intents import IntentKind, analyse
from app.domain.assist.planner import plan_change
from app.domain.blueprint.validation import validate_document
from app.store.resource_files import load_builtin_packs, load_template

SA_RIYADH = ("on_premises", "riyadh-dc1", "SA")
SA_JEDDAH = ("on_premises", "jeddah-dc1", "SA")
SA_DAMMAM = ("on_premises", "dammam-dc1", "SA")
FSN1 = ("hetzner", "fsn1", "DE")
NBG1 = ("hetzner", "nbg1", "DE")
HEL1 = ("hetzner", "hel1", "FI")
ASH = ("hetzner", "ash", "US")
DUBAI = ("on_premises", "dubai-dc1", "AE")
CAIRO = ("on_premises", "cairo-dc1", "EG")

# text, domain, frameworks, (provider, region, country), entities that must be in the result
TABLE: list[tuple[str, str, set[str], tuple[str, str, str], set[str]]] = [
    ("clinic booking platform in Riyadh with Arabic UI", "healthcare", {"hipaa", "pdpl"}, SA_RIYADH, {"appointment"}),
    ("منصة حجز مواعيد لعيادة في الرياض", "healthcare", {"hipaa", "pdpl"}, SA_RIYADH, {"appointment"}),
    ("A hospital platform in Frankfurt for patients and doctors", "healthcare", {"hipaa", "gdpr"}, FSN1, {"patient"}),
    ("مستشفى في فرانكفورت مع المرضى والأطباء", "healthcare", {"hipaa", "gdpr"}, FSN1, {"patient"}),
    ("dental clinic in Jeddah with appointments and invoices", "healthcare", {"hipaa", "pdpl"}, SA_JEDDAH, {"appointment", "invoice"}),
    ("عيادة أسنان في جدة مع المواعيد والفواتير", "healthcare", {"hipaa", "pdpl"}, SA_JEDDAH, {"appointment", "invoice"}),
    ("pharmacy system in Dammam with prescriptions and medications", "healthcare", {"hipaa", "pdpl"}, SA_DAMMAM, {"prescription", "medication"}),
    ("نظام صيدلية في الدمام للوصفات الطبية والأدوية", "healthcare", {"hipaa", "pdpl"}, SA_DAMMAM, {"prescription", "medication"}),
    ("telemedicine platform hosted in Helsinki with lab results", "healthcare", {"hipaa", "gdpr"}, HEL1, {"lab_result"}),
    ("منصة رعاية صحية في هلسنكي مع نتائج المختبر", "healthcare", {"hipaa", "gdpr"}, HEL1, {"lab_result"}),
    ("medical clinic in Ashburn with appointments", "healthcare", {"hipaa"}, ASH, {"appointment"}),
    ("عيادة طبية في أمريكا مع المواعيد", "healthcare", {"hipaa"}, ASH, {"appointment"}),
    ("digital bank in Riyadh with customers and loans", "financial", {"pci_dss", "pdpl"}, SA_RIYADH, {"customer", "financing"}),
    ("بنك رقمي في الرياض للعملاء والقروض", "financial", {"pci_dss", "pdpl"}, SA_RIYADH, {"customer", "financing"}),
    ("digital wallet in Berlin with card payments", "financial", {"pci_dss", "gdpr"}, FSN1, {"transaction"}),
    ("محفظة رقمية في برلين مع مدفوعات بالبطاقات", "financial", {"pci_dss", "gdpr"}, FSN1, {"transaction"}),
    ("microfinance lending platform in Cairo with customers", "financial", {"pci_dss"}, CAIRO, {"customer", "financing"}),
    ("منصة تمويل وقروض في القاهرة", "financial", {"pci_dss"}, CAIRO, {"financing"}),
    ("banking app in Munich with support tickets", "financial", {"pci_dss", "gdpr"}, NBG1, {"support_ticket"}),
    ("تطبيق مصرفي في ميونخ مع تذاكر الدعم", "financial", {"pci_dss", "gdpr"}, NBG1, {"support_ticket"}),
    ("municipality portal in Jeddah for permits and complaints for citizens", "government", {"pdpl"}, SA_JEDDAH, {"permit", "complaint"}),
    ("بوابة بلدية في جدة للتصاريح والشكاوى للمواطنين", "government", {"pdpl"}, SA_JEDDAH, {"permit", "complaint"}),
    ("ministry e-services in Riyadh with appointments and documents", "government", {"pdpl"}, SA_RIYADH, {"appointment", "application_document"}),
    ("خدمات حكومية لوزارة في الرياض مع المواعيد والمستندات", "government", {"pdpl"}, SA_RIYADH, {"appointment", "application_document"}),
    ("government permits platform in Nuremberg with inspectors", "government", {"gdpr"}, NBG1, {"permit"}),
    ("منصة تصاريح حكومية في نورنبرغ مع المفتشين", "government", {"gdpr"}, NBG1, {"permit"}),
    ("citizen complaints system in Dubai", "government", set(), DUBAI, {"complaint"}),
    ("نظام شكاوى المواطنين في دبي", "government", set(), DUBAI, {"complaint"}),
    ("university portal in Helsinki with courses, exams and attendance", "education", {"gdpr"}, HEL1, {"course", "assessment", "attendance"}),
    ("بوابة جامعة في هلسنكي مع المقررات والاختبارات والحضور", "education", {"gdpr"}, HEL1, {"course", "assessment", "attendance"}),
    ("school management system in Riyadh with students, teachers and parents", "education", {"pdpl"}, SA_RIYADH, {"student"}),
    ("نظام إدارة مدرسة في الرياض للطلاب والمعلمين وأولياء الأمور", "education", {"pdpl"}, SA_RIYADH, {"student"}),
    ("online academy in Frankfurt with courses and tuition payments", "education", {"pci_dss", "gdpr"}, FSN1, {"course"}),
    ("أكاديمية تعليم في فرانكفورت مع دورات ودفع إلكتروني", "education", {"pci_dss", "gdpr"}, FSN1, {"course"}),
    ("kindergarten platform in Jeddah with attendance", "education", {"pdpl"}, SA_JEDDAH, {"attendance"}),
    ("منصة روضة أطفال في جدة مع الحضور", "education", {"pdpl"}, SA_JEDDAH, {"attendance"}),
    ("HR system for our company in Berlin with employees and leave requests", "enterprise", {"gdpr"}, FSN1, {"employee", "leave_request"}),
    ("نظام موارد بشرية لشركة في برلين للموظفين والإجازات", "enterprise", {"gdpr"}, FSN1, {"employee", "leave_request"}),
    ("intranet in Helsinki with projects and tasks", "enterprise", {"gdpr"}, HEL1, {"project", "task"}),
    ("بوابة داخلية لشركة في هلسنكي مع المشاريع والمهام", "enterprise", {"gdpr"}, HEL1, {"project", "task"}),
    ("procurement platform in Dammam with suppliers and purchase orders", "enterprise", {"pdpl"}, SA_DAMMAM, {"vendor", "purchase_order"}),
    ("منصة مشتريات لشركة في الدمام مع الموردين وطلبات الشراء", "enterprise", {"pdpl"}, SA_DAMMAM, {"vendor", "purchase_order"}),
    ("ERP for a company in Dubai with inventory and invoices", "enterprise", set(), DUBAI, {"inventory_item", "invoice"}),
    ("نظام موارد لشركة في دبي مع المخزون والفواتير", "enterprise", set(), DUBAI, {"inventory_item", "invoice"}),
    ("payroll platform in Singapore for employees", "enterprise", set(), ("hetzner", "sin", "SG"), {"employee"}),
    ("نظام رواتب في سنغافورة للموظفين", "enterprise", set(), ("hetzner", "sin", "SG"), {"employee"}),
    ("clinic platform in Riyadh with online payments", "healthcare", {"pci_dss", "hipaa", "pdpl"}, SA_RIYADH, set()),
    ("عيادة في الرياض مع الدفع الإلكتروني", "healthcare", {"pci_dss", "hipaa", "pdpl"}, SA_RIYADH, set()),
]

_ARABIC = sum(1 for row in TABLE if any("\u0600" <= ch <= "\u06ff" for ch in row[0]))


def test_table_is_large_and_half_arabic() -> None:
    assert len(TABLE) >= 40
    assert len(TABLE) <= _ARABIC * 2


def _region(document: dict[str, Any]) -> set[tuple[str, str, str]]:
    from app.domain.blueprint.model import HETZNER_REGIONS

    return {(e["provider"], e["region"], e.get("country") or HETZNER_REGIONS[e["region"]])
            for e in document["environments"]}


@pytest.mark.parametrize(("text", "domain", "frameworks", "region", "entities"), TABLE,
                         ids=[f"{i:02d}" for i in range(len(TABLE))])
def test_planner(text: str, domain: str, frameworks: set[str], region: tuple[str, str, str],
                 entities: set[str]) -> None:
    intent = analyse(text, has_blueprint=False)
    assert intent.kind is IntentKind.create
    assert intent.domain == domain
    plan = plan_change(intent, load_template(domain), new=True, owner="Owner")
    assert set(plan.frameworks) == frameworks
    assert _region(plan.document) == {region}
    assert plan.document["data_residency"] == [region[2]]
    assert entities <= set(plan.entities)
    assert entities <= {e["name"] for e in plan.document["entities"]}
    blueprint, report = validate_document(plan.document, load_builtin_packs())
    assert blueprint is not None
    assert report.errors == [], [f.code + " " + f.path for f in report.errors]
    if region[2] in {"SA", "AE", "EG"}:
        assert plan.document["default_locale"] == "ar"
        assert plan.document["default_direction"] == "rtl"


def test_deterministic() -> None:
    first = plan_change(analyse(TABLE[1][0], False), load_template("healthcare"), new=True, owner="o")
    second = plan_change(analyse(TABLE[1][0], False), load_template("healthcare"), new=True, owner="o")
    assert first.ops == second.ops

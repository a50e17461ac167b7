"""Entities and roles the offline planner can add, with the words that name them.

An entity the blueprint already has (under its own name or an alias, e.g. a template's
``purchase_order`` for "orders") is not added twice. Fields are complete, valid blueprint
fields; reference fields are added only when their target exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.domain.assist.text import Phrase, phrases

PERSONAL = ("personal", "sensitive_health", "payment_card")


def _f(name: str, kind: str, en: str, ar: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "label": {"en": en, "ar": ar}, "type": kind, **extra}


def _status(*values: str, default: str | None = None) -> dict[str, Any]:
    spec = _f("status", "enum", "Status", "الحالة", enum_values=list(values))
    spec["default"] = default or values[0]
    return spec


_NAME = _f("name", "string", "Name", "الاسم", required=True, max_length=150)
_FULL_NAME = _f("full_name", "string", "Full name", "الاسم الكامل", required=True, max_length=150,
                classification="personal")
_MOBILE = _f("mobile", "string", "Mobile number", "رقم الجوال", max_length=20,
             classification="personal", storage="encrypted")
_EMAIL = _f("email", "string", "Email", "البريد الإلكتروني", max_length=254,
            classification="personal", storage="encrypted")


def _money(name: str, en: str, ar: str, **extra: Any) -> dict[str, Any]:
    # The currency is filled in by the planner from the platform's country.
    return _f(name, "money", en, ar, precision=12, scale=2, minimum=0, currency="{currency}", **extra)


@dataclass(frozen=True)
class EntitySpec:
    name: str
    label: tuple[str, str]
    plural: tuple[str, str]
    terms: tuple[Phrase, ...]
    fields: tuple[dict[str, Any], ...]
    aliases: tuple[str, ...] = ()
    # reference field name -> the entities it may point at, in order of preference
    links: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def personal(self) -> bool:
        return any(f.get("classification") in PERSONAL for f in self.fields)


@dataclass(frozen=True)
class RoleSpec:
    name: str
    label: tuple[str, str]
    terms: tuple[Phrase, ...]
    aliases: tuple[str, ...] = ()
    self_service: bool = False  # sees and creates only its own records
    grants: tuple[str, ...] = field(default=("list", "read"))
    # what the role works with when the message names no entity (those that exist)
    usual: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


_PATIENT_LINK = ("patient", ("patient",))
_CUSTOMER_LINK = ("customer", ("customer", "client"))

ENTITIES: tuple[EntitySpec, ...] = (
    EntitySpec("appointment", ("Appointment", "موعد"), ("Appointments", "المواعيد"), phrases(
        "appointment", "booking", "reservation", "موعد", "مواعيد", "حجز", "حجوزات"), (
        _f("scheduled_at", "datetime", "Scheduled at", "وقت الموعد", required=True, indexed=True),
        _f("duration_minutes", "integer", "Duration (minutes)", "المدة بالدقائق", minimum=5, maximum=480),
        _status("booked", "confirmed", "cancelled", "completed", "no_show"),
        _f("notes", "text", "Notes", "ملاحظات", max_length=1000, classification="personal",
           storage="encrypted")),
        aliases=("booking", "reservation"),
        links=(_PATIENT_LINK, ("practitioner", ("practitioner", "doctor")), _CUSTOMER_LINK)),
    EntitySpec("patient", ("Patient", "مريض"), ("Patients", "المرضى"), phrases(
        "patient", "مريض", "مرضى"), (
        _f("medical_record_number", "string", "Medical record number", "رقم الملف الطبي",
           required=True, unique=True, max_length=20, classification="personal"),
        _FULL_NAME, _f("date_of_birth", "date", "Date of birth", "تاريخ الميلاد",
                       classification="personal"), _MOBILE)),
    EntitySpec("prescription", ("Prescription", "وصفة طبية"), ("Prescriptions", "الوصفات الطبية"),
        phrases("prescription", "وصفة", "وصفات", "وصفات طبية"), (
        _f("medication_name", "string", "Medication", "الدواء", required=True, max_length=150,
           classification="sensitive_health", storage="encrypted"),
        _f("dosage", "string", "Dosage", "الجرعة", max_length=100,
           classification="sensitive_health", storage="encrypted"),
        _f("issued_at", "datetime", "Issued at", "وقت الإصدار", required=True)),
        links=(_PATIENT_LINK,)),
    EntitySpec("lab_result", ("Laboratory result", "نتيجة مختبر"), ("Laboratory results", "نتائج المختبر"),
        phrases("lab result", "lab results", "laboratory result", "test results", "نتائج المختبر",
                "تحاليل", "نتائج التحاليل"), (
        _f("test_name", "string", "Test", "الفحص", required=True, max_length=150),
        _f("result", "text", "Result", "النتيجة", max_length=4000,
           classification="sensitive_health", storage="encrypted"),
        _f("collected_at", "datetime", "Collected at", "وقت سحب العينة", required=True)),
        links=(_PATIENT_LINK,)),
    EntitySpec("medication", ("Medication", "دواء"), ("Medications", "الأدوية"), phrases(
        "medication", "medicine", "drug", "دواء", "أدوية"), (
        _NAME, _f("dosage_form", "string", "Dosage form", "الشكل الصيدلاني", max_length=60),
        _money("unit_price", "Unit price", "سعر الوحدة"))),
    EntitySpec("invoice", ("Invoice", "فاتورة"), ("Invoices", "الفواتير"), phrases(
        "invoice", "billing", "فاتورة", "فواتير", "فوترة"), (
        _f("invoice_number", "string", "Invoice number", "رقم الفاتورة", required=True,
           unique=True, max_length=30),
        _f("issued_on", "date", "Issued on", "تاريخ الإصدار", required=True),
        _money("total", "Total", "الإجمالي", required=True),
        _status("draft", "issued", "paid", "void")),
        aliases=("tuition_invoice",), links=(_PATIENT_LINK, _CUSTOMER_LINK)),
    EntitySpec("payment", ("Payment", "دفعة"), ("Payments", "المدفوعات"), phrases(
        "payment", "مدفوعات", "دفعة", "دفعات"), (
        _money("amount", "Amount", "المبلغ", required=True),
        _f("paid_at", "datetime", "Paid at", "وقت الدفع"),
        _f("provider_reference", "string", "Payment provider reference", "مرجع مزوّد الدفع",
           max_length=100),
        _status("pending", "succeeded", "failed", "refunded")),
        aliases=("fee_payment", "transaction"), links=(("invoice", ("invoice", "tuition_invoice")),)),
    EntitySpec("product", ("Product", "منتج"), ("Products", "المنتجات"), phrases(
        "product", "منتج", "منتجات"), (
        _NAME, _f("sku", "string", "SKU", "رمز المنتج", required=True, unique=True, max_length=40),
        _money("price", "Price", "السعر", required=True),
        _f("stock", "integer", "Stock", "المخزون", minimum=0))),
    EntitySpec("order", ("Order", "طلب"), ("Orders", "الطلبات"), phrases(
        "order", "طلبات الشراء", "طلب شراء"), (
        _f("order_number", "string", "Order number", "رقم الطلب", required=True, unique=True,
           max_length=30),
        _f("placed_at", "datetime", "Placed at", "وقت الطلب", required=True),
        _money("total", "Total", "الإجمالي", required=True),
        _status("placed", "paid", "shipped", "delivered", "cancelled")),
        aliases=("purchase_order",), links=(_CUSTOMER_LINK,)),
    EntitySpec("customer", ("Customer", "عميل"), ("Customers", "العملاء"), phrases(
        "customer", "client", "عميل", "عملاء", "زبون", "زبائن"), (_FULL_NAME, _MOBILE, _EMAIL),
        aliases=("client",)),
    EntitySpec("student", ("Student", "طالب"), ("Students", "الطلاب"), phrases(
        "student", "pupil", "طالب", "طلاب", "طالبات"), (
        _f("student_number", "string", "Student number", "الرقم الجامعي", required=True,
           unique=True, max_length=20, classification="personal"), _FULL_NAME, _EMAIL)),
    EntitySpec("course", ("Course", "مقرر"), ("Courses", "المقررات"), phrases(
        "courses", "online course", "مقرر", "مقررات", "دورة", "دورات"), (
        _f("code", "string", "Code", "الرمز", required=True, unique=True, max_length=20),
        _f("title", "string", "Title", "العنوان", required=True, max_length=150),
        _f("credits", "integer", "Credits", "الساعات المعتمدة", minimum=0, maximum=60))),
    EntitySpec("assessment", ("Assessment", "اختبار"), ("Assessments", "الاختبارات"), phrases(
        "exam", "assessment", "quiz", "اختبار", "اختبارات", "امتحان", "امتحانات"), (
        _f("title", "string", "Title", "العنوان", required=True, max_length=150),
        _f("held_on", "date", "Held on", "التاريخ"),
        _f("max_score", "integer", "Maximum score", "الدرجة العظمى", minimum=1, maximum=1000)),
        links=(("course", ("course",)),)),
    EntitySpec("attendance", ("Attendance record", "سجل حضور"), ("Attendance", "الحضور"), phrases(
        "attendance", "حضور", "الحضور والغياب"), (
        _f("recorded_on", "date", "Date", "التاريخ", required=True),
        _status("present", "absent", "late", "excused")),
        links=(("student", ("student",)), ("employee", ("employee",)))),
    EntitySpec("employee", ("Employee", "موظف"), ("Employees", "الموظفون"), phrases(
        "employee", "staff member", "موظف", "موظفين", "موظفون"), (
        _f("employee_number", "string", "Employee number", "الرقم الوظيفي", required=True,
           unique=True, max_length=20), _FULL_NAME, _EMAIL)),
    EntitySpec("leave_request", ("Leave request", "طلب إجازة"), ("Leave requests", "طلبات الإجازة"),
        phrases("leave request", "vacation", "annual leave", "leave management", "إجازة", "إجازات"), (
        _f("starts_on", "date", "Starts on", "تاريخ البداية", required=True),
        _f("ends_on", "date", "Ends on", "تاريخ النهاية", required=True),
        _status("requested", "approved", "rejected", "cancelled")),
        links=(("employee", ("employee",)),)),
    EntitySpec("project", ("Project", "مشروع"), ("Projects", "المشاريع"), phrases(
        "project", "مشروع", "مشاريع"), (
        _NAME, _f("starts_on", "date", "Starts on", "تاريخ البداية"),
        _status("planned", "active", "on_hold", "done"))),
    EntitySpec("task", ("Task", "مهمة"), ("Tasks", "المهام"), phrases("task", "مهمة", "مهام"), (
        _f("title", "string", "Title", "العنوان", required=True, max_length=200),
        _f("due_on", "date", "Due on", "تاريخ الاستحقاق"),
        _status("open", "in_progress", "done")), links=(("project", ("project",)),)),
    EntitySpec("ticket", ("Support ticket", "تذكرة دعم"), ("Support tickets", "تذاكر الدعم"), phrases(
        "ticket", "support ticket", "helpdesk", "تذكرة", "تذاكر", "تذاكر الدعم"), (
        _f("subject", "string", "Subject", "الموضوع", required=True, max_length=200),
        _f("body", "text", "Description", "الوصف", max_length=4000, classification="personal"),
        _status("open", "pending", "resolved", "closed")),
        aliases=("support_ticket", "support_request")),
    EntitySpec("complaint", ("Complaint", "شكوى"), ("Complaints", "الشكاوى"), phrases(
        "complaint", "شكوى", "شكاوى", "بلاغ", "بلاغات"), (
        _f("subject", "string", "Subject", "الموضوع", required=True, max_length=200),
        _f("details", "text", "Details", "التفاصيل", max_length=4000, classification="personal"),
        _status("received", "in_review", "resolved", "rejected"))),
    EntitySpec("permit", ("Permit", "تصريح"), ("Permits", "التصاريح"), phrases(
        "permit", "licence", "license", "تصريح", "تصاريح", "رخصة", "رخص"), (
        _f("permit_number", "string", "Permit number", "رقم التصريح", required=True, unique=True,
           max_length=30),
        _f("issued_on", "date", "Issued on", "تاريخ الإصدار"),
        _f("expires_on", "date", "Expires on", "تاريخ الانتهاء"),
        _status("requested", "issued", "suspended", "expired"))),
    EntitySpec("loan", ("Loan", "قرض"), ("Loans", "القروض"), phrases("loan", "lending", "قرض", "قروض"), (
        _money("principal", "Principal", "أصل المبلغ", required=True),
        _f("term_months", "integer", "Term (months)", "المدة بالأشهر", minimum=1, maximum=480),
        _f("annual_rate", "decimal", "Annual rate (%)", "النسبة السنوية", precision=5, scale=2,
           minimum=0),
        _status("applied", "approved", "disbursed", "repaid", "defaulted")),
        aliases=("financing",), links=(_CUSTOMER_LINK,)),
    EntitySpec("room", ("Room", "غرفة"), ("Rooms", "الغرف"), phrases("room", "غرفة", "غرف"), (
        _f("number", "string", "Number", "الرقم", required=True, unique=True, max_length=20),
        _f("capacity", "integer", "Capacity", "السعة", minimum=1, maximum=1000))),
    EntitySpec("vehicle", ("Vehicle", "مركبة"), ("Vehicles", "المركبات"), phrases(
        "vehicle", "fleet", "مركبة", "مركبات", "سيارات"), (
        _f("plate_number", "string", "Plate number", "رقم اللوحة", required=True, unique=True,
           max_length=20),
        _f("model", "string", "Model", "الطراز", max_length=80))),
    EntitySpec("document", ("Document", "مستند"), ("Documents", "المستندات"), phrases(
        "document", "مستند", "مستندات", "وثائق"), (
        _f("title", "string", "Title", "العنوان", required=True, max_length=200),
        _f("file", "file", "File", "الملف", required=True, max_size_mb=50,
           allowed_media_types=["application/pdf", "image/jpeg", "image/png"])),
        aliases=("policy_document", "application_document", "kyc_document")),
    EntitySpec("review", ("Review", "تقييم"), ("Reviews", "التقييمات"), phrases(
        "rating", "feedback", "تقييم", "تقييمات"), (
        _f("rating", "integer", "Rating", "التقييم", required=True, minimum=1, maximum=5),
        _f("comment", "text", "Comment", "التعليق", max_length=2000, classification="personal"))),
    EntitySpec("member", ("Member", "عضو"), ("Members", "الأعضاء"), phrases(
        "member", "membership", "عضو", "أعضاء", "عضوية"), (_FULL_NAME, _EMAIL,
        _f("joined_on", "date", "Joined on", "تاريخ الانضمام"))),
    EntitySpec("vendor", ("Supplier", "مورّد"), ("Suppliers", "المورّدون"), phrases(
        "supplier", "vendor", "مورد", "موردين", "موردون"), (
        _NAME, _f("tax_number", "string", "Tax number", "الرقم الضريبي", max_length=30))),
    EntitySpec("inventory_item", ("Inventory item", "صنف مخزون"), ("Inventory", "المخزون"), phrases(
        "inventory", "stock item", "مخزون", "المخزون"), (
        _NAME, _f("quantity", "integer", "Quantity", "الكمية", minimum=0, required=True))),
)

ROLES: tuple[RoleSpec, ...] = (
    RoleSpec("doctor", ("Doctor", "طبيب"), phrases(
        "doctor", "physician", "طبيب", "أطباء", "دكتور", "دكاترة", "طبيبة"), aliases=("physician",),
        grants=("list", "read", "update"), usual=("patient", "appointment", "prescription", "lab_result")),
    RoleSpec("nurse", ("Nurse", "ممرض"), phrases(
        "nurse", "ممرض", "ممرضة", "ممرضين", "ممرضات", "تمريض"), usual=("patient", "appointment")),
    RoleSpec("pharmacist", ("Pharmacist", "صيدلي"), phrases("pharmacist", "صيدلي", "صيادلة"), usual=("prescription", "medication")),
    RoleSpec("receptionist", ("Receptionist", "موظف استقبال"), phrases(
        "receptionist", "front desk", "موظف استقبال", "موظفي الاستقبال", "استقبال"),
        grants=("list", "read", "create", "update"), usual=("appointment", "patient", "customer")),
    RoleSpec("patient", ("Patient", "مريض"), phrases("patient", "مريض", "مرضى"), self_service=True, usual=("appointment", "prescription", "lab_result", "invoice")),
    RoleSpec("admin", ("Administrator", "مدير النظام"), phrases(
        "admin", "administrator", "مدير النظام", "مسؤول النظام"),
        grants=("list", "read", "create", "update", "delete")),
    RoleSpec("teacher", ("Teacher", "معلم"), phrases(
        "teacher", "instructor", "lecturer", "معلم", "معلمين", "معلمة", "معلمات", "مدرس",
        "مدرسين", "أستاذ", "أساتذة"), aliases=("lecturer", "instructor"),
        grants=("list", "read", "update"), usual=("course", "student", "assessment", "attendance")),
    RoleSpec("student", ("Student", "طالب"), phrases("student", "pupil", "طالب", "طلاب", "طالبات"),
             self_service=True, usual=("course", "enrolment", "assessment")),
    RoleSpec("parent", ("Parent", "ولي أمر"), phrases(
        "parent", "guardian", "ولي أمر", "أولياء الأمور", "أولياء أمور"), self_service=True, usual=("student", "attendance", "assessment")),
    RoleSpec("customer", ("Customer", "عميل"), phrases(
        "customer", "client", "عميل", "عملاء", "زبون", "زبائن"), aliases=("client",),
        self_service=True, usual=("order", "invoice", "account", "ticket")),
    RoleSpec("employee", ("Employee", "موظف"), phrases("employee", "موظف", "موظفين", "موظفون"),
             self_service=True, usual=("leave_request", "timesheet_entry", "expense_claim", "task")),
    RoleSpec("manager", ("Manager", "مدير"), phrases("manager", "مدير", "مديرين", "مدراء"),
             grants=("list", "read", "update", "approve"), usual=("leave_request", "project", "task", "employee")),
    RoleSpec("accountant", ("Accountant", "محاسب"), phrases(
        "accountant", "finance officer", "محاسب", "محاسبين"), aliases=("finance_officer",), usual=("invoice", "payment", "expense_claim")),
    RoleSpec("citizen", ("Citizen", "مواطن"), phrases("citizen", "مواطن", "مواطنين", "مواطنون"),
             aliases=("applicant",), self_service=True, usual=("application", "permit", "complaint", "appointment")),
    RoleSpec("inspector", ("Inspector", "مفتش"), phrases("inspector", "مفتش", "مفتشين", "مراقب"), usual=("inspection", "permit", "establishment")),
    RoleSpec("auditor", ("Auditor", "مدقق"), phrases("auditor", "مدقق", "مدققين"), usual=("transaction", "invoice", "payment")),
    RoleSpec("driver", ("Driver", "سائق"), phrases("driver", "سائق", "سائقين"), usual=("vehicle", "order")),
    RoleSpec("support_agent", ("Support agent", "موظف دعم"), phrases(
        "support agent", "موظف دعم", "الدعم الفني"), grants=("list", "read", "update"), usual=("ticket", "support_ticket", "support_request", "complaint", "customer")),
)

CURRENCIES = {"SA": "SAR", "DE": "EUR", "FI": "EUR", "FR": "EUR", "NL": "EUR", "US": "USD",
              "AE": "AED", "EG": "EGP", "SG": "SGD", "KW": "KWD", "QA": "QAR", "BH": "BHD",
              "OM": "OMR", "JO": "JOD"}

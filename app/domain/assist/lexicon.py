"""What the offline planner recognises: domains, places, frameworks, interface languages
and the verbs that tell one intent from another, in English and Arabic.

Every phrase is normalised (``text.normalise``) before it is compared, so spelling
variants of Arabic letters and diacritics need not be listed twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.assist.text import Phrase, phrases

DOMAINS = ("healthcare", "financial", "government", "education", "enterprise")

# (domain, weight, phrases): strong words name the domain, weak ones only lean towards it.
DOMAIN_CUES: tuple[tuple[str, int, tuple[Phrase, ...]], ...] = (
    ("healthcare", 3, phrases(
        "clinic", "hospital", "medical", "healthcare", "health care", "patient", "dental",
        "dentist", "pharmacy", "telemedicine", "health", "polyclinic",
        "عيادة", "عيادات", "مستشفى", "مستشفيات", "طبي", "طبية", "صحي", "صحية", "مريض",
        "مرضى", "أسنان", "صيدلية", "صيدليات", "رعاية صحية", "مجمع طبي", "مستوصف")),
    ("healthcare", 1, phrases("doctor", "nurse", "laboratory", "طبيب", "أطباء", "ممرض", "مختبر")),
    ("financial", 3, phrases(
        "bank", "banking", "fintech", "wallet", "lending", "loan", "microfinance", "remittance",
        "brokerage", "neobank", "بنك", "بنوك", "مصرف", "مصرفية", "مصرفي", "محفظة", "تمويل",
        "قروض", "قرض", "حوالات", "صرافة", "تقسيط")),
    ("financial", 1, phrases(
        "finance", "financial", "transactions", "accounts", "cards", "مالية", "مالي",
        "معاملات", "حسابات")),
    ("government", 3, phrases(
        "government", "ministry", "municipality", "municipal", "permit", "citizen", "e government",
        "public services", "licensing", "حكومي", "حكومية", "وزارة", "بلدية", "أمانة", "تصاريح",
        "تصريح", "مواطن", "مواطنين", "خدمات حكومية", "رخص بناء", "جهة حكومية")),
    ("education", 3, phrases(
        "school", "university", "college", "academy", "student", "e learning", "lms", "courses",
        "teacher", "kindergarten", "مدرسة", "مدارس", "جامعة", "كلية", "أكاديمية", "طلاب", "طالب",
        "مقررات", "تعليم", "تعليمية", "تعليمي", "معلمين", "معلم", "روضة أطفال", "طالبات")),
    ("education", 1, phrases("training", "classes", "تدريب", "دورات")),
    ("enterprise", 3, phrases(
        "hr", "human resources", "employee", "intranet", "erp", "crm", "payroll", "procurement",
        "timesheet", "enterprise", "corporate", "موارد بشرية", "موظفين", "موظف", "رواتب",
        "مشتريات", "إجازات", "شركة", "الشركة")),
    ("enterprise", 1, phrases("company", "projects", "staff", "مشاريع")),
)


@dataclass(frozen=True)
class Subject:
    """What the platform is, for its name and key."""

    slug: str
    en: str
    ar: str


SUBJECTS: tuple[tuple[tuple[Phrase, ...], Subject], ...] = (
    (phrases("dental clinic", "عيادة أسنان"), Subject("dental", "Dental clinic", "عيادة أسنان")),
    (phrases("clinic", "polyclinic", "عيادة", "عيادات", "مستوصف", "مجمع طبي"), Subject("clinic", "Clinic", "عيادة")),
    (phrases("hospital", "مستشفى", "مستشفيات"), Subject("hospital", "Hospital", "مستشفى")),
    (phrases("pharmacy", "صيدلية", "صيدليات"), Subject("pharmacy", "Pharmacy", "صيدلية")),
    (phrases("wallet", "محفظة"), Subject("wallet", "Digital wallet", "محفظة رقمية")),
    (phrases("bank", "neobank", "بنك", "مصرف"), Subject("bank", "Bank", "بنك")),
    (phrases("microfinance", "lending", "loan", "تمويل", "قروض"), Subject("lending", "Lending", "تمويل")),
    (phrases("municipality", "بلدية", "أمانة"), Subject("municipality", "Municipality", "بلدية")),
    (phrases("ministry", "وزارة"), Subject("ministry", "Ministry", "وزارة")),
    (phrases("university", "جامعة", "college", "كلية"), Subject("university", "University", "جامعة")),
    (phrases("school", "مدرسة", "مدارس", "kindergarten", "روضة أطفال"), Subject("school", "School", "مدرسة")),
    (phrases("academy", "أكاديمية"), Subject("academy", "Academy", "أكاديمية")),
    (phrases("company", "شركة", "الشركة"), Subject("company", "Company", "شركة")),
)
DOMAIN_SUBJECTS: dict[str, Subject] = {
    "healthcare": Subject("health", "Health", "صحية"),
    "financial": Subject("finance", "Finance", "مالية"),
    "government": Subject("e-services", "Government services", "خدمات حكومية"),
    "education": Subject("learning", "Learning", "تعليمية"),
    "enterprise": Subject("workplace", "Workplace", "أعمال"),
}
DOMAIN_NAMES_AR = {"healthcare": "الرعاية الصحية", "financial": "الخدمات المالية",
                   "government": "الخدمات الحكومية", "education": "التعليم",
                   "enterprise": "المؤسسات"}


@dataclass(frozen=True)
class Place:
    """Where the platform's servers stand."""

    en: str
    ar: str
    country: str
    provider: str  # "hetzner" or "on_premises"
    region: str


def _sa(en: str, ar: str, region: str) -> Place:
    return Place(en, ar, "SA", "on_premises", region)


def _onprem(en: str, ar: str, country: str, region: str) -> Place:
    return Place(en, ar, country, "on_premises", region)


def _hetzner(en: str, ar: str, country: str, region: str) -> Place:
    return Place(en, ar, country, "hetzner", region)


PLACES: tuple[tuple[tuple[Phrase, ...], Place], ...] = (
    (phrases("riyadh", "الرياض"), _sa("Riyadh", "الرياض", "riyadh-dc1")),
    (phrases("jeddah", "jedda", "جدة"), _sa("Jeddah", "جدة", "jeddah-dc1")),
    (phrases("dammam", "khobar", "dhahran", "الدمام", "الخبر", "الظهران"), _sa("Dammam", "الدمام", "dammam-dc1")),
    (phrases("makkah", "mecca", "مكة"), _sa("Makkah", "مكة المكرمة", "makkah-dc1")),
    (phrases("madinah", "medina", "المدينة المنورة"), _sa("Madinah", "المدينة المنورة", "madinah-dc1")),
    (phrases("saudi arabia", "saudi", "ksa", "السعودية", "المملكة العربية السعودية", "المملكة"),
     _sa("Saudi Arabia", "السعودية", "riyadh-dc1")),
    (phrases("frankfurt", "فرانكفورت"), _hetzner("Frankfurt", "فرانكفورت", "DE", "fsn1")),
    (phrases("berlin", "برلين"), _hetzner("Berlin", "برلين", "DE", "fsn1")),
    (phrases("falkenstein"), _hetzner("Falkenstein", "فالكنشتاين", "DE", "fsn1")),
    (phrases("munich", "munchen", "ميونخ", "ميونيخ"), _hetzner("Munich", "ميونخ", "DE", "nbg1")),
    (phrases("nuremberg", "nurnberg", "نورنبرغ", "نورنبيرغ"), _hetzner("Nuremberg", "نورنبرغ", "DE", "nbg1")),
    (phrases("germany", "deutschland", "ألمانيا"), _hetzner("Germany", "ألمانيا", "DE", "fsn1")),
    (phrases("helsinki", "هلسنكي"), _hetzner("Helsinki", "هلسنكي", "FI", "hel1")),
    (phrases("finland", "فنلندا"), _hetzner("Finland", "فنلندا", "FI", "hel1")),
    (phrases("ashburn", "virginia", "فرجينيا"), _hetzner("Ashburn", "آشبورن", "US", "ash")),
    (phrases("hillsboro", "oregon", "أوريغون"), _hetzner("Hillsboro", "هيلزبورو", "US", "hil")),
    (phrases("united states", "usa", "america", "الولايات المتحدة", "أمريكا", "امريكا"),
     _hetzner("United States", "الولايات المتحدة", "US", "ash")),
    (phrases("singapore", "سنغافورة"), _hetzner("Singapore", "سنغافورة", "SG", "sin")),
    (phrases("dubai", "دبي"), _onprem("Dubai", "دبي", "AE", "dubai-dc1")),
    (phrases("abu dhabi", "أبوظبي", "أبو ظبي"), _onprem("Abu Dhabi", "أبوظبي", "AE", "abudhabi-dc1")),
    (phrases("uae", "emirates", "الإمارات"), _onprem("United Arab Emirates", "الإمارات", "AE", "dubai-dc1")),
    (phrases("cairo", "القاهرة"), _onprem("Cairo", "القاهرة", "EG", "cairo-dc1")),
    (phrases("egypt", "مصر"), _onprem("Egypt", "مصر", "EG", "cairo-dc1")),
    (phrases("kuwait", "الكويت"), _onprem("Kuwait", "الكويت", "KW", "kuwait-dc1")),
    (phrases("doha", "qatar", "الدوحة", "قطر"), _onprem("Doha", "الدوحة", "QA", "doha-dc1")),
    (phrases("manama", "bahrain", "المنامة", "البحرين"), _onprem("Manama", "المنامة", "BH", "manama-dc1")),
    (phrases("muscat", "oman", "مسقط", "عمان"), _onprem("Muscat", "مسقط", "OM", "muscat-dc1")),
    (phrases("amman", "jordan", "الأردن"), _onprem("Amman", "عمّان", "JO", "amman-dc1")),
    (phrases("paris", "france", "باريس", "فرنسا"), _onprem("Paris", "باريس", "FR", "paris-dc1")),
    (phrases("amsterdam", "netherlands", "أمستردام", "هولندا"), _onprem("Amsterdam", "أمستردام", "NL", "amsterdam-dc1")),
)

FRAMEWORK_CUES: tuple[tuple[str, tuple[Phrase, ...]], ...] = (
    ("hipaa", phrases("hipaa", "هيبا")),
    ("gdpr", phrases("gdpr", "general data protection regulation", "اللائحة العامة لحماية البيانات")),
    ("pci_dss", phrases("pci", "pci dss", "pcidss", "pci-dss")),
    ("pdpl", phrases("pdpl", "personal data protection law", "نظام حماية البيانات الشخصية")),
)
# Taking card payments brings PCI DSS with it.
PAYMENT_CUES = phrases(
    "payment", "payments", "pay online", "credit card", "card payments", "checkout", "mada",
    "دفع", "مدفوعات", "الدفع الإلكتروني", "بطاقات ائتمان", "بطاقة ائتمان", "بطاقات", "مدى", "سداد")

ARABIC_UI = phrases(
    "arabic", "rtl", "right to left", "بالعربية", "باللغة العربية", "عربي", "عربية", "العربية",
    "واجهة عربية")
ENGLISH_UI = phrases(
    "english", "ltr", "بالإنجليزية", "باللغة الإنجليزية", "إنجليزي", "إنجليزية", "الإنجليزية",
    "الانجليزية", "انجليزي")
ONLY = phrases("only", "فقط")

# Intent verbs and question words.
DEPLOY = phrases(
    "deploy", "deployment", "go live", "publish", "roll out", "push to production",
    "انشر", "نشر", "انشرها", "انشره", "النشر", "إطلاق المنصة", "شغلها", "رفع للإنتاج")
EXPLAIN = phrases(
    "explain", "what is", "what are", "what does", "why", "describe", "tell me about", "meaning",
    "اشرح", "وضح", "ما هو", "ما هي", "ماذا", "لماذا", "ما معنى", "صف", "اشرحي", "فسر")
COST = phrases(
    "cost", "costs", "price", "pricing", "how much", "budget", "monthly bill", "expensive",
    "تكلفة", "كلفة", "سعر", "أسعار", "كم يكلف", "كم تكلف", "ميزانية", "تكاليف")
COMPLIANCE_Q = phrases(
    "compliant", "compliance", "comply", "meet", "satisfy", "متوافق", "متوافقة", "امتثال",
    "يمتثل", "تمتثل", "مطابق")
QUESTION = phrases("is", "are", "does", "do", "can", "will", "هل", "كيف", "how")
CREATE = phrases(
    "create", "build", "make", "new", "start", "set up", "setup", "i need", "i want", "design",
    "generate", "draft", "أنشئ", "انشئ", "ابن", "ابني", "اصنع", "أريد", "اريد", "أحتاج", "احتاج",
    "صمم", "جديد", "جديدة", "نريد", "بناء", "إنشاء")
MODIFY = phrases(
    "add", "remove", "delete", "change", "rename", "move", "switch", "enable", "disable",
    "turn on", "turn off", "update", "include", "also", "أضف", "اضف", "أضيفي", "احذف", "أزل",
    "غير", "انقل", "فعل", "عطل", "عدل", "أضيف", "إضافة", "اضافة", "تغيير", "نقل")
REMOVE = phrases("remove", "delete", "drop", "احذف", "أزل", "إزالة", "حذف")
PLATFORM = phrases("platform", "system", "portal", "app", "application", "منصة", "نظام", "بوابة", "تطبيق")

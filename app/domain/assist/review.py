"""Smart suggestions: a rule-based review of a blueprint in four categories.

Each category gets a score (100 is nothing to suggest), its reasoning and suggestions; a
suggestion with operations can become a proposal and go through the same accept/reject
path as any other. Claude's review adds its own suggestions beside these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.domain.assist.planner import country_frameworks
from app.domain.assist.remediation import fix_for
from app.domain.blueprint.findings import Severity, ValidationReport
from app.domain.blueprint.model import EU_EEA, HETZNER_REGIONS
from app.domain.plurals import count

CATEGORIES = ("security", "performance", "compliance", "best_practice")
TITLES = {"security": ("Security", "الأمان"), "performance": ("Performance", "الأداء"),
          "compliance": ("Compliance", "الامتثال"), "best_practice": ("Best practice", "أفضل الممارسات")}
PERSONAL = {"personal", "sensitive_health", "payment_card", "special_category"}


@dataclass(frozen=True)
class Suggestion:
    id: str
    category: str
    title_en: str
    title_ar: str
    reasoning_en: str
    reasoning_ar: str
    penalty: int
    operations: tuple[dict[str, Any], ...] = ()
    source: str = "rules"  # "rules" or "claude"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "category": self.category, "source": self.source,
                "title": {"en": self.title_en, "ar": self.title_ar},
                "reasoning": {"en": self.reasoning_en, "ar": self.reasoning_ar},
                "operations": list(self.operations), "proposable": bool(self.operations)}


@dataclass(frozen=True)
class CategoryReview:
    category: str
    score: int
    reasoning_en: str
    reasoning_ar: str
    suggestions: tuple[Suggestion, ...] = ()

    def to_json(self) -> dict[str, Any]:
        en, ar = TITLES[self.category]
        return {"category": self.category, "title": {"en": en, "ar": ar}, "score": self.score,
                "reasoning": {"en": self.reasoning_en, "ar": self.reasoning_ar},
                "suggestions": [s.to_json() for s in self.suggestions]}


@dataclass
class _Collector:
    items: list[Suggestion] = field(default_factory=list)

    def add(self, category: str, sid: str, en: str, ar: str, why_en: str, why_ar: str,
            penalty: int, ops: list[dict[str, Any]] | None = None) -> None:
        self.items.append(Suggestion(sid, category, en, ar, why_en, why_ar, penalty, tuple(ops or ())))


def _country(env: dict[str, Any]) -> str | None:
    if env.get("country"):
        return str(env["country"])
    return HETZNER_REGIONS.get(str(env.get("region"))) if env.get("provider") == "hetzner" else None


def _security(doc: dict[str, Any], out: _Collector) -> None:
    for ei, entity in enumerate(doc.get("entities", [])):
        name = entity.get("name")
        personal = [f for f in entity.get("fields", []) if f.get("classification") in PERSONAL]
        if not personal:
            continue
        plain = [f["name"] for f in personal if f.get("storage", "plain") == "plain"]
        if plain and not entity.get("encrypted_at_rest"):
            out.add("security", f"security.encrypt.{name}", f"Encrypt «{name}» at rest",
                    f"تشفير «{name}» أثناء التخزين",
                    f"Personal fields of «{name}» ({', '.join(plain[:4])}) are stored plain.",
                    f"حقول شخصية في «{name}» ({', '.join(plain[:4])}) مخزنة دون تشفير.", 8,
                    [{"op": "add" if "encrypted_at_rest" not in entity else "replace",
                      "path": f"/entities/{ei}/encrypted_at_rest", "value": True}])
        if not entity.get("audit_log"):
            out.add("security", f"security.audit.{name}", f"Log access to «{name}»",
                    f"تسجيل الوصول إلى «{name}»",
                    f"«{name}» holds personal data but reads and changes are not audit-logged.",
                    f"يحفظ «{name}» بيانات شخصية ولا تُسجَّل قراءتها وتعديلها في سجل التدقيق.", 4,
                    [{"op": "add" if "audit_log" not in entity else "replace",
                      "path": f"/entities/{ei}/audit_log", "value": True}])
    for ni, env in enumerate(doc.get("environments", [])):
        if env.get("name") == "production" and not env.get("encryption_at_rest"):
            out.add("security", "security.env-encryption", "Encrypt production disks",
                    "تشفير أقراص بيئة الإنتاج",
                    "The production environment is not encrypted at rest.",
                    "بيئة الإنتاج غير مشفرة أثناء التخزين.", 15,
                    [{"op": "add" if "encryption_at_rest" not in env else "replace",
                      "path": f"/environments/{ni}/encryption_at_rest", "value": True}])


def _performance(doc: dict[str, Any], out: _Collector) -> None:
    for ei, entity in enumerate(doc.get("entities", [])):
        for fi, fld in enumerate(entity.get("fields", [])):
            if fld.get("type") == "reference" and not fld.get("indexed") and not fld.get("unique"):
                where = f"{entity.get('name')}.{fld.get('name')}"
                out.add("performance", f"performance.index.{where}", f"Index «{where}»",
                        f"فهرسة «{where}»",
                        "Lists filtered by this reference scan the whole table without an index.",
                        "القوائم المصفاة بهذا المرجع تمسح الجدول كاملًا دون فهرس.", 3,
                        [{"op": "add" if "indexed" not in fld else "replace",
                          "path": f"/entities/{ei}/fields/{fi}/indexed", "value": True}])
    for ni, env in enumerate(doc.get("environments", [])):
        if env.get("name") == "production" and int(env.get("replicas", 1)) < 2:
            out.add("performance", "performance.replicas", "Run two production replicas",
                    "تشغيل نسختين في بيئة الإنتاج",
                    "One replica means any restart or failure takes the platform offline.",
                    "نسخة واحدة تعني توقف المنصة عند أي إعادة تشغيل أو عطل.", 15,
                    [{"op": "add" if "replicas" not in env else "replace",
                      "path": f"/environments/{ni}/replicas", "value": 2}])


def _compliance(doc: dict[str, Any], report: ValidationReport, out: _Collector) -> None:
    for finding in report.sorted():
        if finding.source in ("parse", "schema", "rule") or finding.severity is Severity.info:
            continue
        penalty = 15 if finding.severity is Severity.error else 5
        out.add("compliance", f"compliance.{finding.code}.{finding.path}", finding.message_en,
                finding.message_ar, finding.remediation_en or finding.message_en,
                finding.remediation_ar or finding.message_ar, penalty, fix_for(finding, doc))
    countries = {c for c in (_country(e) for e in doc.get("environments", [])) if c}
    personal = any(f.get("classification") in PERSONAL
                   for e in doc.get("entities", []) for f in e.get("fields", []))
    missing = sorted(country_frameworks(countries) - set(doc.get("compliance", [])))
    if personal and missing:
        order = ["pci_dss", "hipaa", "gdpr", "pdpl"]
        wanted = [f for f in order if f in set(doc.get("compliance", [])) | set(missing)]
        eu = "the EU/EEA" if countries & EU_EEA else "Saudi Arabia"
        out.add("compliance", "compliance.frameworks", f"Declare {', '.join(missing).upper()}",
                f"إعلان {', '.join(missing).upper()}",
                f"The servers stand in {eu} and the platform holds personal data, so "
                f"{', '.join(missing).upper()} applies; declaring it turns on its checks.",
                f"تقع الخوادم في {'الاتحاد الأوروبي' if countries & EU_EEA else 'السعودية'} وتحفظ المنصة "
                f"بيانات شخصية، فينطبق {', '.join(missing).upper()}؛ وإعلانه يفعّل فحوصه.", 20,
                [{"op": "add" if "compliance" not in doc else "replace", "path": "/compliance",
                  "value": wanted}])


def _best_practice(doc: dict[str, Any], report: ValidationReport, out: _Collector) -> None:
    for ni, env in enumerate(doc.get("environments", [])):
        if env.get("name") == "production" and not env.get("backups"):
            out.add("best_practice", "best.backups", "Back up production", "نسخ بيئة الإنتاج احتياطيًا",
                    "Without backups a failed disk loses the platform's data.",
                    "من دون نسخ احتياطية يضيع كل شيء عند تلف قرص.", 15,
                    [{"op": "add" if "backups" not in env else "replace",
                      "path": f"/environments/{ni}/backups", "value": True},
                     {"op": "add", "path": f"/environments/{ni}/backup_retention_days", "value": 30}]
                    if "backup_retention_days" not in env else
                    [{"op": "replace" if "backups" in env else "add",
                      "path": f"/environments/{ni}/backups", "value": True}])
    locales = doc.get("locales", [])
    if len(locales) == 1:
        other = "en" if locales[0] == "ar" else "ar"
        out.add("best_practice", "best.locales", f"Offer the interface in {other}",
                f"إتاحة الواجهة بلغة {other}",
                "The console and its platforms are bilingual; one language leaves people out.",
                "الكونسول ومنصاته ثنائية اللغة؛ ولغة واحدة تستبعد بعض المستخدمين.", 5,
                [{"op": "add", "path": "/locales/-", "value": other}])
    paged = {p.get("entity") for p in doc.get("pages", [])}
    for entity in doc.get("entities", []):
        if entity.get("name") not in paged:
            out.add("best_practice", f"best.page.{entity.get('name')}",
                    f"No page shows «{entity.get('name')}»", f"لا صفحة تعرض «{entity.get('name')}»",
                    "Data no page shows can only be reached through the API.",
                    "البيانات التي لا تعرضها أي صفحة لا يُوصل إليها إلا عبر الواجهة البرمجية.", 2)
    if not doc.get("description"):
        out.add("best_practice", "best.description", "Describe the platform", "وصف المنصة",
                "A description helps approvers and generated documentation.",
                "يساعد الوصف المعتمِدين والتوثيق المولَّد.", 2)
    for finding in report.findings:
        if finding.source == "rule" and finding.severity is Severity.warning:
            out.add("best_practice", f"best.{finding.code}.{finding.path}", finding.message_en,
                    finding.message_ar, finding.message_en, finding.message_ar, 5,
                    fix_for(finding, doc))


def _score(items: list[Suggestion]) -> int:
    return max(0, 100 - min(100, sum(s.penalty for s in items)))


def review(document: dict[str, Any], report: ValidationReport) -> list[CategoryReview]:
    """The rule-based review of ``document`` (with its validation ``report``)."""
    out = _Collector()
    _security(document, out)
    _performance(document, out)
    _compliance(document, report, out)
    _best_practice(document, report, out)
    result = []
    for category in CATEGORIES:
        ordered = tuple(sorted((s for s in out.items if s.category == category),
                               key=lambda s: -s.penalty))
        if ordered:
            en = f"{count(len(ordered), 'suggestion')}; the most important: {ordered[0].title_en}."
            ar = f"{count(len(ordered), 'suggestion', 'ar')}؛ أهمها: {ordered[0].title_ar}."
        else:
            en, ar = "Nothing to suggest.", "لا اقتراحات."
        result.append(CategoryReview(category, _score(list(ordered)), en, ar, ordered))
    return result


"""What the console can say without a model: explanations of blueprint nodes, findings and
constitution rules, and short answers to cost, compliance and overview questions.

Each answer is a pair (English, Arabic); the chat shows the one in the owner's language.
With Claude available these facts are handed to it for a fuller explanation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app.domain.blueprint.findings import Finding, Severity, ValidationReport, pointer_parts
from app.domain.plurals import count

ERASURE_AR = {"none": "لا محو", "delete": "الحذف عند الطلب", "anonymise": "إخفاء الهوية عند الطلب"}
PERSONAL = {"personal", "sensitive_health", "payment_card", "special_category"}


@dataclass(frozen=True)
class Answer:
    en: str
    ar: str

    def text(self, language: str) -> str:
        return self.ar if language == "ar" else self.en


def _node(document: Any, path: str) -> Any:
    node = document
    for part in pointer_parts(path):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(path)
    return node


def _grants(document: dict[str, Any], entity: str) -> list[str]:
    found = []
    for role in document.get("roles", []):
        for perm in role.get("permissions", []):
            if perm.get("entity") == entity:
                own = " (own records)" if perm.get("own_records_only") else ""
                found.append(f"{role.get('name')}: {', '.join(perm.get('actions', []))}{own}")
    return found


def explain_node(document: dict[str, Any], path: str) -> Answer:
    """Facts about the node at ``path`` (a JSON Pointer); KeyError if there is none."""
    node = _node(document, path)
    parts = pointer_parts(path)
    if len(parts) == 2 and parts[0] == "entities" and isinstance(node, dict):
        return _entity(document, node)
    if len(parts) == 4 and parts[2] == "fields" and isinstance(node, dict):
        return _field(node, str(_node(document, "/" + "/".join(parts[:2]))["name"]))
    if len(parts) == 2 and parts[0] == "environments" and isinstance(node, dict):
        return _environment(node)
    if len(parts) == 2 and parts[0] == "roles" and isinstance(node, dict):
        perms = [f"{p.get('entity')}: {', '.join(p.get('actions', []))}" for p in node.get("permissions", [])]
        listed = "; ".join(perms) or "none"
        return Answer(f"Role «{node.get('name')}» may: {listed}.",
                      f"الدور «{node.get('name')}» يملك: {listed}.")
    text = json.dumps(node, ensure_ascii=False)
    text = text if len(text) <= 600 else text[:597] + "…"
    return Answer(f"{path or '/'} is {text}", f"{path or '/'} قيمته {text}")


def _entity(document: dict[str, Any], entity: dict[str, Any]) -> Answer:
    name = entity.get("name")
    fields = entity.get("fields", [])
    personal = [f["name"] for f in fields if f.get("classification") in PERSONAL]
    grants = "; ".join(_grants(document, str(name))) or "no role"
    flags_en = [w for w, on in (("audit-logged", entity.get("audit_log")),
                                ("encrypted at rest", entity.get("encrypted_at_rest"))) if on]
    flags_ar = [w for w, on in (("مسجَّل في سجل التدقيق", entity.get("audit_log")),
                                ("مشفّر أثناء التخزين", entity.get("encrypted_at_rest"))) if on]
    keep = entity.get("retention_days")
    en = (f"Entity «{name}» ({entity.get('label', {}).get('en', name)}) has {count(len(fields), 'field')}"
          f"{'; personal data in ' + ', '.join(personal) if personal else ''}"
          f"{'; ' + ', '.join(flags_en) if flags_en else ''}"
          f"{f'; kept {keep} days' if keep else ''}; erasure {entity.get('erasure', 'none')}. "
          f"Access: {grants}.")
    ar = (f"الكيان «{name}» ({entity.get('label', {}).get('ar', name)}) فيه {count(len(fields), 'field', 'ar')}"
          f"{'، والبيانات الشخصية في ' + '، '.join(personal) if personal else ''}"
          f"{'؛ ' + '، '.join(flags_ar) if flags_ar else ''}"
          f"{f'؛ يُحتفظ به {keep} يومًا' if keep else ''}؛ طريقة المحو: {ERASURE_AR.get(str(entity.get('erasure', 'none')), entity.get('erasure'))}. "
          f"الصلاحيات: {grants}.")
    return Answer(en, ar)


def _field(fld: dict[str, Any], entity: str) -> Answer:
    kind = fld.get("type")
    ref = f" pointing at «{fld['reference']}»" if fld.get("reference") else ""
    ref_ar = f" يشير إلى «{fld['reference']}»" if fld.get("reference") else ""
    cls = fld.get("classification", "internal")
    storage = fld.get("storage", "plain")
    req = "required" if fld.get("required") else "optional"
    req_ar = "إلزامي" if fld.get("required") else "اختياري"
    return Answer(
        f"Field «{entity}.{fld.get('name')}» is a {req} {kind}{ref}, classified {cls}, stored {storage}.",
        f"الحقل «{entity}.{fld.get('name')}» {req_ar} من نوع {kind}{ref_ar}، تصنيفه {cls} وتخزينه {storage}.")


def _environment(env: dict[str, Any]) -> Answer:
    where = f"{env.get('provider')} {env.get('region')}" + (f" ({env['country']})" if env.get("country") else "")
    backups = f"backups kept {env.get('backup_retention_days', '?')} days" if env.get("backups") else "no backups"
    backups_ar = f"نسخ احتياطية تُحفظ {env.get('backup_retention_days', '?')} يومًا" if env.get("backups") else "دون نسخ احتياطية"
    enc = "encrypted at rest" if env.get("encryption_at_rest") else "not encrypted at rest"
    enc_ar = "مشفّرة أثناء التخزين" if env.get("encryption_at_rest") else "غير مشفّرة أثناء التخزين"
    return Answer(
        f"Environment {env.get('name')} runs on {where}, size {env.get('server_size')}, "
        f"{count(int(env.get('replicas', 1)), 'replica')}, {backups}, {enc}.",
        f"بيئة {env.get('name')} تعمل على {where}، بحجم {env.get('server_size')}، "
        f"و{count(int(env.get('replicas', 1)), 'replica', 'ar')}، {backups_ar}، {enc_ar}.")


def explain_finding(finding: Finding, explanation: Answer | None = None) -> Answer:
    en = f"[{finding.code}] {finding.message_en}"
    ar = f"[{finding.code}] {finding.message_ar}"
    if explanation is not None:
        en, ar = f"{en}\n{explanation.en}", f"{ar}\n{explanation.ar}"
    if finding.remediation_en:
        en += f"\nFix: {finding.remediation_en}"
        ar += f"\nالحل: {finding.remediation_ar or finding.remediation_en}"
    return Answer(en, ar)


def overview(document: dict[str, Any]) -> Answer:
    entities = [e.get("name") for e in document.get("entities", [])]
    roles = [r.get("name") for r in document.get("roles", [])]
    frameworks = ", ".join(document.get("compliance", [])) or "none"
    name = document.get("name", {})
    return Answer(
        f"«{name.get('en', document.get('key'))}» is a {document.get('domain')} platform with "
        f"{count(len(entities), 'entity')} ({', '.join(map(str, entities[:12]))}{'…' if len(entities) > 12 else ''}), "
        f"roles {', '.join(map(str, roles))}, frameworks {frameworks}.",
        f"«{name.get('ar', document.get('key'))}» منصة في مجال {document.get('domain')} فيها "
        f"{count(len(entities), 'entity', 'ar')} ({'، '.join(map(str, entities[:12]))}{'…' if len(entities) > 12 else ''})، "
        f"والأدوار {'، '.join(map(str, roles))}، وأطر الامتثال {frameworks}.")


def cost_answer(document: dict[str, Any]) -> Answer:
    envs = [f"{e.get('name')}: {e.get('replicas', 1)}× {e.get('server_size')} on {e.get('provider')} "
            f"{e.get('region')}" for e in document.get("environments", [])]
    envs_ar = [f"{e.get('name')}: {e.get('replicas', 1)}× {e.get('server_size')} على {e.get('provider')} "
               f"{e.get('region')}" for e in document.get("environments", [])]
    return Answer(
        "What drives the monthly cost: " + "; ".join(envs) + ". The deployment plan prices these "
        "servers for the chosen provider, and AI usage is recorded per call on the cost dashboards.",
        "ما يحدد التكلفة الشهرية: " + "؛ ".join(envs_ar) + ". تسعّر خطة النشر هذه الخوادم لدى المزوّد "
        "المختار، ويُسجَّل استخدام الذكاء الاصطناعي لكل طلب في لوحات التكلفة.")


def compliance_answer(document: dict[str, Any], report: ValidationReport) -> Answer:
    frameworks = document.get("compliance", [])
    errors = [f for f in report.findings if f.severity is Severity.error]
    warnings = [f for f in report.findings if f.severity is Severity.warning]
    listed = ", ".join(frameworks) or "no framework"
    if not errors:
        return Answer(f"The blueprint declares {listed} and passes every check "
                      f"({count(len(warnings), 'warning')}).",
                      f"يعلن المخطط {listed} ويجتاز كل الفحوص ({count(len(warnings), 'warning', 'ar')}).")
    top_en = "; ".join(f"[{f.code}] {f.message_en}" for f in errors[:5])
    top_ar = "؛ ".join(f"[{f.code}] {f.message_ar}" for f in errors[:5])
    return Answer(f"The blueprint declares {listed}; {count(len(errors), 'check')} fail: {top_en}.",
                  f"يعلن المخطط {listed}؛ ولا يجتاز {count(len(errors), 'check', 'ar')}: {top_ar}.")


DEPLOY_HANDOFF = Answer(
    "Deploying is not something the assistant does. Open the deployment flow for this "
    "blueprint: it builds the plan and the cost estimate, asks for the approvals your "
    "constitution requires, and a person starts it.",
    "النشر ليس من عمل المساعد. افتح مسار النشر لهذا المخطط: يُعدّ الخطة وتقدير التكلفة، "
    "ويطلب الموافقات التي يشترطها دستورك، ثم يبدؤه شخص.")
UNKNOWN = Answer(
    "I did not find a platform, change or question in that. Try for example: \"clinic booking "
    "platform in Riyadh with Arabic UI\", \"add prescriptions and pharmacists\", \"move the "
    "servers to Helsinki\", or \"is this blueprint compliant?\"",
    "لم أجد في ذلك منصة أو تعديلًا أو سؤالًا. جرّب مثلًا: «منصة حجز مواعيد لعيادة في الرياض»، "
    "«أضف الوصفات الطبية والصيادلة»، «انقل الخوادم إلى هلسنكي»، أو «هل المخطط متوافق؟»")
NEEDS_BLUEPRINT = Answer(
    "Open or name a blueprint first (--blueprint KEY), or describe a new platform.",
    "افتح مخططًا أولًا أو سمِّه (--blueprint KEY)، أو صِف منصة جديدة.")

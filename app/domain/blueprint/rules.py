"""Cross-field rules: what the schema alone cannot say. Each finding names its place."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from app.domain.bidi import ltr
from app.domain.blueprint.findings import Finding, Severity, pointer
from app.domain.blueprint.model import (
    HETZNER_REGIONS,
    Blueprint,
    EntityField,
    FieldType,
    Locale,
    NavItem,
    OnDelete,
    PageKind,
    Provider,
    Tier,
)


def _error(path: str, code: str, en: str, ar: str) -> Finding:
    return Finding(path=path, code=code, severity=Severity.error, message_en=en, message_ar=ar)


def _warning(path: str, code: str, en: str, ar: str) -> Finding:
    return Finding(path=path, code=code, severity=Severity.warning, message_en=en, message_ar=ar)


def _duplicates(
    names: Iterable[str], base: tuple[str | int, ...], attr: str, what_en: str, what_ar: str
) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name in seen:
            yield _error(
                pointer(*base, index, attr),
                "name.duplicate",
                f"{what_en} {name!r} is defined more than once",
                f"{what_ar} «{name}» معرّف أكثر من مرة",
            )
        seen.add(name)


def check_rules(bp: Blueprint) -> list[Finding]:
    findings: list[Finding] = []
    entity_names = {e.name for e in bp.entities}
    role_names = {r.name for r in bp.roles}
    page_keys = {p.key for p in bp.pages}

    findings += _duplicates((e.name for e in bp.entities), ("entities",), "name", "Entity", "الكيان")
    findings += _duplicates((r.name for r in bp.roles), ("roles",), "name", "Role", "الدور")
    findings += _duplicates((p.key for p in bp.pages), ("pages",), "key", "Page", "الصفحة")
    findings += _duplicates((p.path for p in bp.pages), ("pages",), "path", "Page path", "مسار الصفحة")
    findings += _duplicates((t.key for t in bp.tiers), ("tiers",), "key", "Tier", "الباقة")
    findings += _duplicates(
        (e.name.value for e in bp.environments), ("environments",), "name", "Environment", "البيئة"
    )

    findings += _duplicates(
        (t.country for t in bp.transfers), ("transfers",), "country",
        "A transfer basis for country", "أساس النقل إلى الدولة",
    )
    for index, basis in enumerate(bp.transfers):
        if basis.country not in bp.data_residency:
            findings.append(_error(
                pointer("transfers", index, "country"),
                "transfer.country_not_in_residency",
                f"a transfer basis is recorded for {basis.country}, which data_residency does not list",
                f"سُجّل أساس نقل إلى {ltr(basis.country)} وهي غير مذكورة في الدول المحددة لحفظ البيانات (data_residency)",
            ))

    for framework, count in Counter(bp.compliance).items():
        if count > 1:
            findings.append(_warning(
                "/compliance", "compliance.duplicate",
                f"framework {framework.value} is listed more than once",
                f"الإطار {framework.value} مذكور أكثر من مرة",
            ))

    for ei, entity in enumerate(bp.entities):
        base = ("entities", ei)
        findings += _duplicates((f.name for f in entity.fields), (*base, "fields"), "name", "Field", "الحقل")
        field_names = {f.name for f in entity.fields}
        findings += _duplicates((r.name for r in entity.relations), (*base, "relations"), "name", "Relation", "العلاقة")
        for fi, fld in enumerate(entity.fields):
            findings += _field_rules(fld, (*base, "fields", fi), entity_names)
        for ri, rel in enumerate(entity.relations):
            path = pointer(*base, "relations", ri)
            if rel.target not in entity_names:
                findings.append(_error(
                    path + "/target", "reference.unknown_entity",
                    f"relation {rel.name!r} points at entity {rel.target!r}, which does not exist",
                    f"العلاقة «{rel.name}» تشير إلى الكيان «{rel.target}» وهو غير موجود",
                ))
            if rel.name in field_names:
                findings.append(_error(
                    path + "/name", "name.clash",
                    f"relation {rel.name!r} has the same name as a field of {entity.name!r}",
                    f"العلاقة «{rel.name}» تحمل اسم حقل في الكيان «{entity.name}»",
                ))

    for ri, role in enumerate(bp.roles):
        for pi, perm in enumerate(role.permissions):
            if perm.entity not in entity_names:
                findings.append(_error(
                    pointer("roles", ri, "permissions", pi, "entity"), "reference.unknown_entity",
                    f"role {role.name!r} has permissions on {perm.entity!r}, which is not an entity",
                    f"الدور «{role.name}» له صلاحيات على «{perm.entity}» وهو ليس كيانًا",
                ))
            if len(set(perm.actions)) != len(perm.actions):
                findings.append(_warning(
                    pointer("roles", ri, "permissions", pi, "actions"), "permission.duplicate_action",
                    "an action is listed more than once", "إجراء مذكور أكثر من مرة",
                ))

    for pi, page in enumerate(bp.pages):
        path = pointer("pages", pi)
        if page.entity is not None and page.entity not in entity_names:
            findings.append(_error(
                path + "/entity", "reference.unknown_entity",
                f"page {page.key!r} shows entity {page.entity!r}, which does not exist",
                f"الصفحة «{page.key}» تعرض الكيان «{page.entity}» وهو غير موجود",
            ))
        if page.kind in (PageKind.list, PageKind.detail, PageKind.form) and page.entity is None:
            findings.append(_error(
                path + "/entity", "page.entity_required",
                f"a {page.kind.value} page needs an entity",
                "صفحات القوائم والتفاصيل والنماذج تحتاج إلى كيان",
            ))
        for ri, role_name in enumerate(page.roles):
            if role_name not in role_names:
                findings.append(_error(
                    f"{path}/roles/{ri}", "reference.unknown_role",
                    f"page {page.key!r} is for role {role_name!r}, which does not exist",
                    f"الصفحة «{page.key}» مخصصة للدور «{role_name}» وهو غير موجود",
                ))

    findings += _navigation(bp.navigation, ("navigation",), page_keys)

    for ti, tier in enumerate(bp.tiers):
        findings += _tier_rules(tier, ti, entity_names)

    if bp.default_locale not in bp.locales:
        findings.append(_error(
            "/default_locale", "locale.not_offered",
            f"default locale {bp.default_locale.value!r} is not among the locales",
            f"اللغة الافتراضية «{bp.default_locale.value}» ليست ضمن اللغات",
        ))
    expected_direction = "rtl" if bp.default_locale is Locale.ar else "ltr"
    if bp.default_direction != expected_direction:
        findings.append(_warning(
            "/default_direction", "locale.direction_mismatch",
            f"default locale {bp.default_locale.value} reads {expected_direction}, not {bp.default_direction}",
            f"اللغة الافتراضية {bp.default_locale.value} تُقرأ {expected_direction} وليس {bp.default_direction}",
        ))

    for ni, env in enumerate(bp.environments):
        path = pointer("environments", ni)
        if env.provider is Provider.hetzner and env.region not in HETZNER_REGIONS:
            known = ", ".join(sorted(HETZNER_REGIONS))
            findings.append(_error(
                path + "/region", "environment.unknown_region",
                f"Hetzner has no region {env.region!r} (known: {known})",
                f"لا توجد لدى Hetzner منطقة «{env.region}» (المعروفة: {known})",
            ))
        if env.provider is Provider.on_premises and env.country is None:
            findings.append(_error(
                path + "/country", "environment.country_required",
                "an on-premises environment must say which country its servers stand in",
                "يجب أن تذكر البيئة المحلية الدولة التي توجد فيها الخوادم",
            ))
        if env.backup_retention_days is not None and not env.backups:
            findings.append(_warning(
                path + "/backup_retention_days", "environment.retention_without_backups",
                "a backup retention is set but backups are off",
                "مدة الاحتفاظ بالنسخ الاحتياطية محددة لكن النسخ الاحتياطي معطّل",
            ))
    return findings


def _tier_rules(tier: Tier, ti: int, entities: set[str]) -> Iterator[Finding]:
    for attr in ("limits", "entity_limits"):
        if any(limit < 0 for limit in getattr(tier, attr).values()):
            yield _error(
                pointer("tiers", ti, attr), "tier.negative_limit",
                f"tier {tier.key!r} has a negative limit", f"الباقة «{tier.key}» لها حد سالب",
            )
    for entity in tier.entity_limits:
        if entity not in entities:
            yield _error(
                pointer("tiers", ti, "entity_limits", entity), "reference.unknown_entity",
                f"tier {tier.key!r} limits the records of entity {entity!r}, which does not exist",
                f"الباقة «{tier.key}» تحدّ سجلات الكيان «{entity}» وهو غير موجود",
            )
    if tier.trial_days and tier.price == 0:
        yield _warning(
            pointer("tiers", ti, "trial_days"), "tier.trial_on_free_tier",
            f"tier {tier.key!r} is free; its {tier.trial_days}-day trial changes nothing",
            f"الباقة «{tier.key}» مجانية؛ فترتها التجريبية لا تغيّر شيئًا",
        )


def _navigation(items: list[NavItem], base: tuple[str | int, ...], pages: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    for index, item in enumerate(items):
        if item.page not in pages:
            findings.append(_error(
                pointer(*base, index, "page"), "reference.unknown_page",
                f"navigation points at page {item.page!r}, which does not exist",
                f"التنقل يشير إلى الصفحة «{item.page}» وهي غير موجودة",
            ))
        findings += _navigation(item.children, (*base, index, "children"), pages)
    return findings


_ONLY_FOR: list[tuple[str, tuple[FieldType, ...], str]] = [
    ("currency", (FieldType.money,), "العملة"),
    ("enum_values", (FieldType.enum,), "قيم التعداد"),
    ("reference", (FieldType.reference,), "المرجع"),
    ("on_delete", (FieldType.reference,), "سلوك الحذف"),
    ("max_size_mb", (FieldType.file,), "الحجم الأقصى"),
    ("allowed_media_types", (FieldType.file,), "أنواع الملفات"),
    ("min_length", (FieldType.string, FieldType.text), "الطول الأدنى"),
    ("max_length", (FieldType.string, FieldType.text), "الطول الأقصى"),
    ("pattern", (FieldType.string,), "النمط"),
    ("precision", (FieldType.decimal, FieldType.money), "الدقة"),
    ("scale", (FieldType.decimal, FieldType.money), "المنازل العشرية"),
    ("minimum", (FieldType.integer, FieldType.decimal, FieldType.money), "الحد الأدنى"),
    ("maximum", (FieldType.integer, FieldType.decimal, FieldType.money), "الحد الأقصى"),
]


def _field_rules(fld: EntityField, base: tuple[str | int, ...], entities: set[str]) -> Iterator[Finding]:
    path = pointer(*base)
    name = fld.name
    for attr, types, attr_ar in _ONLY_FOR:
        if getattr(fld, attr) is not None and fld.type not in types:
            allowed = ", ".join(t.value for t in types)
            yield _error(
                f"{path}/{attr}", "field.attribute_not_applicable",
                f"field {name!r} is of type {fld.type.value}; {attr} applies only to {allowed}",
                f"الحقل «{name}» من نوع {fld.type.value}؛ و{attr_ar} ({attr}) يخص الأنواع: {allowed}",
            )
    if fld.type is FieldType.reference:
        if fld.reference is None:
            yield _error(
                f"{path}/reference", "reference.missing",
                f"reference field {name!r} must name the entity it points at",
                f"الحقل المرجعي «{name}» يجب أن يحدد الكيان الذي يشير إليه",
            )
        elif fld.reference not in entities:
            yield _error(
                f"{path}/reference", "reference.unknown_entity",
                f"field {name!r} points at entity {fld.reference!r}, which does not exist",
                f"الحقل «{name}» يشير إلى الكيان «{fld.reference}» وهو غير موجود",
            )
        if fld.on_delete is OnDelete.set_null and fld.required:
            yield _error(
                f"{path}/on_delete", "reference.set_null_required",
                f"field {name!r} is required, so deleting its target cannot set it to null",
                f"الحقل «{name}» إلزامي فلا يمكن جعله فارغًا عند حذف ما يشير إليه",
            )
    if fld.type is FieldType.enum:
        values = fld.enum_values or []
        if not values:
            yield _error(
                f"{path}/enum_values", "enum.empty",
                f"enum field {name!r} needs at least one value",
                f"حقل التعداد «{name}» يحتاج إلى قيمة واحدة على الأقل",
            )
        elif len(set(values)) != len(values):
            yield _error(
                f"{path}/enum_values", "enum.duplicate",
                f"enum field {name!r} lists a value more than once",
                f"حقل التعداد «{name}» يكرر قيمة",
            )
        if fld.default is not None and str(fld.default) not in values:
            yield _error(
                f"{path}/default", "enum.default_unknown",
                f"default {fld.default!r} of field {name!r} is not one of its values",
                f"القيمة الافتراضية للحقل «{name}» ليست من قيمه",
            )
    if fld.type is FieldType.money and fld.currency is None:
        yield _error(
            f"{path}/currency", "money.currency_missing",
            f"money field {name!r} needs a currency (ISO 4217, e.g. SAR)",
            f"حقل المبلغ «{name}» يحتاج إلى عملة (مثل SAR)",
        )
    if fld.min_length is not None and fld.max_length is not None and fld.min_length > fld.max_length:
        yield _error(
            f"{path}/min_length", "range.inverted",
            f"field {name!r}: min_length {fld.min_length} exceeds max_length {fld.max_length}",
            f"الحقل «{name}»: الطول الأدنى {fld.min_length} أكبر من الأقصى {fld.max_length}",
        )
    if fld.minimum is not None and fld.maximum is not None and fld.minimum > fld.maximum:
        yield _error(
            f"{path}/minimum", "range.inverted",
            f"field {name!r}: minimum {fld.minimum} exceeds maximum {fld.maximum}",
            f"الحقل «{name}»: الحد الأدنى {fld.minimum} أكبر من الأقصى {fld.maximum}",
        )
    if fld.precision is not None and fld.scale is not None and fld.scale > fld.precision:
        yield _error(
            f"{path}/scale", "decimal.scale_exceeds_precision",
            f"field {name!r}: scale {fld.scale} exceeds precision {fld.precision}",
            f"الحقل «{name}»: المنازل العشرية {fld.scale} أكثر من الدقة {fld.precision}",
        )
    if fld.pattern is not None:
        import re

        try:
            re.compile(fld.pattern)
        except re.error as exc:
            yield _error(
                f"{path}/pattern", "pattern.invalid",
                f"field {name!r}: the pattern is not a valid regular expression ({exc})",
                f"الحقل «{name}»: النمط ليس تعبيرًا نمطيًا صالحًا",
            )

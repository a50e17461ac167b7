"""Compliance packs: each framework's checks as data, run over a blueprint.

A pack is a YAML text (``resources/compliance/<framework>.yaml``)::

    framework: hipaa                      # a Framework value
    title: {en: ..., ar: ...}
    checks:
      - id: HIPAA-164.312(b)              # unique across every loaded pack
        severity: error                   # error | warning | info
        scope: entity                     # blueprint | entity | field | environment
        match:                            # optional declarative pre-filter, see below
          fields: {classification: [sensitive_health]}
        when: ...                         # optional CEL: the check applies only if true
        require: entity.audit_log         # CEL: a finding when false
        at: audit_log                     # optional attribute appended to the finding's path
        title: {en: "«{entity}» ...", ar: "..."}
        explanation: {en: ..., ar: ...}
        remediation: {en: ..., ar: ...}

CEL variables, by scope:

* every scope: ``blueprint`` (the blueprint in its JSON form, defaults filled in) and
  ``classifications`` (every field classification the blueprint uses);
* ``entity``: ``entity``, with the derived ``classifications`` (of its fields) and
  ``grants`` (``{role, actions, own_records_only}`` for every role permission on it);
* ``field``: ``field`` and its owner ``entity``;
* ``environment``: ``environment``, whose ``country`` is where its servers stand
  (``environment_country``) and ``in_eu_eea`` whether that country is in the EU/EEA;
* ``residency``: ``residency``, one country of ``data_residency`` with ``in_eu_eea`` and
  the ``transfer`` basis recorded for it (``null`` when none is).

A field also has derived ``special_category`` (religion, ethnicity, biometric, genetic,
political, trade_union, sex_life, criminal, health) and ``authentication_data``
(verification_code, pin, track_data): what its name and labels say it holds, whatever its
classification (``sensitive_terms.py``). Each of the entity's ``grants`` says whether its
role is ``self_service`` (the data subjects' own role).

Only the attributes an expression names are handed to CEL, so ``entity.audit_log`` costs
one value, not the entity's fields. ``blueprint.entities`` hands over the whole document on
every evaluation: prefer the entity or field scope, and ``classifications``, instead.

``match`` maps an attribute of the scope element to the values it may have (a list), or to
``{pattern: <regex>}`` matched against the whole value. In the entity scope, ``fields``
maps field attributes the same way and matches when any field of the entity matches all.
Placeholders in the texts: ``{blueprint}``, ``{entity}``, ``{field}``, ``{environment}`` and
``{country}`` (environment and residency scopes), by scope; English and Arabic must use the same ones.

Every expression is compiled once, when the pack is parsed; a pack with a problem is
refused with an error naming the pack, the check and the problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import Enum
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.domain.bidi import ltr
from app.domain.blueprint.document import parse_document
from app.domain.blueprint.findings import Finding, Severity, pointer
from app.domain.blueprint.model import (
    EU_EEA,
    Blueprint,
    Classification,
    Entity,
    EntityField,
    Environment,
    Framework,
    Permission,
    TransferBasis,
    environment_country,
    is_self_service,
)
from app.domain.blueprint.sensitive_terms import authentication_data, special_category
from app.domain.cel_core import compile_expression
from app.domain.errors import WebNovaError

Scope = Literal["blueprint", "entity", "field", "environment", "residency"]
SCOPES: tuple[Scope, ...] = ("blueprint", "entity", "field", "environment", "residency")


class ResidencyEntry(BaseModel):
    """One country of the blueprint's data_residency, as the residency scope sees it."""

    model_config = ConfigDict(frozen=True)

    country: str
    in_eu_eea: bool
    transfer: TransferBasis | None = None

# What each scope hands to CEL, and which model describes each variable.
_SCOPE_VARIABLES: dict[Scope, tuple[str, ...]] = {
    "blueprint": ("blueprint", "classifications"),
    "entity": ("blueprint", "classifications", "entity"),
    "field": ("blueprint", "classifications", "entity", "field"),
    "environment": ("blueprint", "classifications", "environment"),
    "residency": ("blueprint", "classifications", "residency"),
}
_MODELS: dict[str, type[BaseModel]] = {
    "blueprint": Blueprint,
    "entity": Entity,
    "field": EntityField,
    "environment": Environment,
    "residency": ResidencyEntry,
}
_DERIVED: dict[str, frozenset[str]] = {
    "blueprint": frozenset(),
    "entity": frozenset({"classifications", "grants"}),
    "field": frozenset({"special_category", "authentication_data"}),
    "environment": frozenset({"country", "in_eu_eea"}),
    "residency": frozenset(),
}
_PLACEHOLDERS: dict[Scope, frozenset[str]] = {
    "blueprint": frozenset({"blueprint"}),
    "entity": frozenset({"entity"}),
    "field": frozenset({"entity", "field"}),
    "environment": frozenset({"environment", "country"}),
    "residency": frozenset({"country"}),
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_STRING_LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_MACRO_BINDING = re.compile(r"\b(?:all|exists|exists_one|map|filter)\s*\(\s*([A-Za-z_]\w*)\s*,")
CHECK_FAILED = "compliance.check_failed"


class CompliancePackError(WebNovaError, ValueError):
    """A pack that cannot be used; the message names the pack, the check and the problem."""

    def __init__(self, source: str, problem: str, check_id: str | None = None) -> None:
        self.source = source
        self.check_id = check_id
        self.problem = problem
        where = f"compliance pack {source}"
        if check_id:
            where += f", check {check_id}"
        super().__init__(f"{where}: {problem}")


# ------------------------------------------------------------------ pack file shape
class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _TextSpec(_Spec):
    en: str = Field(min_length=1)
    ar: str = Field(min_length=1)


class _CheckSpec(_Spec):
    id: str = Field(pattern=r"^[A-Z][A-Za-z0-9]*(-[A-Za-z0-9.()]+)+$", max_length=80)
    severity: Severity
    scope: Scope
    match: dict[str, Any] = Field(default_factory=dict)
    when: str | None = None
    require: str
    at: str | None = None
    title: _TextSpec
    explanation: _TextSpec
    remediation: _TextSpec


class _PackSpec(_Spec):
    framework: str
    title: _TextSpec
    checks: list[_CheckSpec] = Field(min_length=1)


# ------------------------------------------------------------------ parsed packs
@dataclass(frozen=True)
class LocalizedTemplate:
    en: str
    ar: str

    def render(self, values: Mapping[str, str]) -> tuple[str, str]:
        en, ar = self.en, self.ar
        for name, value in values.items():
            token = "{" + name + "}"
            en = en.replace(token, value)
            ar = ar.replace(token, value)
        return en, ar


Matcher = Callable[[Any], bool]


@dataclass(frozen=True)
class Expression:
    """A compiled CEL expression and the attributes of each variable it reads
    (``None``: the whole value)."""

    program: Any  # a compiled CEL program (cel.Program)
    reads: Mapping[str, frozenset[str] | None]

    @property
    def source(self) -> str:
        return str(self.program.source)


@dataclass(frozen=True)
class PackCheck:
    id: str
    framework: Framework
    severity: Severity
    scope: Scope
    require: Expression
    title: LocalizedTemplate
    explanation: LocalizedTemplate
    remediation: LocalizedTemplate
    when: Expression | None = None
    at: tuple[str, ...] = ()
    # attribute -> test, applied to the scope element (entity scope: ``fields`` on any field)
    match: Mapping[str, Matcher] = field(default_factory=dict)
    field_match: Mapping[str, Matcher] = field(default_factory=dict)
    # classifications the match allows (field scope: the field's; entity scope: any field's)
    classifications: frozenset[str] | None = None
    source: str = ""
    # every variable either expression reads, with the union of the attributes read
    reads: Mapping[str, frozenset[str] | None] = field(default_factory=dict)


@dataclass(frozen=True)
class CompliancePack:
    framework: Framework
    title: LocalizedTemplate
    checks: tuple[PackCheck, ...]
    source: str


def parse_pack(text: str | bytes, source: str) -> CompliancePack:
    """Parse and compile one pack; ``source`` names it in errors (usually its file name)."""
    parsed = parse_document(text, "yaml")
    if parsed.data is None:
        problem = parsed.findings[0].message_en if parsed.findings else "unreadable"
        raise CompliancePackError(source, problem)
    data = parsed.data
    try:
        spec = _PackSpec.model_validate(data)
    except ValidationError as exc:
        raise _spec_error(source, data, exc) from None
    try:
        framework = Framework(spec.framework)
    except ValueError:
        known = ", ".join(f.value for f in Framework)
        raise CompliancePackError(
            source, f"unknown framework {spec.framework!r} (known: {known})"
        ) from None
    _check_arabic(source, None, "title", spec.title)
    seen: set[str] = set()
    checks = []
    for check_spec in spec.checks:
        if check_spec.id in seen:
            raise CompliancePackError(source, "the id is used by another check", check_spec.id)
        seen.add(check_spec.id)
        checks.append(_compile_check(check_spec, framework, source))
    return CompliancePack(
        framework=framework,
        title=LocalizedTemplate(spec.title.en, spec.title.ar),
        checks=tuple(checks),
        source=source,
    )


def _spec_error(source: str, data: Mapping[str, Any], exc: ValidationError) -> CompliancePackError:
    error = exc.errors(include_url=False)[0]
    loc = list(error["loc"])
    check_id: str | None = None
    if len(loc) >= 2 and loc[0] == "checks" and isinstance(loc[1], int):
        raw = data.get("checks")
        item = raw[loc[1]] if isinstance(raw, list) and loc[1] < len(raw) else None
        raw_id = item.get("id") if isinstance(item, dict) else None
        check_id = str(raw_id) if raw_id is not None else f"#{loc[1] + 1}"
        loc = loc[2:]
    where = ".".join(str(part) for part in loc)
    if error["type"] == "missing" and loc and loc[-1] in ("en", "ar"):
        problem = f"missing translation: {where}"
    elif error["type"] == "missing":
        problem = f"missing {where}"
    elif error["type"] == "extra_forbidden":
        problem = f"unknown key {where}"
    elif loc == ["scope"]:
        problem = f"unknown scope {error.get('input')!r} (known: {', '.join(SCOPES)})"
    else:
        problem = f"{where}: {error['msg']}" if where else str(error["msg"])
    return CompliancePackError(source, problem, check_id)


def _check_arabic(source: str, check_id: str | None, name: str, text: _TextSpec) -> None:
    if not _ARABIC.search(text.ar):
        raise CompliancePackError(source, f"missing translation: {name}.ar is not Arabic text", check_id)


def _compile_check(spec: _CheckSpec, framework: Framework, source: str) -> PackCheck:
    def refuse(problem: str) -> CompliancePackError:
        return CompliancePackError(source, problem, spec.id)

    texts = {"title": spec.title, "explanation": spec.explanation, "remediation": spec.remediation}
    allowed = _PLACEHOLDERS[spec.scope]
    for name, text in texts.items():
        _check_arabic(source, spec.id, name, text)
        en, ar = set(_PLACEHOLDER.findall(text.en)), set(_PLACEHOLDER.findall(text.ar))
        if en != ar:
            raise refuse(
                f"{name}: English and Arabic use different placeholders "
                f"({', '.join(sorted(en)) or 'none'} / {', '.join(sorted(ar)) or 'none'})"
            )
        unknown = en - allowed
        if unknown:
            raise refuse(
                f"{name}: unknown placeholder {{{sorted(unknown)[0]}}} "
                f"(the {spec.scope} scope offers: {', '.join(sorted(allowed))})"
            )

    at: tuple[str, ...] = ()
    if spec.at is not None:
        at = tuple(spec.at.split("/"))
        model = _MODELS[spec.scope]
        if not all(re.fullmatch(r"[a-z0-9_]+", part) for part in at):
            raise refuse(f"at: {spec.at!r} is not an attribute name (or a/b/c path of them)")
        if at[0] not in model.model_fields:
            raise refuse(f"at: {spec.scope} has no attribute {at[0]!r}")

    match, field_match, classifications = _compile_match(spec, refuse)
    require = _compile_expression(spec.require, "require", spec.scope, refuse)
    when = _compile_expression(spec.when, "when", spec.scope, refuse) if spec.when else None
    return PackCheck(
        id=spec.id,
        framework=framework,
        severity=spec.severity,
        scope=spec.scope,
        require=require,
        when=when,
        reads=_merge_reads(require, when),
        at=at,
        match=match,
        field_match=field_match,
        classifications=classifications,
        title=LocalizedTemplate(spec.title.en, spec.title.ar),
        explanation=LocalizedTemplate(spec.explanation.en, spec.explanation.ar),
        remediation=LocalizedTemplate(spec.remediation.en, spec.remediation.ar),
        source=source,
    )


def _compile_expression(
    text: str, name: str, scope: Scope, refuse: Callable[[str], CompliancePackError]
) -> Expression:
    try:
        program = compile_expression(text)
    except ValueError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else "syntax error"
        raise refuse(f"{name}: not a valid CEL expression: {first_line}") from None
    offered = _SCOPE_VARIABLES[scope]
    code = _STRING_LITERAL.sub('""', text)
    bound = set(_MACRO_BINDING.findall(code))
    unknown = [v for v in program.variables() if v not in offered and v not in bound]
    if unknown:
        raise refuse(
            f"{name}: unknown variable {unknown[0]!r} (the {scope} scope offers: {', '.join(offered)})"
        )
    reads: dict[str, frozenset[str] | None] = {}
    for variable in offered:
        if variable not in program.variables():
            continue
        attrs = _attributes_read(code, variable)
        if variable in _MODELS and attrs is not None:
            known = set(_MODELS[variable].model_fields) | _DERIVED[variable]
            for attr in sorted(attrs):
                if attr not in known and variable not in bound:
                    raise refuse(f"{name}: {variable} has no attribute {attr!r}")
        reads[variable] = attrs
    return Expression(program=program, reads=reads)


def _merge_reads(*expressions: Expression | None) -> dict[str, frozenset[str] | None]:
    result: dict[str, frozenset[str] | None] = {}
    for expression in expressions:
        if expression is None:
            continue
        for name, attrs in expression.reads.items():
            if name not in result:
                result[name] = attrs
            else:
                known = result[name]
                result[name] = None if known is None or attrs is None else known | attrs
    return result


def _attributes_read(code: str, variable: str) -> frozenset[str] | None:
    """The attributes ``code`` reads of ``variable``; None when it uses the value whole."""
    attrs: set[str] = set()
    usage = rf"(?<![\w.]){re.escape(variable)}\b(?:\s*\.\s*([A-Za-z_]\w*)(\s*\()?)?"
    for found in re.finditer(usage, code):
        if found.group(1) is None or found.group(2) is not None:  # whole value, or a method on it
            return None
        attrs.add(found.group(1))
    return frozenset(attrs)


def _compile_match(
    spec: _CheckSpec, refuse: Callable[[str], CompliancePackError]
) -> tuple[dict[str, Matcher], dict[str, Matcher], frozenset[str] | None]:
    model = _MODELS[spec.scope]
    known = set(model.model_fields) | _DERIVED[spec.scope]
    match: dict[str, Matcher] = {}
    field_match: dict[str, Matcher] = {}
    classifications: frozenset[str] | None = None
    for attr, wanted in spec.match.items():
        if spec.scope == "entity" and attr == "fields":
            if not isinstance(wanted, dict) or not wanted:
                raise refuse("match.fields must map field attributes to the values they may have")
            for field_attr, field_wanted in wanted.items():
                if field_attr not in EntityField.model_fields:
                    raise refuse(f"match.fields: a field has no attribute {field_attr!r}")
                where = f"match.fields.{field_attr}"
                if field_attr == "classification":
                    classifications = _values(field_wanted, EntityField, field_attr, where, refuse)
                else:
                    field_match[field_attr] = _matcher(field_wanted, EntityField, field_attr, where, refuse)
            continue
        if attr not in known:
            raise refuse(f"match: {spec.scope} has no attribute {attr!r}")
        if spec.scope == "field" and attr == "classification":
            classifications = _values(wanted, EntityField, attr, "match.classification", refuse)
        else:
            match[attr] = _matcher(wanted, model, attr, f"match.{attr}", refuse)
    return match, field_match, classifications


def _values(
    wanted: Any, model: type[BaseModel], attr: str, where: str,
    refuse: Callable[[str], CompliancePackError],
) -> frozenset[Any]:
    if not isinstance(wanted, list) or not wanted:
        raise refuse(f"{where} must be a list of values or {{pattern: <regex>}}")
    for value in wanted:
        if isinstance(value, (dict, list)):
            raise refuse(f"{where}: values must be plain text, numbers, true/false or null")
    enum = _enum_of(model, attr)
    if enum is not None:
        allowed = {member.value for member in enum}
        for value in wanted:
            if value not in allowed:
                raise refuse(
                    f"{where}: {value!r} is not a {attr} (known: {', '.join(sorted(map(str, allowed)))})"
                )
    return frozenset(wanted)


def _matcher(
    wanted: Any, model: type[BaseModel], attr: str, where: str,
    refuse: Callable[[str], CompliancePackError],
) -> Matcher:
    if isinstance(wanted, dict):
        if set(wanted) != {"pattern"} or not isinstance(wanted["pattern"], str):
            raise refuse(f"{where} must be a list of values or {{pattern: <regex>}}")
        try:
            regex = re.compile(wanted["pattern"])
        except re.error as exc:
            raise refuse(f"{where}: the pattern is not a valid regular expression ({exc})") from None
        return lambda value: value is not None and regex.fullmatch(str(value)) is not None
    values = _values(wanted, model, attr, where, refuse)
    # bool is an int in Python: keep True from matching 1 (and 1 from matching True).
    if any(isinstance(v, bool) for v in values):
        typed = {(type(v) is bool, v) for v in values}
        return lambda value: (type(value) is bool, value) in typed
    return lambda value: value in values


def _enum_of(model: type[BaseModel], attr: str) -> type[Enum] | None:
    info = model.model_fields.get(attr)
    if info is None:
        return None
    annotation = info.annotation
    candidates = get_args(annotation) if get_origin(annotation) in (Union, UnionType) else (annotation,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
    return None


# ------------------------------------------------------------------ running checks
@dataclass
class _Plan:
    """The checks of one combination of frameworks, arranged for one pass."""

    blueprint: list[PackCheck]
    entity: list[PackCheck]
    environment: list[PackCheck]
    residency: list[PackCheck]
    field_by_classification: dict[str, list[PackCheck]]


class ComplianceEngine:
    """Runs the packs of the frameworks a blueprint declares. Call it as
    ``engine(blueprint, document)``; it fits ``validate_document(compliance=...)``."""

    def __init__(self, packs: Iterable[CompliancePack]) -> None:
        self.packs: tuple[CompliancePack, ...] = tuple(packs)
        owners: dict[str, str] = {}
        for pack in self.packs:
            for check in pack.checks:
                if check.id in owners:
                    raise CompliancePackError(
                        pack.source, f"the id is already used in {owners[check.id]}", check.id
                    )
                owners[check.id] = pack.source
        self._plans: dict[frozenset[Framework], _Plan] = {}

    @property
    def checks(self) -> list[PackCheck]:
        return [check for pack in self.packs for check in pack.checks]

    def check(self, check_id: str) -> PackCheck:
        for check in self.checks:
            if check.id == check_id:
                return check
        raise KeyError(check_id)

    def _plan(self, frameworks: frozenset[Framework]) -> _Plan:
        plan = self._plans.get(frameworks)
        if plan is None:
            active = [c for p in self.packs if p.framework in frameworks for c in p.checks]
            by_classification: dict[str, list[PackCheck]] = {}
            for classification in Classification:
                by_classification[classification.value] = [
                    c for c in active
                    if c.scope == "field"
                    and (c.classifications is None or classification in c.classifications)
                ]
            plan = _Plan(
                blueprint=[c for c in active if c.scope == "blueprint"],
                entity=[c for c in active if c.scope == "entity"],
                environment=[c for c in active if c.scope == "environment"],
                residency=[c for c in active if c.scope == "residency"],
                field_by_classification=by_classification,
            )
            self._plans[frameworks] = plan
        return plan

    def __call__(self, blueprint: Blueprint, document: Mapping[str, Any] | None = None) -> list[Finding]:
        plan = self._plan(frozenset(blueprint.compliance))
        run = _Run(blueprint)
        for check in plan.blueprint:
            if _matches(check.match, blueprint, None) and run.violated(check, (), ()):
                run.report(check, (), {"blueprint": blueprint.key})
        field_checks = plan.field_by_classification
        if plan.entity or any(field_checks.values()):
            for ei, entity in enumerate(blueprint.entities):
                if plan.entity:
                    # Classifications are StrEnum members: they hash and compare as their text.
                    classes = {f.classification for f in entity.fields}
                    for check in plan.entity:
                        if _entity_matches(check, entity, classes) and run.violated(
                            check, ("entities", ei), (ei,)
                        ):
                            run.report(check, ("entities", ei), {"entity": entity.name})
                for fi, fld in enumerate(entity.fields):
                    for check in field_checks[fld.classification]:
                        if (
                            not check.match or _matches(check.match, fld, run.field_hints(ei, fi))
                        ) and run.violated(
                            check, ("entities", ei, "fields", fi), (ei, fi)
                        ):
                            run.report(
                                check, ("entities", ei, "fields", fi),
                                {"entity": entity.name, "field": fld.name},
                            )
        for ni, env in enumerate(blueprint.environments):
            country = environment_country(env)
            derived = {"country": country, "in_eu_eea": country in EU_EEA}
            for check in plan.environment:
                if _matches(check.match, env, derived) and run.violated(
                    check, ("environments", ni), (ni,)
                ):
                    run.report(
                        check, ("environments", ni),
                        {"environment": env.name.value, "country": country or "?"},
                    )
        for ri, country in enumerate(blueprint.data_residency):
            for check in plan.residency:
                if _matches(check.match, run.residency(ri), None) and run.violated(
                    check, ("data_residency", ri), (ri,)
                ):
                    run.report(check, ("data_residency", ri), {"country": country})
        return run.findings


def _plain(value: Any) -> Any:
    # StrEnum members already compare and hash as their text; other enums give their value.
    return value.value if isinstance(value, Enum) and not isinstance(value, str) else value


def _matches(match: Mapping[str, Matcher], element: Any, derived: Mapping[str, Any] | None) -> bool:
    for attr, test in match.items():
        value = derived[attr] if derived is not None and attr in derived else getattr(element, attr)
        if not test(_plain(value)):
            return False
    return True


def _entity_matches(check: PackCheck, entity: Entity, classes: AbstractSet[str]) -> bool:
    if check.classifications is not None and check.classifications.isdisjoint(classes):
        return False
    if check.match and not _matches(check.match, entity, None):
        return False
    if not check.field_match:
        return True
    wanted = check.classifications
    return any(
        (wanted is None or f.classification in wanted) and _matches(check.field_match, f, None)
        for f in entity.fields
    )


class _Run:
    """One engine call: the values handed to CEL (built once, on demand) and the findings."""

    def __init__(self, blueprint: Blueprint) -> None:
        self.blueprint = blueprint
        self.findings: list[Finding] = []
        self._values: dict[tuple[Any, ...], Any] = {}
        self._failed: set[str] = set()
        self._grants: dict[str, list[tuple[str, Permission]]] | None = None
        self._hints: dict[tuple[int, int], dict[str, str | None]] = {}
        self._self_service = {role.name for role in blueprint.roles if is_self_service(role)}

    def field_hints(self, ei: int, fi: int) -> dict[str, str | None]:
        """The derived attributes of a field: what its name and labels say it holds."""
        hints = self._hints.get((ei, fi))
        if hints is None:
            entity = self.blueprint.entities[ei]
            fld = entity.fields[fi]
            card = any(f.classification is Classification.payment_card for f in entity.fields)
            hints = {
                "special_category": special_category(fld),
                "authentication_data": authentication_data(fld, card),
            }
            self._hints[(ei, fi)] = hints
        return hints

    def residency(self, ri: int) -> ResidencyEntry:
        country = self.blueprint.data_residency[ri]
        basis = next((t for t in self.blueprint.transfers if t.country == country), None)
        return ResidencyEntry(country=country, in_eu_eea=country in EU_EEA, transfer=basis)

    def violated(self, check: PackCheck, base: tuple[str | int, ...], index: tuple[int, ...]) -> bool:
        """Whether the element at ``base`` (``index`` into the blueprint's lists) fails the
        check. A check that cannot be evaluated is reported once and then skipped."""
        if check.id in self._failed:
            return False
        try:
            variables = {name: self._value(name, attrs, index) for name, attrs in check.reads.items()}
            if check.when is not None and not self._truth(check.when, variables):
                return False
            return not self._truth(check.require, variables)
        except Exception as exc:  # CEL raises many kinds; validation itself must never fail
            self._failed.add(check.id)
            self.findings.append(_check_failed(check, pointer(*base), exc))
            return False

    def report(self, check: PackCheck, base: tuple[str | int, ...], names: Mapping[str, str]) -> None:
        path = pointer(*base, *check.at)
        title_en, title_ar = check.title.render(names)
        explanation_en, explanation_ar = check.explanation.render(names)
        remediation_en, remediation_ar = check.remediation.render(names)
        self.findings.append(Finding(
            path=path,
            code=check.id,
            severity=check.severity,
            message_en=title_en,
            message_ar=title_ar,
            source=check.framework.value,
            remediation_en=remediation_en,
            remediation_ar=remediation_ar,
            extra={"explanation": {"en": explanation_en, "ar": explanation_ar}},
        ))

    @staticmethod
    def _truth(expression: Expression, variables: dict[str, Any]) -> bool:
        result = expression.program.execute(variables)
        if not isinstance(result, bool):
            raise TypeError(f"{expression.source!r} gave {result!r}, not true or false")
        return result

    def _value(self, name: str, attrs: frozenset[str] | None, index: tuple[int, ...]) -> Any:
        key = (name, attrs, index if name in ("entity", "field", "environment", "residency") else ())
        if key in self._values:
            return self._values[key]
        bp = self.blueprint
        value: Any
        if name == "classifications":
            value = sorted({str(c) for c in {f.classification for e in bp.entities for f in e.fields}})
        elif name == "blueprint":
            value = _dump(bp, attrs)
        elif name == "entity":
            entity = bp.entities[index[0]]
            value = _dump(entity, attrs)
            if attrs is None or "classifications" in attrs:
                value["classifications"] = sorted({str(c) for c in {f.classification for f in entity.fields}})
            if attrs is None or "grants" in attrs:
                value["grants"] = self._grants_on(entity.name)
        elif name == "field":
            value = _dump(bp.entities[index[0]].fields[index[1]], attrs)
            for hint, found in self.field_hints(index[0], index[1]).items():
                if attrs is None or hint in attrs:
                    value[hint] = found
        elif name == "residency":
            value = _dump(self.residency(index[0]), attrs)
        else:  # environment
            env = bp.environments[index[0]]
            value = _dump(env, attrs)
            country = environment_country(env)
            if attrs is None or "country" in attrs:
                value["country"] = country
            if attrs is None or "in_eu_eea" in attrs:
                value["in_eu_eea"] = country in EU_EEA
        self._values[key] = value
        return value

    def _grants_on(self, entity: str) -> list[dict[str, Any]]:
        if self._grants is None:
            self._grants = {}
            for role in self.blueprint.roles:
                for permission in role.permissions:
                    self._grants.setdefault(permission.entity, []).append((role.name, permission))
        return [
            {"role": role, "actions": [str(a) for a in permission.actions],
             "own_records_only": permission.own_records_only,
             "self_service": role in self._self_service}
            for role, permission in self._grants.get(entity, [])
        ]


def _dump(model: BaseModel, attrs: frozenset[str] | None) -> dict[str, Any]:
    if attrs is None:
        return model.model_dump(mode="json")
    own = attrs & type(model).model_fields.keys()
    return model.model_dump(mode="json", include=set(own)) if own else {}


def _check_failed(check: PackCheck, path: str, exc: BaseException) -> Finding:
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, KeyError):
        detail = f"no attribute {exc.args[0]!r}" if exc.args else "missing attribute"
    return Finding(
        path=path,
        code=CHECK_FAILED,
        severity=Severity.error,
        message_en=f"check {check.id} of {check.source} could not be evaluated: {detail}",
        message_ar=f"تعذّر تقييم الفحص {ltr(check.id)} من الحزمة {ltr(check.source)}: {ltr(detail)}",
        source=check.framework.value,
        extra={"check": check.id},
    )

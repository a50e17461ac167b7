"""Compliance packs as files: what a pack may say, what is refused at load time (naming the
pack, the check and the problem), and that a new pack needs no code."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.blueprint.compliance import (
    CHECK_FAILED,
    ComplianceEngine,
    CompliancePackError,
    parse_pack,
)
from app.domain.blueprint.model import Blueprint
from app.domain.blueprint.validation import validate_document
from app.domain.errors import WebNovaError
from app.store import resource_files
from app.store.resource_files import (
    compliance_packs_dir,
    load_builtin_packs,
    load_compliance_engine,
    load_compliance_packs,
)
from tests.unit.blueprint.compliance_builders import (
    blueprint,
    compliant_entity,
    entity,
    environment,
    field,
    on_premises,
    personal,
)

TEXTS = """\
    title: {en: "«{entity}» is not reviewed", ar: "«{entity}» غير مُراجَع"}
    explanation: {en: Reviews catch mistakes., ar: المراجعة تكشف الأخطاء.}
    remediation: {en: "Review «{entity}».", ar: "راجِع «{entity}»."}
"""


def pack_text(check: str, framework: str = "gdpr", texts: str = TEXTS) -> str:
    """A pack with one check; ``check`` is the check's YAML without its texts."""
    body = textwrap.indent(textwrap.dedent(check).strip() + "\n" + textwrap.dedent(texts), "    ")
    body = "  - " + body.lstrip()
    return (
        f"framework: {framework}\n"
        "title: {en: Test pack, ar: حزمة اختبار}\n"
        f"checks:\n{body}"
    )


GOOD_CHECK = """
id: TEST-1
severity: warning
scope: entity
match: {fields: {classification: [personal]}}
require: entity.audit_log
at: audit_log
"""


def refusal(text: str, source: str = "test.yaml") -> CompliancePackError:
    with pytest.raises(CompliancePackError) as caught:
        parse_pack(text, source)
    return caught.value


# ------------------------------------------------------------------------- parsing
def test_a_good_pack_parses() -> None:
    pack = parse_pack(pack_text(GOOD_CHECK), "test.yaml")
    assert pack.framework.value == "gdpr"
    assert [c.id for c in pack.checks] == ["TEST-1"]
    assert pack.checks[0].at == ("audit_log",)


@pytest.mark.parametrize(
    ("check", "texts", "problem"),
    [
        (GOOD_CHECK.replace("entity.audit_log", "entity.audit_log &&"), TEXTS, "require: not a valid CEL expression"),
        (GOOD_CHECK.replace("scope: entity", "scope: tenant"), TEXTS, "unknown scope 'tenant'"),
        (GOOD_CHECK, TEXTS.replace(', ar: "«{entity}» غير مُراجَع"', ""), "missing translation: title.ar"),
        (GOOD_CHECK, TEXTS.replace("ar: المراجعة تكشف الأخطاء.", "ar: Reviews catch mistakes."),
         "missing translation: explanation.ar is not Arabic text"),
        (GOOD_CHECK, TEXTS.replace("Review «{entity}».", "Review it."),
         "remediation: English and Arabic use different placeholders"),
        (GOOD_CHECK, TEXTS.replace("{entity}", "{field}"), "title: unknown placeholder {field}"),
        (GOOD_CHECK.replace("entity.audit_log", "entiy.audit_log"), TEXTS, "require: unknown variable 'entiy'"),
        (GOOD_CHECK.replace("entity.audit_log", "entity.audit_logs"), TEXTS, "require: entity has no attribute 'audit_logs'"),
        (GOOD_CHECK + "when: field.storage == 'plain'\n", TEXTS, "when: unknown variable 'field'"),
        (GOOD_CHECK.replace("at: audit_log", "at: audit"), TEXTS, "at: entity has no attribute 'audit'"),
        (GOOD_CHECK.replace("[personal]", "[personel]"), TEXTS, "match.fields.classification: 'personel' is not a classification"),
        (GOOD_CHECK.replace("{fields: {classification: [personal]}}", "{colour: [red]}"), TEXTS, "match: entity has no attribute 'colour'"),
        (GOOD_CHECK.replace("{fields: {classification: [personal]}}", "{name: {pattern: '('}}"), TEXTS,
         "match.name: the pattern is not a valid regular expression"),
        (GOOD_CHECK.replace("severity: warning", "severity: fatal"), TEXTS, "severity: Input should be"),
        (GOOD_CHECK.replace("require: entity.audit_log\n", ""), TEXTS, "missing require"),
        (GOOD_CHECK + "owner: me\n", TEXTS, "unknown key owner"),
        (GOOD_CHECK.replace("[personal]", "[{a: 1}]"), TEXTS, "values must be plain text"),
        (GOOD_CHECK.replace("at: audit_log", "at: ../audit_log"), TEXTS, "at: '../audit_log' is not an attribute name"),
        (GOOD_CHECK.replace("require: entity.audit_log", "require: true"), TEXTS, "require: Input should be a valid string"),
    ],
    ids=[
        "bad-expression", "unknown-scope", "missing-arabic", "english-as-arabic", "placeholder-mismatch",
        "placeholder-not-in-scope", "unknown-variable", "unknown-attribute", "variable-of-another-scope",
        "bad-at", "unknown-enum-value", "unknown-match-attribute", "bad-pattern", "unknown-severity",
        "missing-require", "unknown-key", "unhashable-match-value", "at-path-escape", "require-not-text",
    ],
)
def test_a_broken_check_is_refused_naming_pack_check_and_problem(check: str, texts: str, problem: str) -> None:
    error = refusal(pack_text(check, texts=texts), "hospital.yaml")
    assert error.source == "hospital.yaml"
    assert error.check_id == "TEST-1"
    assert problem in error.problem
    assert str(error).startswith("compliance pack hospital.yaml, check TEST-1: ")
    assert isinstance(error, WebNovaError)


def test_duplicate_ids_are_refused() -> None:
    text = pack_text(GOOD_CHECK) + "\n" + textwrap.indent(
        "- " + (textwrap.dedent(GOOD_CHECK).strip() + "\n" + textwrap.dedent(TEXTS)).replace("\n", "\n  "), "  "
    )
    error = refusal(text)
    assert error.check_id == "TEST-1"
    assert "the id is used by another check" in str(error)


def test_the_same_id_in_two_packs_is_refused() -> None:
    first = parse_pack(pack_text(GOOD_CHECK), "a.yaml")
    second = parse_pack(pack_text(GOOD_CHECK, framework="pdpl"), "b.yaml")
    with pytest.raises(CompliancePackError, match=r"compliance pack b\.yaml, check TEST-1: .*a\.yaml"):
        ComplianceEngine([first, second])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("framework: iso27001\ntitle: {en: X, ar: س}\nchecks: []\n", "checks: List should have at least 1 item"),
        (pack_text(GOOD_CHECK, framework="iso27001"), "unknown framework 'iso27001'"),
        ("- just\n- a list\n", "mapping"),
        ("framework: [unclosed\n", "not valid YAML"),
        ("base: &b {x: 1}\nother: *b\n", "anchors"),
        (pack_text(GOOD_CHECK).replace("ar: حزمة اختبار", "ar: Test pack"), "missing translation: title.ar"),
    ],
    ids=["no-checks", "unknown-framework", "not-a-mapping", "bad-yaml", "yaml-alias", "pack-title-not-arabic"],
)
def test_a_broken_pack_is_refused(text: str, problem: str) -> None:
    error = refusal(text, "broken.yaml")
    assert str(error).startswith("compliance pack broken.yaml")
    assert problem in str(error)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_a_pack_or_a_clear_refusal(text: str) -> None:
    problem: CompliancePackError | None = None
    try:
        parse_pack(text, "fuzz.yaml")
    except CompliancePackError as exc:
        problem = exc
    assert problem is None or str(problem).startswith("compliance pack fuzz.yaml")


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    key=st.sampled_from(["id", "severity", "scope", "match", "when", "require", "at", "title", "explanation"]),
    value=YAML_VALUES,
)
def test_any_value_in_a_check_is_accepted_or_clearly_refused(key: str, value: object) -> None:
    check = yaml.safe_load(textwrap.dedent(GOOD_CHECK) + textwrap.dedent(TEXTS))
    check[key] = value
    text = yaml.safe_dump({"framework": "gdpr", "title": {"en": "T", "ar": "ت"}, "checks": [check]}, allow_unicode=True)
    problem: CompliancePackError | None = None
    try:
        parse_pack(text, "fuzz.yaml")
    except CompliancePackError as exc:
        problem = exc
    assert problem is None or str(problem).startswith("compliance pack fuzz.yaml")


# ------------------------------------------------------------------------- running
def engine_of(check: str, framework: str = "gdpr", texts: str = TEXTS) -> ComplianceEngine:
    return ComplianceEngine([parse_pack(pack_text(check, framework, texts), "test.yaml")])


def test_match_by_pattern_and_boolean() -> None:
    engine = engine_of(
        """
        id: TEST-2
        severity: info
        scope: field
        match: {name: {pattern: 'tmp_.*'}, indexed: [false]}
        require: "false"
        """,
        texts=TEXTS.replace("{entity}", "{entity}.{field}"),
    )
    doc = blueprint(entity("note", field("tmp_a"), field("tmp_b", indexed=True), field("kept")), compliance=["gdpr"])
    findings = engine(Blueprint.model_validate(doc))
    assert [(f.path, f.message_en) for f in findings] == [("/entities/0/fields/1", "«note.tmp_a» is not reviewed")]


def test_blueprint_scope_and_derived_variables() -> None:
    engine = engine_of(
        """
        id: TEST-3
        severity: warning
        scope: blueprint
        match: {domain: [healthcare]}
        when: "'sensitive_health' in classifications"
        require: size(blueprint.data_residency) > 0
        at: data_residency
        """,
        texts=TEXTS.replace("{entity}", "{blueprint}"),
    )
    health_doc = blueprint(entity("patient", field("notes", classification="sensitive_health")), domain="healthcare", compliance=["gdpr"])
    (finding,) = engine(Blueprint.model_validate(health_doc))
    assert (finding.path, finding.code, finding.source) == ("/data_residency", "TEST-3", "gdpr")
    assert finding.message_en == "«test-platform» is not reviewed"
    assert engine(Blueprint.model_validate({**health_doc, "domain": "enterprise"})) == []
    assert engine(Blueprint.model_validate({**health_doc, "data_residency": ["SA"]})) == []


def test_entity_grants_and_environment_country() -> None:
    grants = engine_of(
        """
        id: TEST-4
        severity: warning
        scope: entity
        require: "!entity.grants.exists(g, g.role == 'guest' && !g.own_records_only)"
        """,
    )
    doc = blueprint(entity("note"), roles=[{"name": "guest", "label": {"en": "G", "ar": "ض"},
                                            "permissions": [{"entity": "note", "actions": ["read"]}]}])
    doc["compliance"] = ["gdpr"]
    assert [f.path for f in grants(Blueprint.model_validate(doc))] == ["/entities/0"]

    country = engine_of(
        """
        id: TEST-5
        severity: info
        scope: environment
        require: environment.country == 'DE' && environment.in_eu_eea
        """,
        texts=TEXTS.replace("{entity}", "{environment} ({country})"),
    )
    doc = blueprint(environments=[environment(region="nbg1"), on_premises("SA", name="staging")], compliance=["gdpr"])
    (finding,) = country(Blueprint.model_validate(doc))
    assert (finding.path, finding.message_en) == ("/environments/1", "«staging (SA)» is not reviewed")


def test_an_expression_that_fails_at_run_time_is_reported_once() -> None:
    engine = engine_of(GOOD_CHECK.replace("require: entity.audit_log", "require: entity.retention_days > 30"))
    doc = blueprint(entity("a", personal()), entity("b", personal()), compliance=["gdpr"])
    findings = engine(Blueprint.model_validate(doc))
    assert [(f.code, f.path, f.extra["check"]) for f in findings] == [(CHECK_FAILED, "/entities/0", "TEST-1")]
    assert "TEST-1" in findings[0].message_en
    assert "test.yaml" in findings[0].message_en


def test_an_expression_that_is_not_true_or_false_is_reported() -> None:
    engine = engine_of(GOOD_CHECK.replace("require: entity.audit_log", "require: entity.erasure"))
    doc = blueprint(entity("a", personal()), compliance=["gdpr"])
    (finding,) = engine(Blueprint.model_validate(doc))
    assert finding.code == CHECK_FAILED
    assert "not true or false" in finding.message_en


def test_engine_plugs_into_validate_document() -> None:
    engine = engine_of(GOOD_CHECK)
    doc = blueprint(compliant_entity("client", personal(), audit_log=False), compliance=["gdpr"])
    blueprint_, report = validate_document(doc, compliance=engine)
    assert blueprint_ is not None
    assert [(f.code, f.path) for f in report.findings] == [("TEST-1", "/entities/0/audit_log")]
    assert report.valid  # a warning


# ------------------------------------------------------------------------- files
def test_a_new_pack_is_just_a_file(tmp_path: Path) -> None:
    (tmp_path / "reviews.yaml").write_text(pack_text(GOOD_CHECK, framework="pdpl"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a pack", encoding="utf-8")
    engine = load_compliance_engine(tmp_path)
    doc = blueprint(compliant_entity("client", personal(), audit_log=False), compliance=["pdpl"])
    findings = engine(Blueprint.model_validate(doc))
    assert [(f.code, f.source, f.path) for f in findings] == [("TEST-1", "pdpl", "/entities/0/audit_log")]


def test_loading_names_the_broken_file(tmp_path: Path) -> None:
    (tmp_path / "a_good.yaml").write_text(pack_text(GOOD_CHECK), encoding="utf-8")
    (tmp_path / "b_broken.yaml").write_text(pack_text(GOOD_CHECK.replace("scope: entity", "scope: page"), "pdpl"), encoding="utf-8")
    with pytest.raises(CompliancePackError, match=r"compliance pack b_broken\.yaml, check TEST-1: unknown scope 'page'"):
        load_compliance_packs(tmp_path)


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CompliancePackError, match="does not exist"):
        load_compliance_packs(tmp_path / "nowhere")


def test_builtin_packs_are_loaded_once() -> None:
    assert load_builtin_packs() is load_builtin_packs()
    assert sorted(p.name for p in compliance_packs_dir().glob("*.yaml")) == [
        "gdpr.yaml", "hipaa.yaml", "pci_dss.yaml", "pdpl.yaml",
    ]
    assert [p.source for p in load_builtin_packs().packs] == ["gdpr.yaml", "hipaa.yaml", "pci_dss.yaml", "pdpl.yaml"]
    assert resource_files.load_builtin_packs.cache_info().currsize == 1

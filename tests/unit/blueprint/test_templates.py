"""The bundled blueprint templates: one complete, valid, bilingual platform per domain."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from pydantic import BaseModel

from app.domain.blueprint.document import dump_document, parse_document
from app.domain.blueprint.model import (
    EU_EEA,
    Action,
    Blueprint,
    BlueprintDomain,
    Classification,
    EnvironmentName,
    ErasurePath,
    FieldType,
    Framework,
    LocalizedText,
    Provider,
    Storage,
    environment_country,
)
from app.domain.blueprint.validation import canonical_document, validate_document
from app.store.resource_files import list_templates, load_builtin_packs, load_template

DOMAINS = [domain.value for domain in BlueprintDomain]

EXPECTED_FRAMEWORKS = {
    "financial": {Framework.pci_dss, Framework.pdpl},
    "healthcare": {Framework.hipaa, Framework.pdpl},
    "government": {Framework.pdpl},
    "education": {Framework.gdpr},
    "enterprise": {Framework.gdpr},
}

ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
PERSONAL = {Classification.personal, Classification.sensitive_health, Classification.payment_card}


@cache
def blueprint(domain: str) -> Blueprint:
    """The validated template (blueprints are immutable, so one read per domain is shared)."""
    result, report = validate_document(load_template(domain))
    assert result is not None, [f.message_en for f in report.findings]
    return result


def localized_texts(value: Any, path: str = "") -> Iterator[tuple[str, LocalizedText]]:
    """Every LocalizedText in a model tree, with where it sits."""
    if isinstance(value, LocalizedText):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from localized_texts(getattr(value, name), f"{path}/{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from localized_texts(item, f"{path}/{index}")


def test_one_template_per_domain() -> None:
    assert list_templates() == sorted(DOMAINS)


def test_unknown_template_names_the_available_ones() -> None:
    with pytest.raises(ValueError, match="healthcare") as caught:
        load_template("dentistry")
    for domain in DOMAINS:
        assert domain in str(caught.value)


def test_template_names_cannot_leave_the_folder() -> None:
    with pytest.raises(ValueError, match="available templates"):
        load_template("../templates/healthcare")


def test_template_keys_are_distinct() -> None:
    keys = [blueprint(domain).key for domain in DOMAINS]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("domain", DOMAINS)
def test_template_parses_and_validates_without_findings(domain: str) -> None:
    document = load_template(domain)
    result, report = validate_document(document)
    assert result is not None
    assert [(f.severity.value, f.path, f.code) for f in report.findings] == []
    assert result.domain.value == domain
    assert set(result.compliance) == EXPECTED_FRAMEWORKS[domain]


@pytest.mark.parametrize("domain", DOMAINS)
def test_template_is_compliant_with_its_frameworks(domain: str) -> None:
    engine = load_builtin_packs()
    result, report = validate_document(load_template(domain), compliance=engine)
    assert result is not None
    # The bundled packs cover every framework the template declares, so a clean report
    # means each framework's checks ran and passed (warnings included).
    assert set(result.compliance) <= {pack.framework for pack in engine.packs}
    assert [(f.severity.value, f.path, f.code) for f in report.findings] == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_template_is_complete(domain: str) -> None:
    bp = blueprint(domain)
    assert 8 <= len(bp.entities) <= 15
    assert 4 <= len(bp.roles) <= 6
    assert len(bp.tiers) == 3
    assert {env.name for env in bp.environments} == set(EnvironmentName)
    assert bp.description is not None
    assert bp.navigation
    assert bp.integrations
    assert {page.kind.value for page in bp.pages} >= {"list", "detail", "form", "dashboard"}
    # Every entity can be reached by some role.
    granted = {perm.entity for role in bp.roles for perm in role.permissions}
    assert granted == {entity.name for entity in bp.entities}
    # Every relation inside the blueprint points somewhere real, and some exist.
    assert any(entity.relations for entity in bp.entities)
    assert any(f.type is FieldType.reference for e in bp.entities for f in e.fields)


@pytest.mark.parametrize("domain", DOMAINS)
def test_template_uses_every_field_type(domain: str) -> None:
    used = {f.type for entity in blueprint(domain).entities for f in entity.fields}
    assert used == set(FieldType)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_text_is_in_arabic_and_english(domain: str) -> None:
    texts = list(localized_texts(blueprint(domain)))
    assert len(texts) > 50
    for path, text in texts:
        assert text.en.strip(), path
        assert text.ar.strip(), path
        assert ARABIC_LETTER.search(text.ar), (
            f"{path}: Arabic text without Arabic letters: {text.ar!r}"
        )
        assert not ARABIC_LETTER.search(text.en), f"{path}: English text holds Arabic: {text.en!r}"
        assert LATIN_LETTER.search(text.en), path
        assert text.ar != text.en, path


@pytest.mark.parametrize("domain", DOMAINS)
def test_language_and_direction(domain: str) -> None:
    bp = blueprint(domain)
    assert set(bp.locales) == {"ar", "en"}
    gulf = Framework.pdpl in bp.compliance
    assert bp.default_locale.value == ("ar" if gulf else "en")
    assert bp.default_direction == ("rtl" if gulf else "ltr")


@pytest.mark.parametrize("domain", DOMAINS)
def test_environments_stand_where_data_may_live(domain: str) -> None:
    bp = blueprint(domain)
    for env in bp.environments:
        country = environment_country(env)
        assert country in bp.data_residency, (env.name, country)
        assert env.encryption_at_rest, env.name
        if env.provider is Provider.on_premises:
            assert env.country is not None
    production = next(e for e in bp.environments if e.name is EnvironmentName.production)
    assert production.backups
    assert production.backup_retention_days
    assert production.replicas >= 2
    assert production.domain
    if Framework.pdpl in bp.compliance:
        assert production.provider is Provider.on_premises
        assert production.country == "SA"
        assert "SA" in bp.data_residency
    if Framework.gdpr in bp.compliance:
        assert set(bp.data_residency) <= EU_EEA


@pytest.mark.parametrize("domain", DOMAINS)
def test_money_is_in_the_platform_currency(domain: str) -> None:
    bp = blueprint(domain)
    currency = "SAR" if Framework.pdpl in bp.compliance else "EUR"
    money = [f for e in bp.entities for f in e.fields if f.type is FieldType.money]
    assert money
    assert {f.currency for f in money} == {currency}
    assert {tier.currency for tier in bp.tiers} == {currency}


@pytest.mark.parametrize("domain", DOMAINS)
def test_personal_data_is_protected(domain: str) -> None:
    bp = blueprint(domain)
    card_entities = set()
    for entity in bp.entities:
        classes = {f.classification for f in entity.fields}
        for fld in entity.fields:
            where = f"{entity.name}.{fld.name}"
            if fld.classification is Classification.payment_card:
                assert fld.storage is Storage.provider_token, where
                card_entities.add(entity.name)
            if (
                fld.classification is Classification.sensitive_health
                and fld.type is not FieldType.reference
            ):
                assert fld.storage is Storage.encrypted, where
        if classes & PERSONAL:
            assert entity.audit_log, entity.name
            assert entity.encrypted_at_rest, entity.name
            assert entity.retention_days, entity.name
            assert entity.erasure is not ErasurePath.none, entity.name
    if Framework.pci_dss in bp.compliance:
        assert card_entities
    else:
        assert not card_entities
    for role in bp.roles:
        for perm in role.permissions:
            if perm.entity in card_entities:
                assert Action.export not in perm.actions, (role.name, perm.entity)


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_template_round_trips(domain: str, fmt: str) -> None:
    original = blueprint(domain)
    for document in (canonical_document(original), load_template(domain)):
        text = dump_document(document, fmt)
        parsed = parse_document(text, fmt)
        assert parsed.findings == []
        assert parsed.data is not None
        again, report = validate_document(parsed.data)
        assert report.findings == ()
        assert again == original

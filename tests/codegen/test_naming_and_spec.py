"""What a blueprint becomes: stable names that never collide, columns per field type,
and permissions merged per role."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.codegen.naming import class_name, package_name, python_name, sql_name, table_name
from app.domain.codegen.spec import CodegenError, build_spec
from tests.codegen.conftest import blueprint_of, entity, template_document


def field(name: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "label": {"en": name, "ar": name}, "type": kind, **extra}


def test_names_are_stable_and_safe() -> None:
    assert package_name("digital-bank") == "digital_bank_api"
    assert package_name("2fa-portal") == "p_2fa_portal_api"
    assert class_name("lab_result") == "LabResult"
    assert class_name("base") == "BaseEntity"  # the models' own base class keeps its name
    assert python_name("class") == "class_"
    assert python_name("id") == "id_"
    assert python_name("metadata") == "metadata_"
    assert python_name("model_year") == "model_year_"
    assert python_name("total") == "total"
    assert table_name("platform_users") == "platform_users_entity"
    long = sql_name("ix", "a" * 40, "b" * 40)
    assert len(long) == 63
    assert long == sql_name("ix", "a" * 40, "b" * 40)
    assert long != sql_name("ix", "a" * 40, "b" * 39 + "c")


def test_columns_per_field_type() -> None:
    spec = build_spec(blueprint_of(template_document("healthcare")))
    invoice = spec.entity("invoice")
    columns = {c.name: c for c in invoice.table_spec.columns}
    assert columns["total"].type == "t.ExactDecimal(12, 2)"
    assert columns["total_currency"].server_default == "SAR"
    assert columns["patient_id"].foreign_key == "patient.id"
    assert columns["patient_id"].on_delete == "RESTRICT"
    assert columns["encounter_id"].on_delete == "SET NULL"
    assert {"id", "tenant_id", "owner_id", "created_at", "updated_at"} <= set(columns)
    assert any(c.name == "ck_invoice_status" for c in invoice.table_spec.checks)
    unique = [i for i in invoice.table_spec.indexes if i.unique]
    # unique within a tenant; (tenant_id, id) is what tenant keys of other tables point at
    assert [i.columns for i in unique] == [("tenant_id", "invoice_number"), ("tenant_id", "id")]

    facility = {c.name: c for c in spec.entity("facility").table_spec.columns}
    assert {"moh_licence_name", "moh_licence_media_type", "moh_licence_size",
            "moh_licence_storage_key"} <= set(facility)  # file metadata, never the bytes
    patient = {c.name: c for c in spec.entity("patient").table_spec.columns}
    assert patient["national_id"].type == 't.Encrypted("str")'


def test_payment_cards_are_tokens_only() -> None:
    spec = build_spec(blueprint_of(template_document("financial")))
    token = next(f for f in spec.entity("card").fields if f.name == "card_token")
    assert token.token
    assert "provider_token" in token.input_type
    assert token.filter is None


def test_permissions_merge_own_and_all_grants() -> None:
    document = template_document("healthcare")
    patient_role = next(r for r in document["roles"] if r["name"] == "patient")
    patient_role["permissions"].append({"entity": "invoice", "actions": ["read"]})
    spec = build_spec(blueprint_of(document))
    grants = spec.entity("invoice").grants["patient"]
    assert grants == {"list": "own", "read": "all"}  # one unrestricted grant is enough
    assert spec.entity("practitioner").approvable
    assert not spec.entity("facility").approvable


def test_reserved_names_are_renamed() -> None:
    document = template_document("healthcare")
    entity(document, "facility")["fields"] += [
        field("id", "string"), field("class", "integer"), field("tenant", "reference", reference="payer"),
    ]
    spec = build_spec(blueprint_of(document))
    fields = {f.name: f for f in spec.entity("facility").fields}
    assert (fields["id"].attr, fields["id"].api_name) == ("id_", "id_")
    assert (fields["class"].attr, fields["class"].api_name) == ("class_", "class")
    assert fields["tenant"].api_name == "tenant_ref_id"  # never the row's own tenant_id


def test_a_column_used_twice_is_refused_in_both_languages() -> None:
    document = template_document("healthcare")
    entity(document, "facility")["fields"].append(field("moh_licence_size", "integer"))
    with pytest.raises(CodegenError) as caught:
        build_spec(blueprint_of(document))
    assert "moh_licence_size" in caught.value.message_en
    assert "moh_licence_size" in caught.value.message_ar

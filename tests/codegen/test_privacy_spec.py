"""What the blueprint's privacy flags make of a platform spec: encryption at rest,
regulated (read-audited) entities, erasure roles and values, the audit-trail roles,
references limited to the author's own records, and the retention job's files."""

from __future__ import annotations

from pathlib import Path

from app.domain.codegen.plan import render_jobs
from app.domain.codegen.spec import EntitySpec, build_spec
from app.integrations.codegen_templates import JinjaTemplates
from app.services.codegen import CodegenService
from tests.codegen.conftest import blueprint_of, entity, template_document


def column_types(spec_entity: EntitySpec) -> dict[str, str]:
    return {c.name: c.type for c in spec_entity.table_spec.columns}


def test_encrypted_at_rest_encrypts_the_personal_fields_and_keeps_references_plain() -> None:
    spec = build_spec(blueprint_of(template_document("healthcare")))
    patient = column_types(spec.entity("patient"))
    assert patient["full_name_ar"] == 't.Encrypted("str")'  # personal, plain in the blueprint
    assert patient["date_of_birth"] == 't.Encrypted("date")'
    assert patient["consents_to_data_sharing"] == 't.Encrypted("bool")'
    assert patient["payer_id"] == "sa.String(36)"  # a reference keeps its foreign key
    consent = spec.entity("consent")
    assert column_types(consent)["patient_id"] == "sa.String(36)"
    assert consent.table_spec.columns[[c.name for c in consent.table_spec.columns].index("patient_id")].foreign_key
    # an entity without the flag keeps its plain columns
    assert column_types(spec.entity("facility"))["name"].startswith("sa.String")


def test_without_encrypted_at_rest_personal_fields_stay_as_declared() -> None:
    document = template_document("healthcare")
    entity(document, "patient")["encrypted_at_rest"] = False
    spec = build_spec(blueprint_of(document))
    patient = column_types(spec.entity("patient"))
    assert patient["full_name_ar"].startswith("sa.String")
    assert patient["national_id"] == 't.Encrypted("str")'  # declared encrypted itself


def test_regulated_entities_audit_reads_even_without_audit_log() -> None:
    document = template_document("healthcare")
    entity(document, "encounter")["audit_log"] = False
    spec = build_spec(blueprint_of(document))
    encounter = spec.entity("encounter")  # clinical notes: sensitive_health
    assert encounter.regulated and encounter.audited
    assert not spec.entity("practitioner").regulated  # personal, not health data
    assert not spec.entity("facility").audited


def test_erasure_roles_values_and_referrers() -> None:
    spec = build_spec(blueprint_of(template_document("healthcare")))
    appointment = spec.entity("appointment")
    assert appointment.erasure == "anonymise"
    assert appointment.erasers == ("admin", "receptionist")  # admins, and whoever may delete any
    patient = spec.entity("patient")
    values = {a.column: a.value for a in patient.anonymised}
    assert values["full_name_en"] == "None"  # optional: emptied
    assert values["full_name_ar"] == "marker(row, 64)"  # required: a per-record stand-in
    assert values["date_of_birth"] == "dt.date(1970, 1, 1)"
    sex = next(f for f in entity(template_document("healthcare"), "patient")["fields"] if f["name"] == "sex")
    assert values["sex"] == f'"{sex["enum_values"][0]}"'  # the check constraint holds
    assert "payer_id" not in values  # internal reference, not personal data
    assert values["medical_record_number_digest"].startswith("crypto.cipher().digest(")
    consent = {a.column: a.value for a in spec.entity("consent").anonymised}
    assert "patient_id" not in consent  # a required link is kept, so the records stay linked
    assert {(r.entity, r.column) for r in patient.referrers} == {
        ("consent", "patient_id"), ("appointment", "patient_id"), ("encounter", "patient_id"),
        ("invoice", "patient_id")}
    assert spec.entity("facility").erasers == ()


def test_audit_trail_roles_are_administrators_and_auditors() -> None:
    assert build_spec(blueprint_of(template_document("financial"))).audit_roles == ("admin", "auditor")
    assert build_spec(blueprint_of(template_document("healthcare"))).audit_roles == ("admin",)


def test_references_a_role_sees_only_its_own_of_are_checked_per_role_and_action() -> None:
    spec = build_spec(blueprint_of(template_document("healthcare")))
    assert spec.entity("consent").scoped_references == (
        ("patient", "create", "patient_id", "patient"), ("patient", "update", "patient_id", "patient"))
    assert spec.entity("encounter").scoped_references == ()  # doctors see every patient


def test_retention_files_only_for_platforms_with_a_retention_period() -> None:
    document = template_document("healthcare")
    paths = {job.path for job in render_jobs(build_spec(blueprint_of(document)))}
    assert {"deploy/retention-purge.service", "deploy/retention-purge.timer"} <= paths
    for item in document["entities"]:
        item.pop("retention_days", None)
    paths = {job.path for job in render_jobs(build_spec(blueprint_of(document)))}
    assert "deploy/retention-purge.timer" not in paths
    assert any(p.endswith("/privacy.py") for p in paths)  # erasure stays


def test_generated_platform_has_the_purge_job_and_the_erasure_endpoint(codegen: CodegenService,
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "clinic"
    codegen.generate_now(blueprint_of(template_document("healthcare")), out, version=1)
    package = next(p.parent for p in out.glob("*/privacy.py"))
    manage = (package / "manage.py").read_text(encoding="utf-8")
    assert '"purge-expired"' in manage and '"--apply"' in manage
    patient_api = (package / "api" / "patient.py").read_text(encoding="utf-8")
    assert '"/{record_id}/erase"' in patient_api
    assert 'crud.record_reads(session, RESOURCE, access, "read"' in patient_api
    assert "record_reads" not in (package / "api" / "facility.py").read_text(encoding="utf-8")
    timer = (out / "deploy" / "retention-purge.timer").read_text(encoding="utf-8")
    assert "OnCalendar=" in timer
    service = (out / "deploy" / "retention-purge.service").read_text(encoding="utf-8")
    assert service.index("purge-expired\n") < service.index("purge-expired --apply")
    assert "retention-purge.timer" in (out / "deploy" / "cloud-init.yaml").read_text(encoding="utf-8")


def test_without_an_administrator_nobody_erases_and_no_erasure_test_is_generated(renderer: JinjaTemplates) -> None:
    document = template_document("healthcare")
    for role in document["roles"]:
        if role["name"] == "admin":
            role["name"] = "platform_owner"
    for item in document["pages"]:
        item["roles"] = ["platform_owner" if r == "admin" else r for r in item.get("roles", [])]
    spec = build_spec(blueprint_of(document))
    assert spec.audit_roles == ()
    assert spec.entity("patient").erasers == ()
    assert spec.entity("appointment").erasers == ("receptionist",)
    assert spec.entity("practitioner").erasers == ("platform_owner",)  # it may delete any
    job = next(j for j in render_jobs(spec) if j.path == "tests/test_privacy.py")
    text = renderer.render(job.template or "", {"p": spec, **job.context})
    assert 'ERASABLE = ["practitioner", "appointment"]' in text

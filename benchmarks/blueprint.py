"""Blueprint validation speed: schema + cross-field rules + compliance packs, against plain
``jsonschema`` validation of the same document.

Run from the repository root::

    python -m benchmarks.blueprint                 # 500 entities x 20 fields
    python -m benchmarks.blueprint --json          # the results as JSON on stdout
    python -m benchmarks.blueprint --entities 2000 --fields 20 --repeats 7

The document is generated once: a platform declaring PCI DSS, HIPAA, GDPR and the PDPL,
whose entities mix every field type (references, enums, money, files ...) and every data
classification, most of them held the way the packs want and some not, so the packs
report a few hundred findings. It is an already parsed dict (no YAML or JSON reading).

Contenders, each warmed up once and then timed ``--repeats`` times, best run counting:

* ``validate_document(document, compliance=engine)``: the pydantic model (schema), the
  cross-field rules and the four compliance packs; also shown split into those three parts;
* ``jsonschema``: a ``Draft202012Validator`` for ``Blueprint.model_json_schema()``,
  created once outside the timer, collecting every error (``iter_errors``), as validation
  here collects every finding.

The target: the whole of ``validate_document`` under 200 ms. Progress goes to stderr, the
report to stdout; the exit status is 0 whether the target is met or not.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib.metadata import version as package_version
from typing import Any

from jsonschema import Draft202012Validator

from app.domain.blueprint.model import Blueprint
from app.domain.blueprint.rules import check_rules
from app.domain.blueprint.validation import validate_document
from app.store.resource_files import load_builtin_packs

TARGET_MS = 200.0
FIELD_TYPES = (
    "string", "text", "integer", "decimal", "money", "boolean", "date", "datetime", "enum",
    "reference", "file",
)
# One entity in four holds personal data, one in ten health data, one in twenty-five card data.
CLASSIFICATION_CYCLE = (
    "internal", "public", "personal", "internal", "internal", "personal", "public",
    "sensitive_health", "internal", "public",
)


def _label(en: str, ar: str) -> dict[str, str]:
    return {"en": en, "ar": ar}


def _field(ei: int, fi: int, entities: int) -> dict[str, Any]:
    kind = FIELD_TYPES[(ei + fi) % len(FIELD_TYPES)]
    name = f"{kind}_{fi:02d}"
    field: dict[str, Any] = {
        "name": name,
        "label": _label(f"{kind.title()} {fi}", f"حقل {fi}"),
        "type": kind,
    }
    if kind in ("string", "text"):
        field["max_length"] = 200 if kind == "string" else 4000
        if kind == "string" and fi % 4 == 0:
            field["pattern"] = r"^[A-Z]{2}[0-9]{4,8}$"
    elif kind == "integer":
        field.update(minimum=0, maximum=1_000_000)
    elif kind == "decimal":
        field.update(precision=12, scale=4)
    elif kind == "money":
        field.update(currency="SAR", precision=14, scale=2, minimum="0")
    elif kind == "enum":
        field.update(enum_values=["draft", "active", "closed"], default="draft")
    elif kind == "reference":
        field.update(reference=f"entity_{(ei + fi + 1) % entities:04d}", on_delete="restrict")
    elif kind == "file":
        field.update(max_size_mb=20, allowed_media_types=["application/pdf", "image/png"])
    if fi == 0:
        field.update(required=True, unique=True, indexed=True, classification="internal")
        return field
    classification = CLASSIFICATION_CYCLE[(ei * 3 + fi) % len(CLASSIFICATION_CYCLE)]
    if classification == "sensitive_health" and ei % 10 != 0:
        classification = "personal"
    field["classification"] = classification
    if classification == "sensitive_health":
        field["storage"] = "encrypted"
    if fi % 7 == 3:
        field["indexed"] = True
    return field


def _entity(ei: int, fields: int, entities: int) -> dict[str, Any]:
    entity: dict[str, Any] = {
        "name": f"entity_{ei:04d}",
        "label": _label(f"Entity {ei}", f"كيان {ei}"),
        "plural_label": _label(f"Entities {ei}", f"كيانات {ei}"),
        "fields": [_field(ei, fi, entities) for fi in range(fields)],
        "audit_log": ei % 13 != 0,  # some entities without, for the packs to find
        "encrypted_at_rest": ei % 2 == 0,
        "erasure": "none" if ei % 17 == 0 else ("anonymise" if ei % 3 else "delete"),
    }
    if ei % 11:
        entity["retention_days"] = 365 * (1 + ei % 7)
    if ei % 25 == 0:
        entity["fields"][1].update(
            name="card_number", type="string", classification="payment_card",
            storage="provider_token" if ei % 50 else "plain",
        )
        for attr in ("pattern", "max_length", "minimum", "maximum", "precision", "scale",
                     "currency", "enum_values", "default", "reference", "on_delete",
                     "max_size_mb", "allowed_media_types"):
            entity["fields"][1].pop(attr, None)
    if ei % 5 == 0 and ei + 1 < entities:
        entity["relations"] = [
            {"name": "related_items", "kind": "one_to_many", "target": f"entity_{ei + 1:04d}"}
        ]
    return entity


def generate_document(entities: int = 500, fields: int = 20) -> dict[str, Any]:
    """A large, valid blueprint document (JSON types only)."""
    names = [f"entity_{ei:04d}" for ei in range(entities)]
    roles = []
    for ri, role in enumerate(("admin", "manager", "clerk", "auditor", "doctor", "viewer")):
        permissions = []
        for ei, name in enumerate(names):
            actions = ["list", "read"]
            if role in ("admin", "manager", "clerk", "doctor"):
                actions += ["create", "update"]
            if role == "admin":
                actions.append("delete")
            if role == "auditor" and ei % 40 == 0:
                actions.append("export")
            permissions.append({"entity": name, "actions": actions, "own_records_only": ri == 5})
        roles.append({"name": role, "label": _label(role.title(), "دور"), "permissions": permissions})
    pages = [
        {"key": f"list-{ei:04d}", "title": _label(f"Entity {ei}", f"كيان {ei}"), "kind": "list",
         "entity": name, "path": f"/entities/{ei:04d}", "roles": ["admin", "manager"]}
        for ei, name in enumerate(names[:100])
    ]
    return {
        "schema_version": 1,
        "key": "benchmark-platform",
        "name": _label("Benchmark platform", "منصة القياس"),
        "owner": "Benchmark owner",
        "tenant_id": "tenant-bench",
        "domain": "healthcare",
        "compliance": ["pci_dss", "hipaa", "gdpr", "pdpl"],
        "data_residency": ["SA", "DE"],
        "tenancy": "shared_schema",
        "entities": [_entity(ei, fields, entities) for ei in range(entities)],
        "roles": roles,
        "pages": pages,
        "navigation": [{"page": page["key"]} for page in pages[:20]],
        "tiers": [{"key": "standard", "name": _label("Standard", "قياسية"), "price": "499.00",
                   "currency": "SAR", "interval": "month", "limits": {"users": 500}}],
        "environments": [
            {"name": "production", "provider": "on_premises", "region": "riyadh-dc1", "country": "SA",
             "server_size": "rack-large", "replicas": 3, "backups": True,
             "backup_retention_days": 35, "encryption_at_rest": True},
            {"name": "staging", "provider": "hetzner", "region": "fsn1", "server_size": "cx32",
             "backups": True, "encryption_at_rest": True},
            {"name": "development", "provider": "hetzner", "region": "hel1", "server_size": "cx22"},
        ],
        "locales": ["ar", "en"],
        "default_locale": "ar",
        "default_direction": "rtl",
    }


# ================================================================== timing
@dataclass
class Result:
    name: str
    runs_ms: list[float]
    best_ms: float
    detail: str = ""


def measure(name: str, work: Callable[[], Any], repeats: int, detail: str = "") -> Result:
    work()  # warm-up
    runs = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        work()
        runs.append((time.perf_counter() - start) * 1000)
    return Result(name, [round(r, 2) for r in runs], round(min(runs), 2), detail)


def run(entities: int, fields: int, repeats: int) -> dict[str, Any]:
    print(f"generating a blueprint of {entities} entities x {fields} fields ...", file=sys.stderr)
    document = generate_document(entities, fields)
    engine = load_builtin_packs()
    blueprint, report = validate_document(document, compliance=engine)
    if blueprint is None or any(f.source in ("schema", "rule") and f.severity.value == "error"
                                for f in report.findings):
        raise SystemExit(f"the generated blueprint is not valid: {report.to_json()['findings'][:5]}")
    schema = Blueprint.model_json_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    schema_errors = list(validator.iter_errors(document))
    if schema_errors:
        raise SystemExit(f"jsonschema refuses the generated blueprint: {schema_errors[0].message}")

    by_source = Counter(f.source for f in report.findings)
    print(f"findings: {dict(by_source)}; timing {repeats} runs each ...", file=sys.stderr)
    results = [
        measure("validate_document (schema + rules + compliance)",
                lambda: validate_document(document, compliance=engine), repeats),
        measure("  pydantic schema (Blueprint.model_validate)",
                lambda: Blueprint.model_validate(document), repeats),
        measure("  cross-field rules (check_rules)", lambda: check_rules(blueprint), repeats),
        measure("  compliance packs (ComplianceEngine)", lambda: engine(blueprint, document), repeats),
        measure("jsonschema Draft 2020-12 (iter_errors)",
                lambda: list(validator.iter_errors(document)), repeats),
    ]
    ours, baseline = results[0].best_ms, results[-1].best_ms
    return {
        "sizes": {"entities": entities, "fields_per_entity": fields, "fields": entities * fields,
                  "repeats": repeats},
        "environment": {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "pydantic": package_version("pydantic"),
            "jsonschema": package_version("jsonschema"),
            "common-expression-language": package_version("common-expression-language"),
        },
        "findings": {"total": len(report.findings), "by_source": dict(by_source)},
        "checks": len(engine.checks),
        "results": [asdict(r) for r in results],
        "ratio_jsonschema_over_ours": round(baseline / ours, 2),
        "target": {"description": f"validate_document < {TARGET_MS:g} ms", "target_ms": TARGET_MS,
                   "measured_ms": ours, "pass": ours < TARGET_MS},
    }


def print_report(report: dict[str, Any]) -> None:
    sizes, env = report["sizes"], report["environment"]
    print(f"Blueprint of {sizes['entities']} entities x {sizes['fields_per_entity']} fields "
          f"({sizes['fields']:,} fields), {report['checks']} compliance checks, "
          f"best of {sizes['repeats']} runs")
    print(f"Python {env['python']} ({env['machine']}), pydantic {env['pydantic']}, "
          f"jsonschema {env['jsonschema']}, cel {env['common-expression-language']}")
    print(f"findings: {report['findings']['total']} {report['findings']['by_source']}")
    print()
    print(f"{'contender':<52}{'best ms':>10}{'median ms':>11}")
    print("-" * 73)
    for result in report["results"]:
        runs = sorted(result["runs_ms"])
        print(f"{result['name']:<52}{result['best_ms']:>10.1f}{runs[len(runs) // 2]:>11.1f}")
    print()
    ours = report["results"][0]["best_ms"]
    baseline = report["results"][-1]["best_ms"]
    print(f"jsonschema / ours: {report['ratio_jsonschema_over_ours']:.2f}x "
          f"(ours {ours:.1f} ms does schema, rules and compliance; jsonschema {baseline:.1f} ms "
          "does the schema only)")
    target = report["target"]
    verdict = "PASS" if target["pass"] else "MISS"
    print(f"target {target['description']}: {target['measured_ms']:.1f} ms  {verdict}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entities", type=int, default=500)
    parser.add_argument("--fields", type=int, default=20, help="fields per entity")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    report = run(args.entities, args.fields, args.repeats)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Code generation speed, and how little a regeneration touches.

Run from the repository root::

    python -m benchmarks.codegen                  # a 200-entity blueprint
    python -m benchmarks.codegen --entities 50 --json

The blueprint is generated once: ``--entities`` entities of ``--fields`` fields mixing
every field type (references to earlier entities, enums, money, files, encrypted values,
patterns), three roles (one with every action, one with some, one limited to its own
records). Timed, into a temporary folder:

* first generation: render every file, write it, its pristine copy and the manifest, and
  commit the folder to git;
* regeneration of the same version: nothing may change;
* regeneration after adding one string field to one entity: only that entity's files and
  one new migration may change.

Anchors, on the same output: rendering alone (the Jinja2 templates, no comparing, writing
or git) and writing alone (the same bytes to a fresh folder with ``Path.write_bytes``).
The exit status is 1 when the one-field regeneration touches a file outside the expected
set, else 0. Progress goes to stderr, the report to stdout.
"""

from __future__ import annotations

import argparse
import copy
import json
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.domain.blueprint.validation import validate_document
from app.domain.codegen.plan import migration_jobs, normalise, render_jobs
from app.domain.codegen.spec import build_spec
from app.integrations.codegen_templates import JinjaTemplates
from app.integrations.git_repo import open_platform_repository
from app.integrations.platform_lock import PipLocks
from app.services.codegen import CodegenService

TYPES = ("string", "integer", "money", "enum", "date", "boolean", "text", "decimal", "reference",
         "file", "datetime", "string")


def _label(text: str) -> dict[str, str]:
    return {"en": text.replace("_", " ").title(), "ar": f"حقل {text}"}


def _field(ei: int, fi: int) -> dict[str, Any]:
    kind = TYPES[(ei + fi) % len(TYPES)]
    name = f"{kind}_{fi:02d}"
    field: dict[str, Any] = {"name": name, "label": _label(name), "type": kind}
    if kind == "string":
        field["max_length"] = 60
        if fi % 3 == 0:
            field.update(pattern=r"^[A-Z]{2}-[0-9]{4}$", max_length=7, unique=True, required=True)
        elif fi % 5 == 0:
            field.update(storage="encrypted", classification="personal")
    elif kind == "integer":
        field.update(minimum=0, maximum=100_000)
    elif kind == "money":
        field.update(currency="SAR", precision=12, scale=2, minimum=0)
    elif kind == "decimal":
        field.update(precision=10, scale=3)
    elif kind == "enum":
        field.update(enum_values=["draft", "active", "closed"], default="draft")
    elif kind == "reference":
        if ei == 0:
            return {"name": name, "label": _label(name), "type": "boolean"}
        field.update(reference=f"entity_{(ei * 7) % ei:03d}", on_delete="set_null")
    elif kind == "file":
        field.update(max_size_mb=5, allowed_media_types=["application/pdf"], storage="encrypted")
    return field


def build_document(entities: int, fields: int) -> dict[str, Any]:
    names = [f"entity_{i:03d}" for i in range(entities)]
    return {
        "schema_version": 1,
        "key": "benchmark",
        "name": {"en": "Benchmark platform", "ar": "منصة القياس"},
        "owner": "Benchmark owner",
        "tenant_id": "bench",
        "domain": "enterprise",
        "tenancy": "shared_schema",
        "entities": [
            {"name": name, "label": _label(name), "fields": [_field(i, f) for f in range(fields)]}
            for i, name in enumerate(names)
        ],
        "roles": [
            {"name": "admin", "label": _label("admin"), "permissions": [
                {"entity": n, "actions": ["list", "read", "create", "update", "delete", "export"]}
                for n in names]},
            {"name": "clerk", "label": _label("clerk"), "permissions": [
                {"entity": n, "actions": ["list", "read", "create"]} for n in names[::2]]},
            {"name": "member", "label": _label("member"), "permissions": [
                {"entity": n, "actions": ["list", "read", "update"], "own_records_only": True}
                for n in names[::3]]},
        ],
        "environments": [{"name": "production", "provider": "hetzner", "region": "fsn1",
                          "server_size": "cx22"}],
        "locales": ["ar", "en"],
        "default_locale": "ar",
        "default_direction": "rtl",
    }


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(entities: int, fields: int) -> dict[str, Any]:
    document = build_document(entities, fields)
    blueprint, report = validate_document(document)
    if blueprint is None or report.errors:
        raise SystemExit(f"the generated blueprint is not valid: {report.to_json()['findings'][:3]}")
    changed_document = copy.deepcopy(document)
    target = changed_document["entities"][entities // 2]
    target["fields"].append({"name": "added_note", "label": _label("added_note"), "type": "string",
                             "max_length": 80})
    changed, _ = validate_document(changed_document)
    assert changed is not None
    renderer = JinjaTemplates()
    service = CodegenService(renderer, open_platform_repository, locks=PipLocks())
    with tempfile.TemporaryDirectory(prefix="webnova-bench-") as folder:
        out = Path(folder) / "platform"
        _progress(f"first generation of {entities} entities x {fields} fields ...")
        first = service.generate_now(blueprint, out, version=1)
        files = len(first.files)
        _progress("regeneration of the same version ...")
        same = service.generate_now(blueprint, out, version=1)
        _progress("regeneration after a one-field change ...")
        one_field = service.generate_now(changed, out, version=2)

        _progress("anchors: rendering alone, writing alone ...")
        started = time.perf_counter()
        spec = build_spec(blueprint)
        jobs = [*render_jobs(spec), *migration_jobs(spec, None)[0]]
        texts = {j.path: normalise(j.content if j.content is not None
                                   else renderer.render(j.template or "", {"p": spec, **j.context}))
                 for j in jobs}
        render_seconds = time.perf_counter() - started
        floor = Path(folder) / "floor"
        started = time.perf_counter()
        for path, text in texts.items():
            file = floor / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(text.encode("utf-8"))
        write_seconds = time.perf_counter() - started

    module = target["name"]
    expected = {
        f"benchmark_api/models/{module}.py", f"benchmark_api/schemas/{module}.py",
        f"benchmark_api/api/{module}.py", f"tests/samples/{module}.json",
        f"migrations/versions/0002_alter_{module}.py",
    }
    touched = sorted(c.path for c in one_field.touched)
    return {
        "entities": entities,
        "fields_per_entity": fields,
        "files": files,
        "first_generation": {"seconds": round(first.seconds, 3),
                             "files_per_second": round(files / first.seconds, 1)},
        "same_version_regeneration": {"seconds": round(same.seconds, 3),
                                      "files_touched": len(same.touched), "commit": same.commit},
        "one_field_regeneration": {"seconds": round(one_field.seconds, 3),
                                   "files_touched": len(touched), "touched": touched,
                                   "only_affected_files": set(touched) <= expected},
        "anchors": {"render_only_seconds": round(render_seconds, 3),
                    "write_only_seconds": round(write_seconds, 3),
                    "ratio_first_generation_over_render_plus_write":
                        round(first.seconds / (render_seconds + write_seconds), 2)},
        "environment": {"python": platform.python_version(), "machine": platform.machine()},
    }


def print_report(report: dict[str, Any]) -> None:
    first = report["first_generation"]
    same = report["same_version_regeneration"]
    one = report["one_field_regeneration"]
    anchors = report["anchors"]
    print(f"blueprint: {report['entities']} entities x {report['fields_per_entity']} fields "
          f"-> {report['files']} files")
    print(f"first generation:           {first['seconds']:8.3f} s   {first['files_per_second']:8.1f} files/s")
    print(f"same version again:         {same['seconds']:8.3f} s   {same['files_touched']} files touched")
    print(f"after a one-field change:   {one['seconds']:8.3f} s   {one['files_touched']} files touched "
          f"({'only the affected files' if one['only_affected_files'] else 'MORE than the affected files'})")
    for path in one["touched"]:
        print(f"    {path}")
    print(f"anchors: rendering alone {anchors['render_only_seconds']:.3f} s, writing alone "
          f"{anchors['write_only_seconds']:.3f} s; first generation / (render + write) = "
          f"{anchors['ratio_first_generation_over_render_plus_write']:.2f}x "
          "(the rest is comparing, pristine copies, the manifest and the git commit)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entities", type=int, default=200)
    parser.add_argument("--fields", type=int, default=12)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    report = run(args.entities, args.fields)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 0 if report["one_field_regeneration"]["only_affected_files"] else 1


if __name__ == "__main__":
    raise SystemExit(main())

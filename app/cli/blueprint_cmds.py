"""``webnova blueprint ...``: create, check, compare, revert, move blueprints in and out.

``validate`` exits 0 when the blueprint has no errors, 1 when it has, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import EXIT_FAILED, EXIT_OK, CliError, UsageError, emit, emit_json, emit_table
from app.domain.blueprint.document import MAX_BYTES, ParsedDocument, parse_document
from app.domain.blueprint.findings import Finding, ValidationReport
from app.domain.blueprint.schema import blueprint_json_schema_text
from app.domain.plurals import count
from app.paths import resources_dir
from app.services.blueprints import BlueprintVersion, InvalidBlueprintError

Option = Callable[[argparse.ArgumentParser], None]
FORMATS = ("yaml", "json")


# A blueprint section -> the noun that counts its items.
SECTION_NOUNS = {"entities": "entity", "fields": "field", "relations": "relation", "roles": "role",
                 "pages": "page", "tiers": "tier", "environments": "environment"}

def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    group = commands.add_parser("blueprint", help="blueprints: create, validate, diff, history, revert, export, import")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help_text: str, handler: Callable[[argparse.Namespace], int],
               workspace: bool = True) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text, description=help_text)
        if workspace:
            workspace_option(p)
        json_option(p)
        p.set_defaults(handler=handler)
        return p

    p = action("new", "create a blueprint from a domain template", bp_new)
    p.add_argument("--template", required=True, metavar="DOMAIN",
                   help="financial, healthcare, government, education or enterprise")
    p.add_argument("--key", required=True, help="the new blueprint's key, e.g. clinic")

    action("list", "the blueprints in the workspace", bp_list)

    p = action("validate", "check a file or a stored blueprint; exit 0 valid, 1 invalid", bp_validate)
    p.add_argument("target", metavar="FILE|KEY", help="a YAML/JSON file, '-' for standard input, or a key")
    p.add_argument("--format", choices=FORMATS, help="file format (default: by content)")
    p.add_argument("--version", type=int, help="with a key: that version instead of the latest")

    p = action("diff", "what changed between two versions", bp_diff)
    p.add_argument("key", help="the blueprint's key (see 'webnova blueprint list')")
    p.add_argument("old", type=int, metavar="OLD", help="the earlier version")
    p.add_argument("new", type=int, metavar="NEW", help="the later version")

    p = action("history", "every version with who saved it and what changed", bp_history)
    p.add_argument("key", help="the blueprint's key (see 'webnova blueprint list')")

    p = action("revert", "make an earlier version the current one (as a new version)", bp_revert)
    p.add_argument("key", help="the blueprint's key (see 'webnova blueprint list')")
    p.add_argument("version", type=int, help="the version to bring back (as a new version)")

    p = action("export", "write a version as YAML or JSON", bp_export)
    p.add_argument("key", help="the blueprint's key (see 'webnova blueprint list')")
    p.add_argument("--version", type=int, help="a version (default: the latest)")
    p.add_argument("--format", choices=FORMATS, default="yaml", help="yaml (default) or json")
    p.add_argument("--out", type=Path, help="file to write (default: standard output)")

    p = action("import", "a file becomes a new blueprint or the next version of its key", bp_import)
    p.add_argument("file", metavar="FILE|-", help="a YAML or JSON blueprint file, or - for standard input")
    p.add_argument("--format", choices=FORMATS, help="file format (default: by content)")

    p = action("schema", "print the blueprint JSON Schema", bp_schema, workspace=False)
    p.add_argument("--write", action="store_true",
                   help="regenerate resources/schemas/blueprint.schema.json")


def actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "console-user"


def read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    path = Path(name)
    if not path.is_file():
        raise UsageError(f"no such file: {name}")
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1)  # a larger file is refused by the parser


def print_findings(findings: list[Finding], parsed: ParsedDocument | None = None) -> None:
    for finding in findings:
        where = finding.path or "/"
        position = parsed.position(finding.path) if parsed is not None else None
        if "line" in finding.extra:
            where = f"line {finding.extra['line']}:{finding.extra['column']}"
        elif position is not None:
            where = f"{where} (line {position[0]}:{position[1]})"
        text = finding.message_en
        if text.startswith(f"{finding.path}: "):
            text = text[len(finding.path) + 2:]
        emit(f"{finding.severity.value:<7} {where}  [{finding.code}] {text}")
        if finding.remediation_en:
            emit(f"        fix: {finding.remediation_en}")


def report_json(report: ValidationReport, parsed: ParsedDocument | None) -> dict[str, Any]:
    result = report.to_json()
    if parsed is not None:
        for item in result["findings"]:
            position = parsed.position(item["path"])
            if position is not None and "line" not in item:
                item["line"], item["column"] = position
    return result


def version_json(version: BlueprintVersion) -> dict[str, Any]:
    return {"key": version.key, "version": version.version, "recorded_at": version.recorded_at.isoformat(),
            "actor": version.actor}


def bp_new(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        templates = ws.blueprints.templates.list_templates()
        if ns.template not in templates:
            raise UsageError(f"no template {ns.template!r}; choose one of: {', '.join(templates)}")
        version = ws.blueprints.create_from_template_now(ns.template, ns.key, actor())
        _, report = ws.blueprints.validate(version.document)
    if ns.json:
        emit_json({**version_json(version), "validation": report.to_json()})
    else:
        emit(f"created blueprint {version.key!r} version 1 from the {ns.template} template")
        print_findings(report.sorted())
    return EXIT_OK


def bp_list(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        items = ws.blueprints.list_now()
    if ns.json:
        emit_json([{"key": b.key, "version": b.version, "name": {"en": b.name_en, "ar": b.name_ar},
                    "domain": b.domain, "updated_at": b.updated_at.isoformat(),
                    "updated_by": b.updated_by} for b in items])
    elif not items:
        emit("no blueprints yet: try 'webnova blueprint new --template healthcare --key clinic'")
    else:
        emit_table(["KEY", "VERSION", "DOMAIN", "NAME", "UPDATED", "BY"],
                   [[b.key, b.version, b.domain, b.name_en, b.updated_at.strftime("%Y-%m-%d %H:%M"),
                     b.updated_by] for b in items], max_width=50)
    return EXIT_OK


def bp_validate(ns: argparse.Namespace) -> int:
    console = open_console()
    target: str = ns.target
    is_file = target == "-" or Path(target).is_file() or target.endswith((".yaml", ".yml", ".json"))
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        parsed: ParsedDocument | None = None
        if is_file:
            parsed = parse_document(read_input(target), ns.format)
            if parsed.data is None:
                report = ValidationReport(tuple(parsed.findings))
            else:
                report = ws.blueprints.validate(parsed.data)[1]
        else:
            document = ws.blueprints.get_now(target, ns.version).document
            report = ws.blueprints.validate(document)[1]
    if ns.json:
        emit_json(report_json(report, parsed))
    else:
        print_findings(report.sorted(), parsed)
        errors = len(report.errors)
        emit(f"{'valid' if report.valid else 'invalid'}: {count(errors, 'error')}, "
             f"{count(len(report.findings) - errors, 'finding')} besides")
    return EXIT_OK if report.valid else EXIT_FAILED


def bp_diff(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        diff = ws.blueprints.diff_now(ns.key, ns.old, ns.new)
    if ns.json:
        emit_json(diff.to_json())
    elif diff.empty:
        emit(f"versions {ns.old} and {ns.new} are the same")
    else:
        for change in diff.changes:
            marker = {"added": "+", "removed": "-", "changed": "~"}[change.kind]
            emit(f"{marker} {change.describe()}")
    return EXIT_OK


def bp_history(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        history = ws.blueprints.history_now(ns.key)
    if ns.json:
        emit_json([{"version": h.version, "recorded_at": h.recorded_at.isoformat(), "actor": h.actor,
                    "kind": h.kind, "reverted_to": h.reverted_to, "changes": h.changes,
                    "source": h.source} for h in history])
        return EXIT_OK

    def summary(changes: dict[str, dict[str, int]]) -> str:
        parts = []
        for section, counts in changes.items():
            noun = SECTION_NOUNS.get(section, "")
            parts += [f"{count(n, noun) if noun else f'{n} {section}'} {kind}"
                      for kind, n in counts.items() if n]
        return ", ".join(parts)

    emit_table(["VERSION", "WHEN", "BY", "WHAT"],
               [[h.version, h.recorded_at.strftime("%Y-%m-%d %H:%M:%S"), h.actor,
                 h.source or (f"reverted to {h.reverted_to}" if h.reverted_to else summary(h.changes))]
                for h in history], max_width=70)
    return EXIT_OK


def bp_revert(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        version = ws.blueprints.revert_now(ns.key, ns.version, actor())
    if ns.json:
        emit_json({**version_json(version), "reverted_to": ns.version})
    else:
        emit(f"blueprint {ns.key!r} is now version {version.version}, equal to version {ns.version}")
    return EXIT_OK


def bp_export(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        text = ws.blueprints.export_now(ns.key, ns.format, ns.version)
    if ns.out:
        tmp = ns.out.with_name(ns.out.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(ns.out)
        if ns.json:
            emit_json({"key": ns.key, "file": str(ns.out), "format": ns.format})
        else:
            emit(f"wrote {ns.out}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def bp_import(ns: argparse.Namespace) -> int:
    console = open_console()
    data = read_input(ns.file)
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        try:
            version = ws.blueprints.import_text_now(data, ns.format, actor())
        except InvalidBlueprintError as exc:
            if ns.json:
                emit_json(exc.report.to_json())
            else:
                print_findings(exc.report.sorted(), parse_document(data, ns.format))
            raise CliError(f"not imported: {exc}") from None
    if ns.json:
        emit_json(version_json(version))
    else:
        emit(f"imported blueprint {version.key!r} as version {version.version}")
    return EXIT_OK


def bp_schema(ns: argparse.Namespace) -> int:
    text = blueprint_json_schema_text()
    if ns.write:
        path = resources_dir() / "schemas" / "blueprint.schema.json"
        path.write_text(text, encoding="utf-8")
        emit(f"wrote {path}")
        return EXIT_OK
    sys.stdout.write(text)
    return EXIT_OK



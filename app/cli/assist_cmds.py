"""``webnova assist "TEXT"`` and ``webnova ai ...``: the assistant on the command line.

``assist`` analyses the message and prints the proposal (intent, domain, frameworks,
region, the JSON Patch and the findings) without applying it; ``--accept`` applies it as a
new version under the same governance as the console. Exit 0 when the assistant answered
or proposed, 1 when the proposal was rejected, the call was denied or failed.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from app.cli.context import chosen_entry, open_console, opened_workspace
from app.cli.output import EXIT_FAILED, EXIT_OK, UsageError, emit, emit_fields, emit_json, note
from app.domain.blueprint.findings import Finding
from app.services.assistant_gateway import AssistEvent
from app.services.assistant_model import API_KEY_SECRET
from app.services.orchestrator import AssistResult

Option = Callable[[argparse.ArgumentParser], None]
T = TypeVar("T")
OK_STATUSES = ("proposed", "answered", "handed_off")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def register(commands: Any, workspace_option: Option, json_option: Option) -> None:
    p: argparse.ArgumentParser = commands.add_parser(
        "assist", help="ask the assistant for a blueprint proposal (Arabic or English)",
        description="Analyse a request and print the proposal without applying it.")
    p.add_argument("text", metavar="TEXT", help='e.g. "clinic booking platform in Riyadh with Arabic UI"')
    p.add_argument("--blueprint", metavar="KEY", help="change this blueprint (default: a new platform)")
    p.add_argument("--offline", action="store_true", help="use the offline planner, not Claude")
    p.add_argument("--accept", action="store_true", help="apply the proposal as a new version")
    p.add_argument("--model", help="the Claude model for this request")
    p.add_argument("--conversation", metavar="ID", help="continue this conversation")
    workspace_option(p)
    json_option(p)
    p.set_defaults(handler=assist_cmd)

    group = commands.add_parser("ai", help="the assistant: key, settings, usage, history, reviews")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, text: str, handler: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text)
        workspace_option(sub)
        json_option(sub)
        sub.set_defaults(handler=handler)
        return sub

    sub = action("key", "set or clear the Anthropic API key (kept in the OS keyring)", ai_key)
    sub.add_argument("operation", choices=("set", "clear", "status"), help="set (asks for the key), clear, or status")
    action("status", "which engine answers, the settings and this month's usage", ai_status)
    sub = action("config", "change the assistant's settings for this workspace", ai_config)
    sub.add_argument("--model", help="the Claude model, e.g. claude-sonnet-4-6")
    sub.add_argument("--base-url", help="an API gateway in front of Anthropic ('' to clear)")
    sub.add_argument("--max-attempts", type=int, help="tries for a valid proposal (1-10)")
    sub.add_argument("--max-tokens", type=int, help="the longest answer, in tokens")
    sub.add_argument("--max-retries", type=int, help="retries per call on 429/529/5xx (0-10)")
    sub.add_argument("--timeout", type=float, help="seconds per call")
    sub.add_argument("--fallback-offline", choices=("on", "off"), help="answer with the offline planner when Claude cannot be reached")
    sub = action("accept", "apply a proposal as a new blueprint version", ai_accept)
    sub.add_argument("proposal", help="the proposal's id (see 'webnova ai history')")
    sub.add_argument("--blueprint", metavar="KEY", help="the blueprint it changes (none: a new platform)")
    sub = action("reject", "reject a proposal (recorded; nothing changes)", ai_reject)
    sub.add_argument("proposal", help="the proposal's id (see 'webnova ai history')")
    sub.add_argument("--blueprint", metavar="KEY", help="the blueprint it would change")
    sub.add_argument("--reason", default="", help="why (kept with the conversation)")
    sub = action("history", "the conversation history of a blueprint", ai_history)
    sub.add_argument("--blueprint", metavar="KEY", help="none: conversations about new platforms")
    sub = action("explain", "explain a node (/entities/0), finding, check or rule", ai_explain)
    sub.add_argument("blueprint", metavar="KEY", help="the blueprint's key")
    sub.add_argument("target", help="a JSON Pointer (/entities/0), an entity name, a check id or a rule id")
    sub.add_argument("--language", choices=("en", "ar"), default="en", help="the answer's language")
    sub.add_argument("--offline", action="store_true", help="use the offline planner, not Claude")
    sub = action("review", "smart suggestions for a blueprint, by category", ai_review)
    sub.add_argument("blueprint", metavar="KEY", help="the blueprint's key")
    sub.add_argument("--offline", action="store_true", help="use the offline planner, not Claude")
    sub.add_argument("--propose", metavar="SUGGESTION", help="turn a suggestion into a proposal")
    sub.add_argument("--review", metavar="ID", help="with --propose: the review it is from")


def _streamer(enabled: bool) -> Callable[[AssistEvent], None] | None:
    if not enabled:
        return None

    def listen(event: AssistEvent) -> None:
        if event.kind == "text":
            sys.stdout.write(event.text)
            sys.stdout.flush()
        elif event.kind == "retry":
            note(f"{event.text}; retrying in {event.delay:.1f} s")
    return listen


def print_findings(findings: tuple[Finding, ...] | list[Finding]) -> None:
    for finding in findings:
        emit(f"  {finding.severity.value:<7} {finding.path or '/'}  [{finding.code}] {finding.message_en}")


def print_result(result: AssistResult) -> None:
    emit()
    engine = "Claude" + (f" ({result.model})" if result.model else "") if result.engine == "claude" \
        else "offline planner"
    intent = result.intent
    proposal = result.proposal
    summary = proposal.summary if proposal else {}
    region = summary.get("region") or {}
    fields: list[tuple[str, object]] = [
        ("engine", engine), ("status", result.status), ("intent", intent.kind.value),
        ("domain", summary.get("domain") or intent.domain),
        ("frameworks", ", ".join(summary.get("frameworks", [])) or None),
        ("region", " ".join(str(v) for v in (region.get("provider"), region.get("region"),
                                              region.get("country")) if v) or None),
        ("entities", ", ".join(summary.get("entities", [])) or None),
        ("roles", ", ".join(summary.get("roles", [])) or None),
    ]
    if proposal is None:
        fields = [f for f in fields if f[1] is not None]
    if result.usage:
        cost = sum((u.cost for u in result.usage if u.cost is not None), start=0)
        fields.append(("usage", f"{result.tokens} tokens, {cost} USD"))
    emit_fields(fields)
    for line in result.notes:
        note(line)
    if proposal is None:
        return
    emit(f"\nproposal {proposal.id} for {proposal.key!r} (not applied)")
    emit("patch:")
    for op in proposal.patch:
        value = "" if "value" not in op else " " + json.dumps(op["value"], ensure_ascii=False)
        emit(f"  {op['op']} {op.get('from', '') + ' -> ' if 'from' in op else ''}{op['path']}"
             f"{value if len(value) < 100 else value[:97] + '…'}")
    emit("changes:")
    for change in proposal.diff.changes:
        marker = {"added": "+", "removed": "-", "changed": "~"}[change.kind]
        emit(f"  {marker} {change.describe()}")
    emit("findings:" if proposal.findings else "findings: none")
    print_findings(proposal.findings)


def assist_cmd(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        orchestrator = ws.orchestrator

        async def go() -> tuple[AssistResult, Any]:
            result = await orchestrator.assist(
                ns.text, blueprint_key=ns.blueprint, offline=ns.offline, actor=ws.current_user,
                listener=_streamer(not ns.json), model_name=ns.model,
                conversation_id=ns.conversation)
            accepted = None
            if ns.accept and result.proposal is not None:
                accepted = await orchestrator.accept(result.proposal.id, blueprint_key=ns.blueprint,
                                                     actor=ws.current_user, wait_for_approval=False)
            return result, accepted

        result, accepted = run(go())
    if ns.json:
        data = result.to_json()
        data["accepted"] = None if accepted is None else accepted.to_json()
        emit_json(data)
    else:
        print_result(result)
        if accepted is not None:
            emit(f"\naccepted: blueprint {accepted.version.key!r} is now version {accepted.version.version}")
        elif ns.accept and result.proposal is None:
            note("nothing to accept: there was no valid proposal")
    if result.status not in OK_STATUSES or (ns.accept and accepted is None):
        return EXIT_FAILED
    return EXIT_OK


def ai_key(ns: argparse.Namespace) -> int:
    console = open_console()
    if ns.operation == "clear":
        console.secrets.delete(API_KEY_SECRET)
        emit("the Anthropic API key was removed from the OS keyring")
        return EXIT_OK
    if ns.operation == "status":
        present = bool(console.secrets.get(API_KEY_SECRET))
        if ns.json:
            emit_json({"api_key": present})
        else:
            emit("an Anthropic API key is set" if present else "no Anthropic API key is set")
        return EXIT_OK
    value = getpass.getpass("Anthropic API key: ") if sys.stdin.isatty() else sys.stdin.readline()
    if not value.strip():
        raise UsageError("no key given (type it, or pipe it on standard input)")
    console.secrets.set(API_KEY_SECRET, value.strip())
    emit("the Anthropic API key is stored in the OS keyring")
    return EXIT_OK


def ai_status(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        gateway = ws.orchestrator.gateway

        async def go() -> tuple[Any, bool, dict[str, Any]]:
            return await gateway.settings(), await gateway.has_api_key(), await gateway.usage_this_month()

        settings, has_key, usage = run(go())
    data = {"engine": "claude" if has_key else "offline", "api_key": has_key,
            "settings": settings.to_json(), "usage": usage}
    if ns.json:
        emit_json(data)
    else:
        emit_fields([("engine", "Claude" if has_key else "offline planner (no API key)"),
                     ("model", settings.model), ("base url", settings.base_url),
                     ("this month", f"{usage['calls']} calls, {usage['input_tokens']} in / "
                                    f"{usage['output_tokens']} out tokens, {usage['cost']} {usage['currency']}"),
                     ("prompt cache", f"{usage['cache_read_input_tokens']} tokens read, "
                                      f"{usage['cache_creation_input_tokens']} written")])
    return EXIT_OK


def ai_config(ns: argparse.Namespace) -> int:
    changes: dict[str, Any] = {}
    for name, key in (("model", "model"), ("base_url", "base_url"), ("max_attempts", "max_attempts"),
                      ("max_tokens", "max_tokens"), ("max_retries", "max_retries"),
                      ("timeout", "timeout_seconds")):
        value = getattr(ns, name)
        if value is not None:
            changes[key] = value
    if ns.fallback_offline is not None:
        changes["fallback_offline"] = ns.fallback_offline == "on"
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        gateway = ws.orchestrator.gateway
        settings = run(gateway.update_settings(ws.current_user, **changes)) if changes else run(gateway.settings())
    if ns.json:
        emit_json(settings.to_json())
    else:
        emit_fields([(k, v) for k, v in settings.to_json().items()])
    return EXIT_OK


def ai_accept(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        accepted = run(ws.orchestrator.accept(ns.proposal, blueprint_key=ns.blueprint,
                                              actor=ws.current_user, wait_for_approval=False))
    if ns.json:
        emit_json(accepted.to_json())
    else:
        emit(f"accepted: blueprint {accepted.version.key!r} is now version {accepted.version.version}")
    return EXIT_OK


def ai_reject(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        run(ws.orchestrator.reject(ns.proposal, blueprint_key=ns.blueprint, actor=ws.current_user,
                                   reason=ns.reason))
    if ns.json:
        emit_json({"proposal": ns.proposal, "rejected": True})
    else:
        emit(f"rejected proposal {ns.proposal}; nothing was changed")
    return EXIT_OK


def ai_history(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        entries = run(ws.orchestrator.history(ns.blueprint))
    if ns.json:
        emit_json([e.to_json() for e in entries])
        return EXIT_OK
    for entry in entries:
        when = entry.recorded_at.strftime("%Y-%m-%d %H:%M")
        if entry.kind == "message":
            who = entry.actor if entry.role == "user" else f"assistant ({entry.data.get('engine', '?')})"
            emit(f"{when}  {who}: {entry.text}")
        elif entry.kind == "proposal":
            emit(f"{when}  proposal {entry.data.get('id')} for {entry.data.get('key')!r}")
        elif entry.kind == "review":
            emit(f"{when}  review {entry.data.get('review_id')} of version {entry.data.get('version')}")
        else:
            emit(f"{when}  {entry.actor} {entry.kind} proposal {entry.data.get('proposal_id')}")
    return EXIT_OK


def ai_explain(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        explanation = run(ws.orchestrator.explainer.explain(
            ns.blueprint, ns.target, language=ns.language, offline=ns.offline,
            actor=ws.current_user))
    if ns.json:
        emit_json(explanation.to_json())
    else:
        emit(explanation.text)
        emit(f"\n(engine: {explanation.engine})")
    return EXIT_OK


def ai_review(ns: argparse.Namespace) -> int:
    console = open_console()
    with opened_workspace(console, chosen_entry(console, ns)) as ws:
        suggestions = ws.orchestrator.suggestions
        if ns.propose:
            if not ns.review:
                raise UsageError("--propose needs --review ID")
            proposal = run(suggestions.propose(ns.blueprint, ns.review, ns.propose, actor=ws.current_user))
            if ns.json:
                emit_json(proposal.to_json())
            else:
                emit(f"proposal {proposal.id}: {proposal.rationale_en}")
                emit(f"accept with: webnova ai accept {proposal.id} --blueprint {ns.blueprint}")
            return EXIT_OK
        review = run(suggestions.review(ns.blueprint, offline=ns.offline, actor=ws.current_user))
    if ns.json:
        emit_json(review.to_json())
        return EXIT_OK
    emit(f"review {review.id} of {ns.blueprint!r} version {review.version} ({review.engine})")
    for category in review.categories:
        emit(f"\n{category.category}: {category.score}/100 — {category.reasoning_en}")
        for item in category.suggestions:
            mark = "*" if item.operations else "-"
            emit(f"  {mark} {item.title_en} [{item.id}]")
    return EXIT_OK

"""What Claude is told: the system prompt, the tools it may call, and the messages that
carry the owner's request, the base document and, after a failed attempt, the exact errors.

The model gets no tool that applies, approves or deploys anything; it can only propose.

The system prompt (with the schema), the tools and the current blueprint are the same on
every attempt of a request, so they come first and are marked for the prompt cache; what
changes (the console's reading, the findings, the owner's words, repair feedback) follows.
"""

from __future__ import annotations

import json
from typing import Any

from app.domain.assist.intents import Intent
from app.domain.assist.lexicon import DOMAINS

PROPOSE_TOOL = "propose_blueprint_patch"
REVIEW_TOOL = "record_review"
CATEGORIES = ("security", "performance", "compliance", "best_practice")

_OPERATION = {
    "type": "object",
    "properties": {
        "op": {"type": "string", "enum": ["add", "remove", "replace", "move", "copy", "test"]},
        "path": {"type": "string", "description": "JSON Pointer into the BASE document"},
        "from": {"type": "string"},
        "value": {},
    },
    "required": ["op", "path"],
}

PROPOSE_TOOL_SPEC: dict[str, Any] = {
    "name": PROPOSE_TOOL,
    "description": (
        "Propose a change to the platform blueprint as RFC 6902 JSON Patch operations against "
        "the BASE document in the conversation. The console validates it and shows the owner "
        "a diff to accept or reject; calling this applies nothing."),
    "input_schema": {
        "type": "object",
        "properties": {
            "intent": {"type": "string", "enum": ["create", "modify"]},
            "rationale": {"type": "string",
                          "description": "one to three sentences, in the owner's language"},
            "template": {"type": "string", "enum": list(DOMAINS),
                         "description": "new platforms only: start from this domain template "
                                        "instead of the BASE given"},
            "operations": {"type": "array", "items": _OPERATION},
        },
        "required": ["rationale", "operations"],
    },
}

REVIEW_TOOL_SPEC: dict[str, Any] = {
    "name": REVIEW_TOOL,
    "description": "Record a review of the blueprint, by category, with scores and suggestions.",
    "input_schema": {
        "type": "object",
        "properties": {
            "categories": {"type": "array", "items": {
                "type": "object",
                "properties": {
                    "category": {"type": "string", "enum": list(CATEGORIES)},
                    "score": {"type": "integer", "minimum": 0, "maximum": 100},
                    "reasoning": {"type": "string"},
                    "suggestions": {"type": "array", "items": {
                        "type": "object",
                        "properties": {
                            "title": {"type": "string"},
                            "reasoning": {"type": "string"},
                            "operations": {"type": "array", "items": _OPERATION},
                        },
                        "required": ["title", "reasoning"],
                    }},
                },
                "required": ["category", "score", "reasoning"],
            }},
        },
        "required": ["categories"],
    },
}

SYSTEM = """\
You are the design assistant of WebNova Console, a desktop platform factory for sovereign \
owners (finance, healthcare, government, education, enterprise). The owner describes what \
they want in Arabic or English; you help them shape a platform blueprint.

Rules you always follow:
- You only propose. A proposal is a call to propose_blueprint_patch; the owner reads the \
diff and accepts or rejects it. Never say you applied, saved, deployed or approved anything.
- You cannot deploy, approve, apply or change governance. If the owner asks to deploy, say \
that deployments go through the console's deployment flow after they accept the blueprint, \
with the approvals their constitution requires.
- Answer in the language of the owner's message, briefly.
- For a change, call propose_blueprint_patch once, with every operation needed, against the \
BASE document shown in the latest context. Append to arrays with "/-". Keep /key, /tenant_id \
and /schema_version of an existing blueprint unchanged.
- For a question (explain, cost, compliance), answer in text. Propose a change only when \
the owner asks for one or a finding needs it.

The result must satisfy the blueprint schema below and the compliance frameworks it lists:
- personal data: entities with personal, sensitive_health or payment_card fields need \
retention_days and an erasure path (GDPR, PDPL); servers stand in the data_residency \
countries (EU/EEA for GDPR, Saudi Arabia for PDPL unless listed).
- health data (HIPAA, PDPL, GDPR): sensitive_health fields encrypted or the entity \
encrypted_at_rest; audit_log on those entities; production backups on.
- card data (PCI DSS): every environment encryption_at_rest; card numbers stored as \
provider_token; no card verification codes; no export permission on card entities; \
audit_log on card entities.
- references point at existing entities; page and navigation keys exist; Hetzner regions \
are fsn1, nbg1, hel1, ash, hil, sin; an on_premises environment names its country.

Blueprint JSON Schema:
"""


def system_prompt(schema: dict[str, Any]) -> str:
    return SYSTEM + json.dumps(schema, separators=(",", ":"), ensure_ascii=False)


def compact(document: dict[str, Any]) -> str:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


CACHED = {"type": "ephemeral"}


def request_message(text: str, intent: Intent, base_label: str, base: dict[str, Any],
                    findings: str) -> list[dict[str, Any]]:
    """The owner's turn as two blocks: the current blueprint, cached, then the rest."""
    return [
        {"type": "text", "text": f"<context>\nBASE ({base_label}):\n{compact(base)}\n</context>",
         "cache_control": CACHED},
        {"type": "text", "text": (
            "<context>\n"
            f"The console's own reading of the message: {json.dumps(intent.to_json(), ensure_ascii=False)}\n"
            f"Findings on BASE now:\n{findings or '- none'}\n"
            "</context>\n\n"
            f"The owner's message:\n{text}")},
    ]


def repair_message(problems: str, attempt: int, attempts: int) -> str:
    return (
        f"The proposal was not accepted (attempt {attempt} of {attempts}):\n{problems}\n"
        f"Call {PROPOSE_TOOL} again with the complete, corrected list of operations against "
        "the same BASE document.")


def rebase_message(template: str, base: dict[str, Any]) -> str:
    return (f"BASE is now the {template} template. Write the operations against it:\n"
            f"{compact(base)}")


def refused_message(name: str, reason: str) -> str:
    return (f"Refused: the tool {name!r} does not exist here and {reason}. "
            f"The only action available is {PROPOSE_TOOL}; the owner decides the rest.")


def explain_message(subject: str, facts: str, language: str) -> str:
    tongue = "Arabic" if language == "ar" else "English"
    return (f"Explain this to the owner in {tongue}, in a short paragraph or two: what it is, "
            f"why it matters for their platform, and what they might do about it.\n\n"
            f"{subject}\n\nWhat the console knows:\n{facts}")


def review_message(base: dict[str, Any], findings: str, offline: str) -> str:
    return (
        f"Review this blueprint in the categories {', '.join(CATEGORIES)}. Call {REVIEW_TOOL} "
        "once. Add what the console's rule-based review below does not already say; "
        "operations are JSON Patch against the blueprint and optional.\n\n"
        f"Blueprint:\n{compact(base)}\n\nFindings:\n{findings or '- none'}\n\n"
        f"Rule-based review:\n{offline}")

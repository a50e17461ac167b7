"""Fixtures for code generation: the real templates, renderer and git repositories."""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.domain.blueprint.model import Blueprint
from app.integrations.codegen_templates import JinjaTemplates
from app.integrations.git_repo import open_platform_repository
from app.integrations.platform_lock import PipLocks
from app.services.codegen import CodegenService
from app.store.platform_registry import JsonPlatformRegistry
from app.store.resource_files import load_template

TEMPLATES = ("education", "enterprise", "financial", "government", "healthcare")


def template_document(name: str) -> dict[str, Any]:
    return copy.deepcopy(load_template(name))


def card_paying_document() -> dict[str, Any]:
    """The financial template where the card entity also declares what card numbers look
    like (a pattern on the token field) and keeps the cardholder's name, encrypted."""
    document = template_document("financial")
    document["key"] = "card-paying"
    card = next(e for e in document["entities"] if e["name"] == "card")
    token = next(f for f in card["fields"] if f["name"] == "card_token")
    token["pattern"] = "^[0-9]{13,19}$"
    token["min_length"] = 13
    card["fields"].append({
        "name": "cardholder_name", "label": {"en": "Cardholder name", "ar": "اسم حامل البطاقة"},
        "type": "string", "max_length": 120, "classification": "payment_card", "storage": "encrypted",
    })
    return document


def blueprint_of(document: dict[str, Any]) -> Blueprint:
    return Blueprint.model_validate(document)


def entity(document: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in document["entities"] if e["name"] == name)


def files_of(root: Path) -> dict[str, bytes]:
    """Every file of a folder except git's own, by relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


@pytest.fixture(scope="session")
def renderer() -> JinjaTemplates:
    return JinjaTemplates()


@pytest.fixture
def codegen(renderer: JinjaTemplates, console_home: Path) -> CodegenService:
    return CodegenService(renderer, open_platform_repository, JsonPlatformRegistry(), locks=PipLocks())


@pytest.fixture
def clinic() -> Callable[[], dict[str, Any]]:
    return lambda: template_document("healthcare")


@pytest.fixture(scope="session")
def locked_wheels() -> Path:
    """The wheels of the console's shipped platform lock for this machine, fetched once
    (hash-checked) into a cache kept between runs; a new lock gets a folder of its own."""
    locks = PipLocks()
    texts = locks.shipped()
    digest = hashlib.sha256("".join(texts[name] for name in sorted(texts)).encode()).hexdigest()[:16]
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "webnova-console-tests" / f"wheels-{digest}"
    ready = folder / ".complete"
    if not ready.exists():
        locks.fetch_wheels([locks.folder / name for name in sorted(texts)], folder, targets=("native",))
        ready.write_text("ok\n")
    return folder

"""Fixtures for code generation: the real templates, renderer and git repositories."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.domain.blueprint.model import Blueprint
from app.integrations.codegen_templates import JinjaTemplates
from app.integrations.git_repo import open_platform_repository
from app.services.codegen import CodegenService
from app.store.platform_registry import JsonPlatformRegistry
from app.store.resource_files import load_template

TEMPLATES = ("education", "enterprise", "financial", "government", "healthcare")


def template_document(name: str) -> dict[str, Any]:
    return copy.deepcopy(load_template(name))


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
    return CodegenService(renderer, open_platform_repository, JsonPlatformRegistry())


@pytest.fixture
def clinic() -> Callable[[], dict[str, Any]]:
    return lambda: template_document("healthcare")

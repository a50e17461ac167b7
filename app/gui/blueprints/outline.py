"""The editor's tree of sections, computed from a document (Qt-free).

Sections come in a fixed order; named collections list their items, and an entity lists
its fields and relations. Each node knows the JSON Pointer of the data its form edits, so
a finding's path leads to the node that can fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.blueprint.findings import pointer_parts

# Section -> the kind of its items (None: the section edits top-level attributes).
SECTIONS: tuple[tuple[str, str | None], ...] = (
    ("identity", None),
    ("compliance", None),
    ("entities", "entity"),
    ("roles", "role"),
    ("pages", "page"),
    ("tiers", "tier"),
    ("integrations", "integration"),
    ("environments", "environment"),
    ("locales", None),
)
ITEM_KINDS = {kind: section for section, kind in SECTIONS if kind}
# Top-level attributes edited by the sections without items.
SECTION_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "identity": ("key", "name", "description", "owner", "tenant_id", "domain", "tenancy"),
    "compliance": ("compliance", "data_residency"),
    "locales": ("locales", "default_locale", "default_direction"),
}
# Where a finding about another top-level attribute is best fixed.
OTHER_ATTRIBUTES = {"schema_version": "identity", "navigation": "pages", "transfers": "compliance"}
# An entity's own collections, shown as its children.
ENTITY_CHILDREN = (("fields", "field"), ("relations", "relation"))
# The attribute that names an item, and the one that labels it.
ITEM_NAME = {
    "entity": "name", "field": "name", "relation": "name", "role": "name", "page": "key",
    "tier": "key", "integration": "category", "environment": "name",
}
ITEM_LABEL = {
    "entity": "label", "field": "label", "relation": "label", "role": "label", "page": "title",
    "tier": "name", "integration": "purpose",
}


@dataclass(frozen=True)
class OutlineNode:
    kind: str  # a section name, or an item kind ("entity", "field", ...)
    path: str  # JSON Pointer of the edited data: "" for top-level sections, else the item
    name: str = ""  # the item's own name (entity.name, page.key, ...)
    label_en: str = ""
    label_ar: str = ""
    children: tuple[OutlineNode, ...] = ()

    @property
    def node_id(self) -> str:
        return f"{self.kind}:{self.path}"

    @property
    def is_item(self) -> bool:
        return self.kind not in dict(SECTIONS)

    def label(self, language: str) -> str:
        text = self.label_ar if language == "ar" else self.label_en
        return text or self.label_en or self.label_ar

    def walk(self) -> list[OutlineNode]:
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found


def _item(kind: str, path: str, value: dict[str, Any], children: tuple[OutlineNode, ...] = ()
          ) -> OutlineNode:
    name = value.get(ITEM_NAME[kind])
    label = value.get(ITEM_LABEL.get(kind, ""))
    texts = label if isinstance(label, dict) else {}
    en, ar = (texts.get(lang) for lang in ("en", "ar"))
    if kind == "integration" and isinstance(value.get("provider"), str):
        name = f"{name} · {value['provider']}"
    return OutlineNode(kind, path, _text(name), _text(en), _text(ar), children)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def build_outline(document: dict[str, Any]) -> tuple[OutlineNode, ...]:
    """The tree for ``document``; anything that is not shaped as expected is left out
    (the raw view and the findings still show it)."""
    nodes = []
    for section, kind in SECTIONS:
        if kind is None:
            nodes.append(OutlineNode(section, ""))
            continue
        items = document.get(section)
        children = []
        if isinstance(items, list):
            for index, value in enumerate(items):
                if not isinstance(value, dict):
                    continue
                path = f"/{section}/{index}"
                grandchildren: tuple[OutlineNode, ...] = ()
                if kind == "entity":
                    grandchildren = _entity_children(path, value)
                children.append(_item(kind, path, value, grandchildren))
        nodes.append(OutlineNode(section, f"/{section}", children=tuple(children)))
    return tuple(nodes)


def _entity_children(path: str, entity: dict[str, Any]) -> tuple[OutlineNode, ...]:
    result = []
    for collection, kind in ENTITY_CHILDREN:
        items = entity.get(collection)
        if not isinstance(items, list):
            continue
        for index, value in enumerate(items):
            if isinstance(value, dict):
                result.append(_item(kind, f"{path}/{collection}/{index}", value))
    return tuple(result)


def all_nodes(outline: tuple[OutlineNode, ...]) -> list[OutlineNode]:
    found: list[OutlineNode] = []
    for node in outline:
        found.extend(node.walk())
    return found


def node_for_path(outline: tuple[OutlineNode, ...], path: str) -> OutlineNode | None:
    """The node whose form edits ``path``: the deepest item containing it, else the
    section of its top-level attribute."""
    parts = pointer_parts(path)
    best: OutlineNode | None = None
    for node in all_nodes(outline):
        if not node.is_item:
            continue
        node_parts = pointer_parts(node.path)
        if parts[: len(node_parts)] == node_parts and (
            best is None or len(node_parts) > len(pointer_parts(best.path))
        ):
            best = node
    if best is not None:
        return best
    top = parts[0] if parts else ""
    section = OTHER_ATTRIBUTES.get(top, "identity")
    for name, attributes in SECTION_ATTRIBUTES.items():
        if top in attributes:
            section = name
    if top in ITEM_KINDS.values():
        section = top
    return next((n for n in outline if n.kind == section), None)


def find_node(outline: tuple[OutlineNode, ...], node_id: str) -> OutlineNode | None:
    return next((n for n in all_nodes(outline) if n.node_id == node_id), None)


def shape(outline: tuple[OutlineNode, ...]) -> list[str]:
    """The node ids in order: equal shapes can be updated in place instead of rebuilt."""
    return [n.node_id for n in all_nodes(outline)]

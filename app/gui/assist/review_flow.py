"""Smart-suggestion reviews as the pane shows them (Qt-free): a review's categories with
score and reasoning, and each suggestion's title, reasoning and whether it can become a
proposal. Fresh reviews and past ones (as recorded) read the same way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.services.suggestions import PastReview, Review


@dataclass(frozen=True)
class SuggestionItem:
    id: str
    category: str
    title_en: str
    title_ar: str
    reasoning_en: str
    reasoning_ar: str
    proposable: bool
    source: str  # "rules" or "claude"


@dataclass(frozen=True)
class CategoryItem:
    category: str
    score: int
    reasoning_en: str
    reasoning_ar: str
    suggestions: tuple[SuggestionItem, ...]


@dataclass(frozen=True)
class ReviewView:
    id: str
    blueprint_key: str
    version: int
    engine: str
    model: str | None
    recorded_at: datetime | None
    actor: str | None
    categories: tuple[CategoryItem, ...]
    notes: tuple[str, ...] = ()

    @property
    def scores(self) -> dict[str, int]:
        return {c.category: c.score for c in self.categories}


def _pair(value: Any) -> tuple[str, str]:
    if isinstance(value, dict):
        return str(value.get("en", "")), str(value.get("ar", "") or value.get("en", ""))
    return str(value or ""), str(value or "")


def categories_of(data: dict[str, Any]) -> tuple[CategoryItem, ...]:
    """The categories of a review as recorded (``Review.to_json()`` shape)."""
    result = []
    for item in data.get("categories", []):
        suggestions = []
        for raw in item.get("suggestions", []):
            title, reasoning = _pair(raw.get("title")), _pair(raw.get("reasoning"))
            suggestions.append(SuggestionItem(
                str(raw.get("id")), str(raw.get("category", item.get("category"))), *title,
                *reasoning, bool(raw.get("proposable", raw.get("operations"))),
                str(raw.get("source", "rules"))))
        reasoning = _pair(item.get("reasoning"))
        result.append(CategoryItem(str(item.get("category")), int(item.get("score", 100)),
                                   *reasoning, tuple(suggestions)))
    return tuple(result)


def from_review(review: Review, actor: str | None = None) -> ReviewView:
    return ReviewView(review.id, review.blueprint_key, review.version, review.engine,
                      review.model, None, actor, categories_of(review.to_json()), review.notes)


def from_past(past: PastReview, blueprint_key: str) -> ReviewView:
    data = past.data
    return ReviewView(past.id, blueprint_key, past.version, past.engine, data.get("model"),
                      past.recorded_at, past.actor, categories_of(data),
                      tuple(data.get("notes", [])))

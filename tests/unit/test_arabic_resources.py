"""Texts the owner reads that live in resources, not in the catalogue: in both languages."""

from __future__ import annotations

import re

from app.paths import resources_dir


def test_the_default_constitutions_comments_are_in_both_languages() -> None:
    """The owner reads the default constitution in the console in either language: every
    English comment has its Arabic line too."""
    text = (resources_dir() / "constitution" / "default.yaml").read_text(encoding="utf-8")
    comments = [line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")]
    arabic = [c for c in comments if re.search("[\u0600-\u06ff]", c)]
    english = [c for c in comments if re.search("[A-Za-z]", c) and c not in arabic]
    assert english and len(arabic) >= len(english)

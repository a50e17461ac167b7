"""Sample values for the generated tests satisfy every constraint of their field; a
pattern gets a matching example, different for each variant where it can be."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.codegen.samples import pattern_example, platform_samples
from app.domain.codegen.spec import build_spec
from tests.codegen.conftest import TEMPLATES, blueprint_of, template_document

ATOMS = st.sampled_from([
    "[A-Z]", "[a-z0-9]", "[0-9]", r"\d", r"\w", "x", "-", r"\.", "[^@ ]", "(ab|cd)", "[A-F0-9]",
])
QUANTIFIERS = st.sampled_from(["", "?", "*", "+", "{2}", "{1,3}", "{3,}"])


@given(st.lists(st.tuples(ATOMS, QUANTIFIERS), min_size=1, max_size=6), st.integers(0, 5))
@settings(max_examples=150, deadline=None)
def test_pattern_examples_match_their_pattern(parts: list[tuple[str, str]], variant: int) -> None:
    pattern = "^" + "".join(atom + quantifier for atom, quantifier in parts) + "$"
    example = pattern_example(pattern, variant)
    assert example is not None
    assert re.search(pattern, example)


def test_pattern_examples_of_the_templates() -> None:
    for pattern in (r"^[A-Z]{3}-[0-9]{3}$", r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", r"^\+9665[0-9]{8}$",
                    r"^SA[0-9]{22}$", r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$"):
        examples = {pattern_example(pattern, v) for v in range(3)}
        assert all(e is not None and re.search(pattern, e) for e in examples)
        assert len(examples) == 3  # unique fields need distinct values


def test_unsatisfiable_or_unsupported_patterns_give_none() -> None:
    assert pattern_example(r"^(?=a)b$") is None
    assert pattern_example("(") is None


def test_every_template_entity_has_complete_samples() -> None:
    for name in TEMPLATES:
        spec = build_spec(blueprint_of(template_document(name)))
        samples = platform_samples(spec)
        assert all(s["seedable"] for s in samples.values()), name
        for entity in spec.entities:
            data = samples[entity.name]
            for field in entity.fields:
                if field.pattern is None:
                    continue
                for payload in data["valid"]:
                    value = payload.get(field.api_name)
                    assert value is None or re.search(field.pattern, value), (entity.name, field.name)
            assert any(case["case"] == "unknown field" for case in data["invalid"])

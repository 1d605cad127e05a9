"""docs/yaml-reference.md documents every key a course file may hold, and matches the model."""

from __future__ import annotations

from coursegen.reference import SECTIONS, yaml_reference
from tests.conftest import REPO

REFERENCE = REPO / "docs" / "yaml-reference.md"


def test_the_committed_reference_is_the_generated_one() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == yaml_reference(), (
        "regenerate it: python -m coursegen.reference > docs/yaml-reference.md"
    )


def test_every_field_of_every_file_model_is_documented() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    for _title, _blurb, models in SECTIONS:
        for model in models:
            section = text.split(f"### {model.__name__}\n", 1)[1].split("\n### ", 1)[0]
            for name in set(model.model_fields) - model.internal_fields():
                key = model.model_fields[name].alias or name  # the key as YAML spells it
                assert f"| `{key}` |" in section, f"{model.__name__}.{key} is not documented"

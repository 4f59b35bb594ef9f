"""`timeline schema`: the JSON Schema editors use accepts every valid log here and flags the usual mistakes."""

from __future__ import annotations

import datetime
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from timeline.log import schema
from timeline.log.schema import json_schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def as_editor_reads(text: str) -> Any:
    """Give YAML as the YAML language server sees it: YAML 1.2, with dates left as text."""
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value
    return plain(YAML(typ="safe", pure=True).load(io.StringIO(text)))


_TYPES = {"string": str, "integer": int, "boolean": bool, "object": dict, "array": list}


def violations(value: Any, node: dict[str, Any], where: str = "$") -> list[str]:
    """Give where `value` breaks `node`: the subset of JSON Schema that json_schema() uses, checked by hand.

    (jsonschema is not a declared dependency; test_the_schema_is_valid_draft_2020_12 uses it when installed.)
    """
    found: list[str] = []
    if "type" in node:
        names = node["type"] if isinstance(node["type"], list) else [node["type"]]
        ok = any(isinstance(value, _TYPES[n]) and not (n == "integer" and isinstance(value, bool)) for n in names)
        if not ok:
            return [f"{where}: {value!r} is not {names}"]
    if "enum" in node and value not in node["enum"]:
        found.append(f"{where}: {value!r} not in {node['enum']}")
    if "pattern" in node and isinstance(value, str) and not re.search(node["pattern"], value):
        found.append(f"{where}: {value!r} does not match {node['pattern']}")
    if "oneOf" in node and sum(not violations(value, option, where) for option in node["oneOf"]) != 1:
        found.append(f"{where}: {value!r} matches not exactly one of oneOf")
    if isinstance(value, dict):
        for key in node.get("required", []):
            if key not in value:
                found.append(f"{where}: missing {key}")
        props = node.get("properties", {})
        extra = node.get("additionalProperties", True)
        for key, item in value.items():
            if "propertyNames" in node:
                found += violations(key, node["propertyNames"], f"{where}.{key} (name)")
            if key in props:
                found += violations(item, props[key], f"{where}.{key}")
            elif extra is False:
                found.append(f"{where}: unknown key {key}")
            elif isinstance(extra, dict):
                found += violations(item, extra, f"{where}.{key}")
    if isinstance(value, list) and "items" in node:
        for n, item in enumerate(value):
            found += violations(item, node["items"], f"{where}[{n}]")
    return found


VALID_LOGS = [ROOT / "events.yaml", FIXTURES / "commented.yaml", *sorted((FIXTURES / "golden").glob("*.yaml"))]


@pytest.mark.parametrize("path", VALID_LOGS, ids=lambda p: p.name)
def test_every_valid_log_here_matches_the_schema(path: Path) -> None:
    assert violations(as_editor_reads(path.read_text("utf-8")), json_schema()) == []


@pytest.mark.parametrize(("change", "message"), [
    (("    title: The first event\n", "    titel: The first event\n"), "unknown key titel"),
    (("    when: last July   # the article's words\n", ""), "missing when"),
    (("  - id: first\n", "  - id: first event\n"), "does not match"),
    (("    source: wired\n", "    source: wired\n    tense: later\n"), "not in ['past', 'future']"),
    (("    source: wired\n", "    source: wired\n    anchor: 17 May 2024\n"), "does not match"),
    (("  wired:   # second opinion\n", "  wired news:\n"), "(name)"),
    (("    published: \"2024-05-17\"\n", "    published: May 2024\n"), "does not match"),
])
def test_the_schema_flags_the_usual_mistakes(change: tuple[str, str], message: str) -> None:
    text = (FIXTURES / "commented.yaml").read_text("utf-8")
    assert change[0] in text
    found = violations(as_editor_reads(text.replace(change[0], change[1], 1)), json_schema())
    assert any(message in v for v in found), found


def test_every_key_of_the_log_is_described() -> None:
    tree = json_schema()
    event = tree["properties"]["events"]["items"]  # type: ignore[index]
    tables = [(tree, schema.LOG_KEYS), (event, schema.EVENT_KEYS),
              (event["properties"]["claims"]["items"], schema.CLAIM_KEYS),
              (tree["properties"]["sources"]["additionalProperties"], schema.SOURCE_KEYS),  # type: ignore[index]
              (tree["properties"]["periods"]["items"], schema.PERIOD_KEYS)]  # type: ignore[index]
    for node, keys in tables:
        assert set(node["properties"]) == set(keys)
        for key, text in keys.items():
            assert node["properties"][key]["description"] == text


def test_the_cli_prints_the_same_schema(cli: Any) -> None:
    assert json.loads(cli("schema").stdout) == json_schema()


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(json_schema())
    validator = jsonschema.Draft202012Validator(json_schema())
    for path in VALID_LOGS:
        assert list(validator.iter_errors(as_editor_reads(path.read_text("utf-8")))) == []


def test_the_committed_schema_is_fresh(cli: Any, tmp_path: Path) -> None:
    """events.yaml's `yaml-language-server` line points at reports/events.schema.json: it must be current."""
    root = Path(__file__).resolve().parents[2]
    assert "$schema=reports/events.schema.json" in (root / "events.yaml").read_text(encoding="utf-8")
    fresh = tmp_path / "schema.json"
    assert cli("schema", "-o", str(fresh)).code == 0
    assert (root / "reports" / "events.schema.json").read_bytes() == fresh.read_bytes(), \
        "run `timeline schema -o reports/events.schema.json` and commit it"


def test_the_csv_columns_and_the_clearable_keys_come_from_the_event_keys() -> None:
    assert set(schema.CSV_KEYS) <= schema.EVENT_KEYS.keys()
    assert set(schema.CSV_ALIASES.values()) <= set(schema.CSV_KEYS)
    assert set(schema.CLEARABLE) == schema.EVENT_KEYS.keys() - {"id", "title", "when"}

"""formats.json_indented is json.dumps(value, ensure_ascii=False, indent=2), byte for byte (issue 19: the indented
form from the C encoder instead of the pure-Python one)."""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given, strategies as st

from timeline.render.formats import json_indented, to_json

# Text that stresses the placeholders: NUL and other controls, quotes, backslashes, the placeholder's own spelling.
texts = st.one_of(st.text(), st.sampled_from(["\x00", "\x000", "\x001", '"\x00', "\\u0000", '"\\u00000"', "\x0010",
                                             "\n", "\u2028", "é", "日本"]))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), texts)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                       st.dictionaries(texts, inner, max_size=5)), max_leaves=40)


@given(values)
def test_any_json_value_is_written_as_json_dumps_writes_it(value: Any) -> None:
    assert json_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@given(st.lists(st.dictionaries(texts, values, max_size=8), max_size=6))
def test_rows_are_written_as_json_dumps_writes_them(rows: list[dict[str, Any]]) -> None:
    assert to_json(rows) == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("value", [
    # containers json.dumps spells its own way
    [], {}, [[]], [{}], {"a": []}, {"a": {}}, (1, (2, 3)), {"t": ("x", ["y"])},
    # keys that are not text, as json.dumps turns them into text
    {1: "a", 2.5: [1], False: None, None: {"k": 1}},
    # a value spelled like a placeholder, beside real placeholders
    {"a": "\x000", "b": [1], "c": "\x001"}, {"a": [1], "b": '"\x00'}, {"\x000": [1], "x": [2]},
    # subclasses go through json.dumps itself
    OrderedDict([("b", 1), ("a", [OrderedDict(z=2)])]), {"n": float("inf"), "m": [float("-inf"), float("nan")]},
])
def test_edge_values(value: Any) -> None:
    assert json_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_an_unserializable_value_is_refused_as_json_dumps_refuses_it() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        json_indented([{"a": [object()]}])

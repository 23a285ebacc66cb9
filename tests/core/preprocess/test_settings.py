from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocr_desktop.core.errors import UsageError
from ocr_desktop.core.preprocess import (
    PRESET_DISPLAY_NAMES,
    PRESETS,
    BinariseSettings,
    PreprocessSettings,
    RescaleSettings,
    parse_preprocess_spec,
)


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_preset_json_round_trip(name: str) -> None:
    s = PRESETS[name]
    assert PreprocessSettings.from_json(s.to_json()) == s
    assert PreprocessSettings.from_dict(json.loads(json.dumps(s.to_dict()))) == s


def test_required_presets_exist_with_display_names() -> None:
    for name in ("none", "auto", "scanned-document", "photo", "screenshot", "receipt", "fax"):
        assert name in PRESETS
        assert PRESET_DISPLAY_NAMES[name]
    assert PRESETS["none"].mode == "none"
    assert PRESETS["auto"].mode == "auto"
    assert PreprocessSettings().mode == "auto"  # auto is the default


@settings(max_examples=60, deadline=None)
@given(
    block=st.integers(3, 1001),
    c=st.floats(-100, 100, allow_nan=False),
    method=st.sampled_from(["none", "otsu", "adaptive_mean", "adaptive_gaussian", "sauvola", "manual"]),
    dpi=st.integers(20, 1200),
)
def test_round_trip_arbitrary_values(block: int, c: float, method: str, dpi: int) -> None:
    s = PreprocessSettings(
        mode="manual",
        binarise=BinariseSettings(enabled=True, method=method, block_size=block, c=c),  # type: ignore[arg-type]
        rescale=RescaleSettings(enabled=True, target_dpi=dpi),
    )
    assert PreprocessSettings.from_json(s.to_json()) == s


def test_partial_dict_takes_defaults() -> None:
    s = PreprocessSettings.from_dict({"mode": "manual", "binarise": {"enabled": True, "method": "sauvola"}})
    assert s.binarise.method == "sauvola"
    assert s.binarise.window == BinariseSettings().window
    assert s.clahe == PreprocessSettings().clahe


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"modes": "auto"}, "unknown key"),
        ({"binarise": {"methd": "otsu"}}, "unknown key"),
        ({"binarise": {"method": "magic"}}, "must be one of"),
        ({"binarise": {"block_size": "31"}}, "must be int"),
        ({"binarise": {"block_size": 1}}, "block_size"),
        ({"rotate": {"angle": 45}}, "rotate.angle"),
        ({"crop": {"left": 0.6, "right": 0.6}}, "crop"),
        ({"deskew": {"enabled": "yes"}}, "must be bool"),
        ({"clahe": 3}, "must be an object"),
        ([1, 2], "must be an object"),
    ],
)
def test_bad_settings_rejected(data: object, fragment: str) -> None:
    with pytest.raises(UsageError, match=fragment):
        PreprocessSettings.from_dict(data)


def test_bad_json_is_usage_error() -> None:
    with pytest.raises(UsageError, match="not valid JSON"):
        PreprocessSettings.from_json("{nope")


def test_parse_spec_names() -> None:
    assert parse_preprocess_spec("auto") == PRESETS["auto"]
    assert parse_preprocess_spec("NONE") == PRESETS["none"]
    assert parse_preprocess_spec("scanned_document") == PRESETS["scanned-document"]
    assert parse_preprocess_spec("Photo of a page") == PRESETS["photo"]


def test_parse_spec_json_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "mine.json"
    f.write_text(PRESETS["fax"].to_json())
    assert parse_preprocess_spec(str(f)) == PRESETS["fax"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"binarise": {"window": "big"}}')
    with pytest.raises(UsageError, match=r"bad\.json"):
        parse_preprocess_spec(str(bad))


@pytest.mark.parametrize("spec", ["", "sharpen", "/no/such/file.json"])
def test_parse_spec_errors(spec: str) -> None:
    with pytest.raises(UsageError):
        parse_preprocess_spec(spec)

"""The look-alike letters table (scripts/build_glyph_shapes.py) as a prior of the OCR channel."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ocr_desktop.core.correction import PostProcessor
from ocr_desktop.core.correction.channel import CONFUSIONS_FILE, SHAPES_FILE, ConfusionModel
from ocr_desktop.core.correction.paths import resource_dir
from ocr_desktop.core.errors import OcrDesktopError


def _logp(model: ConfusionModel, observed: str, intended: str) -> float:
    return dict(model.reverse.get(observed, [])).get(intended, float("-inf"))


@pytest.fixture(scope="module")
def with_shapes() -> ConfusionModel:
    return ConfusionModel.load()


@pytest.fixture(scope="module")
def counts_only(tmp_path_factory: pytest.TempPathFactory) -> ConfusionModel:
    d = tmp_path_factory.mktemp("counts-only")
    shutil.copy(resource_dir() / CONFUSIONS_FILE, d / CONFUSIONS_FILE)
    return ConfusionModel.load(d / CONFUSIONS_FILE)


@pytest.mark.parametrize(("observed", "intended"), [("o", "e"), ("c", "e"), ("u", "n"), ("li", "h"), ("n", "h")])
def test_print_look_alikes_become_likelier(with_shapes: ConfusionModel, counts_only: ConfusionModel,
                                           observed: str, intended: str) -> None:
    # Tesseract on clean renderings rarely makes these; worn print does
    assert _logp(with_shapes, observed, intended) > _logp(counts_only, observed, intended) + 0.5


def test_the_prior_never_lowers_a_counted_misreading(with_shapes: ConfusionModel,
                                                     counts_only: ConfusionModel) -> None:
    for observed, entries in counts_only.reverse.items():
        for intended, lp in entries:
            assert _logp(with_shapes, observed, intended) >= lp, (observed, intended)
    assert with_shapes.error_rate == counts_only.error_rate


def test_unlike_shapes_stay_unseen(with_shapes: ConfusionModel) -> None:
    # nothing about a w looks like an o: no entry, the unseen-edit cost applies
    assert _logp(with_shapes, "o", "w") == float("-inf")
    assert _logp(with_shapes, "x", "m") == float("-inf")


def test_table_is_a_distribution_per_letter() -> None:
    data = json.loads((resource_dir() / SHAPES_FILE).read_text(encoding="utf-8"))
    totals: dict[str, float] = {}
    for intended, observed, share in data["shares"]:
        assert intended != observed and 0.0 < share <= 1.0
        totals[intended] = totals.get(intended, 0.0) + share
    assert set("abcdefghijklmnopqrstuvwxyz") <= set(totals)
    assert all(t <= 1.0 + 1e-6 for t in totals.values())
    assert data["sharpness"] > 0


def test_a_broken_table_is_a_clear_error(tmp_path: Path) -> None:
    shutil.copy(resource_dir() / CONFUSIONS_FILE, tmp_path / CONFUSIONS_FILE)
    (tmp_path / SHAPES_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(OcrDesktopError, match="look-alike letters"):
        ConfusionModel.load(tmp_path / CONFUSIONS_FILE)


@pytest.mark.parametrize(("raw", "want"), [
    ("Tlie committee met on Monday to discuss tlie bill.", "The committee met on Monday to discuss the bill."),
    ("He went to tlie liouse of his father.", "He went to the house of his father."),
    ("They made a cliange to the plan.", "They made a change to the plan."),
    ("She said notliing about it.", "She said nothing about it."),
    ("The weather was fine and the strect was quiet.", "The weather was fine and the street was quiet."),
])
def test_worn_print_misreadings_are_fixed(raw: str, want: str) -> None:
    assert PostProcessor(user_model=None).correct_text(raw).text == want

"""Fixtures of the corrector tests: one shared PostProcessor without a user model."""

from __future__ import annotations

import pytest

from ocr_desktop.core.correction import PostProcessor


@pytest.fixture(scope="session")
def pp() -> PostProcessor:
    return PostProcessor(user_model=None)

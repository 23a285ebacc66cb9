"""The OCR-aware post-processor (no Qt): normalisation, noisy-channel word correction, learning.

Public API::

    pp = PostProcessor(lang="eng", user_model=DEFAULT_USER_MODEL, settings=CorrectionSettings())
    page = pp.correct_page(raw_text, words, page=1)     # CorrectedPage with corrections + suspects
    page = pp.correct_text("Th1s 1s 4  s@mple w1th typ0s.")
    pp.user_model.record_accept(correction, context)     # learning from proofreading
"""

from __future__ import annotations

from .corrector import DEFAULT_USER_MODEL, PostProcessor
from .paths import DATA_DIR_ENV, default_user_model_path, user_data_dir
from .settings import CorrectionSettings
from .user_model import UserModel, UserModelEntry

__all__ = [
    "DATA_DIR_ENV",
    "DEFAULT_USER_MODEL",
    "CorrectionSettings",
    "PostProcessor",
    "UserModel",
    "UserModelEntry",
    "default_user_model_path",
    "user_data_dir",
]

"""Window settings ↔ QSettings. Defaults live here and nowhere else; so do migrations.

Everything the window remembers goes through ``SettingsStore``: a typed getter/setter per
key, so a wrong type coming back from the INI file (QSettings returns strings on Linux) never
reaches the widgets.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
MAX_RECENT = 10

#: the single place where defaults are defined
DEFAULTS: dict[str, Any] = {
    "ocr/language": "eng",
    "ocr/psm": 3,
    "preprocess/preset": "auto",
    "preprocess/settings": "",  # JSON of PreprocessSettings.to_dict() when the user tuned it
    "view/show_boxes": True,
    "view/show_processed": False,
    "view/theme": "system",  # system / light / dark
    "files/last_folder": "",
    "files/recent": [],
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "window/splitter": QByteArray(),
    "window/proof_splitter": QByteArray(),
    "autosave/interval_s": 5,
}


def _migrate(settings: QSettings) -> None:
    """Bring older settings files up to SCHEMA_VERSION (one place for every migration)."""
    raw = settings.value("meta/schema", 0)
    try:
        version = int(str(raw or 0))
    except ValueError:
        version = 0
    if version < 1:
        # version 0 had no schema key; nothing to rename yet
        settings.setValue("meta/schema", SCHEMA_VERSION)


class SettingsStore:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings()
        _migrate(self._s)

    @property
    def qsettings(self) -> QSettings:
        return self._s

    def get(self, key: str) -> Any:
        default = DEFAULTS[key]
        value = self._s.value(key, default)
        try:
            if isinstance(default, bool):
                if isinstance(value, str):
                    return value.lower() in ("1", "true", "yes")
                return bool(value)
            if isinstance(default, int):
                return int(value) if isinstance(value, (int, float)) else int(str(value))
            if isinstance(default, list):
                if value is None or value == "":
                    return []
                return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
            if isinstance(default, QByteArray):
                return value if isinstance(value, QByteArray) else QByteArray()
            return str(value) if value is not None else default
        except (TypeError, ValueError):
            log.warning("setting %s has an unusable value %r; using the default", key, value)
            return default

    def set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._s.setValue(key, value)

    def reset(self) -> None:
        for key in DEFAULTS:
            self._s.remove(key)

    def sync(self) -> None:
        self._s.sync()

    # ---- recent files --------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        recent: list[str] = self.get("files/recent")
        return recent[:MAX_RECENT]

    def add_recent(self, path: str) -> list[str]:
        items = [p for p in self.recent_files() if p != path]
        items.insert(0, path)
        items = items[:MAX_RECENT]
        self.set("files/recent", items)
        return items

    def clear_recent(self) -> None:
        self.set("files/recent", [])

"""Fast checks of the packaging files that need no build: .desktop entry, icons, install script."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
ICONS = REPO / "resources" / "app"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "ocr-desktop.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_files_and_lists_the_supported_types() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "OCR Desktop"
    assert entry["Exec"].endswith(" %F")
    assert entry["Icon"] == "ocr-desktop"
    assert entry["Terminal"] == "false"
    mime = set(filter(None, entry["MimeType"].split(";")))
    assert mime == {"image/png", "image/jpeg", "image/tiff", "image/bmp", "image/gif", "image/webp", "application/pdf"}
    assert entry["Categories"].endswith(";")


def test_icons_exist_in_every_size() -> None:
    for n in SIZES:
        with Image.open(ICONS / f"ocr-desktop-{n}.png") as im:
            assert im.size == (n, n) and im.mode == "RGBA"
    with Image.open(ICONS / "ocr-desktop.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    assert (ICONS / "ocr-desktop.icns").stat().st_size > 10_000


def test_icons_are_reproducible_from_the_drawing(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), str(tmp_path)], check=True, capture_output=True)
    for n in (16, 64, 256):
        with Image.open(tmp_path / f"ocr-desktop-{n}.png") as new, Image.open(ICONS / f"ocr-desktop-{n}.png") as old:
            assert new.tobytes() == old.tobytes(), f"resources/app/ocr-desktop-{n}.png is not what make_icons.py draws"


@pytest.mark.skipif(sys.platform == "win32", reason="bash script")
def test_install_script_quotes_a_folder_with_spaces(tmp_path: Path) -> None:
    app = tmp_path / 'my "apps" $HOME back\\slash' / "ocr-desktop"
    (app / "_internal" / "resources" / "app").mkdir(parents=True)
    for n in (16, 256):
        (app / "_internal" / "resources" / "app" / f"ocr-desktop-{n}.png").write_bytes(
            (ICONS / f"ocr-desktop-{n}.png").read_bytes())
    (app / "ocr-desktop.desktop").write_text((PACKAGING / "ocr-desktop.desktop").read_text())
    script = app / "install-desktop-entry.sh"
    script.write_text((PACKAGING / "install-desktop-entry.sh").read_text())
    data = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "HOME": str(tmp_path)}
    subprocess.run(["bash", str(script)], check=True, env=env, capture_output=True)
    text = (data / "applications" / "ocr-desktop.desktop").read_text()
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    # quoting rule (\" \$) and then the file's string escaping (backslash doubled)
    quoted = str(app / "ocr-desktop").replace("\\", "\\\\\\\\").replace('"', '\\\\"').replace("$", "\\\\$")
    assert exec_line == f'Exec="{quoted}" %F'
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "ocr-desktop.png").is_file()
    subprocess.run(["bash", str(script), "--remove"], check=True, env=env, capture_output=True)
    assert not (data / "applications" / "ocr-desktop.desktop").exists()

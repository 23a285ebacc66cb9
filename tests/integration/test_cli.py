"""The ``ocr-desktop`` command line: outputs, JSON schema, exit codes, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from ocr_desktop.cli import main
from tests.conftest import REPO, SAMPLE, SAMPLE_TEXT, requires_tesseract
from tests.helpers import make_pdf

pytestmark = requires_tesseract

PAGE_KEYS = ["page", "raw_text", "text", "mean_confidence", "words", "corrections", "suspects"]


def folded(text: str) -> str:
    return " ".join(text.split())


def test_raw_text_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recognize", str(SAMPLE), "--raw", "--user-model", "none"]) == 0
    assert folded(capsys.readouterr().out) == folded(SAMPLE_TEXT)


def test_json_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = make_pdf(tmp_path / "two pages é.pdf", [Image.open(SAMPLE).convert("L")] * 2, dpi=300)
    out = tmp_path / "result.json"
    assert main(["recognize", str(pdf), "--format", "json", "-o", str(out), "--user-model", "none"]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["file"] == str(pdf)
    assert [p["page"] for p in doc["pages"]] == [1, 2]
    for page in doc["pages"]:
        assert list(page)[: len(PAGE_KEYS)] == PAGE_KEYS
        raw = page["raw_text"]
        assert folded(raw) == folded(SAMPLE_TEXT)
        for w in page["words"]:
            assert set(w) == {"text", "conf", "bbox", "start", "end"}
            assert raw[w["start"] : w["end"]] == w["text"]
            assert len(w["bbox"]) == 4
        for c in page["corrections"]:
            assert set(c) == {"start", "end", "before", "after", "reason", "score"}
            assert raw[c["start"] : c["end"]] == c["before"]
        for s in page["suspects"]:
            assert set(s) == {"start", "end", "word", "reason"}
    assert capsys.readouterr().out == ""


def test_several_files_into_a_folder_and_one_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.png"
    Image.open(SAMPLE).save(good)
    bad = tmp_path / "bad.png"
    bad.write_text("not an image")
    outdir = tmp_path / "out"
    code = main(["recognize", str(good), str(bad), str(tmp_path / "missing.png"), "-o", str(outdir), "--raw"])
    assert code == 1
    err = capsys.readouterr().err
    assert "bad.png" in err and "not an image" in err
    assert "missing.png" in err and "no such file" in err
    assert "Traceback" not in err
    assert folded((outdir / "good.txt").read_text()) == folded(SAMPLE_TEXT)
    assert not (outdir / "bad.txt").exists()


def test_inputs_with_the_same_name_get_their_own_outputs(tmp_path: Path) -> None:
    for sub, ext in (("a", "png"), ("b", "png"), ("a", "tif")):
        (tmp_path / sub).mkdir(exist_ok=True)
        Image.open(SAMPLE).save(tmp_path / sub / f"doc.{ext}")
    outdir = tmp_path / "out"
    files = [str(tmp_path / "a" / "doc.png"), str(tmp_path / "b" / "doc.png"), str(tmp_path / "a" / "doc.tif")]
    assert main(["recognize", *files, "-o", str(outdir), "--raw"]) == 0
    assert sorted(p.name for p in outdir.iterdir()) == ["doc.png-2.txt", "doc.png.txt", "doc.tif.txt"]
    # a written file gets the usual permissions, not mkstemp's private 0600
    mask = os.umask(0o022)
    os.umask(mask)
    assert (outdir / "doc.tif.txt").stat().st_mode & 0o777 == 0o666 & ~mask


def test_an_image_too_small_for_text_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tiny = tmp_path / "icon.png"
    Image.new("L", (4, 4), 255).save(tiny)
    assert main(["recognize", str(tiny), str(SAMPLE), "--raw"]) == 1
    captured = capsys.readouterr()
    assert "icon.png: the image is too small to hold text (4 × 4 pixels)" in captured.err
    assert folded(SAMPLE_TEXT) in folded(captured.out)


def test_an_image_from_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    class _Stdin:
        buffer = io.BytesIO(SAMPLE.read_bytes())

    monkeypatch.setattr(sys, "stdin", _Stdin())
    assert main(["recognize", "-", "--format", "json", "--user-model", "none"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["file"] == "-" and "sample" in doc["pages"][0]["text"]
    monkeypatch.setattr(sys, "stdin", type("_Empty", (), {"buffer": io.BytesIO(b"")})())
    assert main(["recognize", "-"]) == 1
    assert "ocr-desktop: stdin: the file is empty" in capsys.readouterr().err


def test_one_file_twice_and_an_output_through_a_link(tmp_path: Path) -> None:
    img = tmp_path / "page.png"
    Image.open(SAMPLE).save(img)
    assert main(["recognize", str(img), str(img), "-o", str(tmp_path / "out") + "/", "--raw"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["page.png-2.txt", "page.png.txt"]
    keep = tmp_path / "keep.txt"
    keep.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(keep)
    assert main(["recognize", str(img), "-o", str(link), "--raw"]) == 0
    assert link.is_symlink() and folded(keep.read_text()) == folded(SAMPLE_TEXT)


def test_output_ending_in_a_slash_is_a_folder(tmp_path: Path) -> None:
    out = str(tmp_path / "newdir") + "/"
    assert main(["recognize", str(SAMPLE), "-o", out, "--raw"]) == 0
    assert (tmp_path / "newdir").is_dir()
    assert folded((tmp_path / "newdir" / f"{SAMPLE.stem}.txt").read_text()) == folded(SAMPLE_TEXT)


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recognize", str(SAMPLE), "--timeout", "0"]) == 2
    assert "--timeout" in capsys.readouterr().err
    assert main(["recognize", str(SAMPLE), "--psm", "0"]) == 2
    assert "orientation" in capsys.readouterr().err
    assert main(["recognize", str(SAMPLE), "--lang", "eng+"]) == 2
    assert "Invalid language 'eng+'" in capsys.readouterr().err
    assert main(["recognize", str(SAMPLE), "--lang", "osd"]) == 2
    assert "cannot read text" in capsys.readouterr().err
    assert main(["recognize", str(SAMPLE), "--pages", "2"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["recognize", str(SAMPLE), "--psm", "42"]) == 2
    assert "0-13" in capsys.readouterr().err
    assert main(["recognize"]) == 2  # argparse: FILE required
    assert main(["recognize", str(SAMPLE), "--format", "xml"]) == 2


def test_missing_language_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recognize", str(SAMPLE), "--lang", "qqq"]) == 2
    assert "qqq" in capsys.readouterr().err


def test_console_script_version_and_help() -> None:
    exe = Path(sys.executable).parent / "ocr-desktop"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "ocr_desktop"]
    out = subprocess.run([*cmd, "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("ocr-desktop ")
    out = subprocess.run([*cmd, "recognize", "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "--pages" in out.stdout
    out = subprocess.run([sys.executable, "-m", "ocr_desktop.cli", "--version"], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("ocr-desktop ")


def test_cancel_token_is_part_of_the_api() -> None:
    import ocr_desktop

    assert ocr_desktop.CancelToken is __import__("ocr_desktop.core.cancel").core.cancel.CancelToken


def test_gui_without_display_exits_1_with_a_message() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run(
        [sys.executable, "-m", "ocr_desktop", str(SAMPLE)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1
    assert "no display" in out.stderr
    assert "Traceback" not in out.stderr


def test_piping_txt_through_the_module(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ocr_desktop", "recognize", str(SAMPLE), "--raw", "--preprocess", "none"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert folded(out.stdout) == folded(SAMPLE_TEXT)
    assert out.stderr == ""  # no progress line when stderr is not a terminal

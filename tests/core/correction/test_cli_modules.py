"""The ``correct`` and ``model`` subcommand modules, driven through a local argparse parser."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from ocr_desktop.cli import correct, model
from ocr_desktop.core.errors import InputFileError, OcrDesktopError, UserModelError
from tests.conftest import SAMPLE_TEXT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ocr-desktop")
    sub = parser.add_subparsers(dest="command")
    correct.add_parser(sub)
    model.add_parser(sub)
    return parser


def _run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    return int(args.run(args))


def test_correct_file_txt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "in.txt"
    f.write_text(SAMPLE_TEXT + "\n")
    assert _run(["correct", str(f), "--user-model", "none"]) == 0
    assert capsys.readouterr().out == "This is a sample with typos.\n"


def test_correct_stdin_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(SAMPLE_TEXT))
    assert _run(["correct", "-", "--format", "json", "--user-model", "none"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["text"] == "This is a sample with typos."
    assert set(doc["corrections"][0]) == {"start", "end", "before", "after", "reason", "score"}
    assert isinstance(doc["suspects"], list)


@pytest.mark.parametrize(
    "data",
    [
        (SAMPLE_TEXT + "\r\n").encode("utf-8"),
        b"\xef\xbb\xbf" + (SAMPLE_TEXT + "\n").encode("utf-8"),  # UTF-8 with a byte-order mark
        (SAMPLE_TEXT + "\r\n").encode("utf-16"),  # Windows Notepad's "Unicode"
    ],
)
def test_correct_reads_utf8_and_utf16_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    f = tmp_path / "in.txt"
    f.write_bytes(data)
    assert _run(["correct", str(f), "--user-model", "none"]) == 0
    assert capsys.readouterr().out == "This is a sample with typos.\n"


def test_correct_refuses_other_encodings_with_a_hint(tmp_path: Path) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes("café crème".encode("latin-1"))
    with pytest.raises(InputFileError, match="iconv"):
        _run(["correct", str(f)])


def test_correct_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as exc:
        _run(["correct", str(tmp_path / "nope.txt")])
    assert exc.value.exit_code == 1


def test_correct_uses_user_model_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    um = tmp_path / "um.json"
    assert _run(["model", "--user-model", str(um), "never", "tbe"]) == 0
    f = tmp_path / "in.txt"
    f.write_text("in tbe house")
    capsys.readouterr()
    assert _run(["correct", str(f), "--user-model", str(um)]) == 0
    assert capsys.readouterr().out == "in tbe house\n"


def test_model_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    um, exp = tmp_path / "um.json", tmp_path / "exp.json"
    assert _run(["model", "--user-model", str(um), "add", "Zubrowka"]) == 0
    assert _run(["model", "--user-model", str(um), "list"]) == 0
    assert "word\tZubrowka" in capsys.readouterr().out
    assert _run(["model", "--user-model", str(um), "export", str(exp)]) == 0
    assert _run(["model", "--user-model", str(um), "reset"]) == 0
    assert _run(["model", "--user-model", str(um), "import", str(exp)]) == 0
    capsys.readouterr()
    assert _run(["model", "--user-model", str(um), "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"kind": "word", "text": "Zubrowka"}]
    assert _run(["model", "--user-model", str(um), "remove", "Zubrowka"]) == 0
    with pytest.raises(UserModelError):
        _run(["model", "--user-model", str(um), "remove", "Zubrowka"])


def test_model_default_path_is_the_isolated_data_dir(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["model", "list"]) == 0
    assert "userdirs" in capsys.readouterr().out


def test_model_none_is_usage_error() -> None:
    with pytest.raises(OcrDesktopError) as exc:
        _run(["model", "--user-model", "none", "list"])
    assert exc.value.exit_code == 2

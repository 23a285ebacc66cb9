"""Right-click a suspect in the final text: the corrector's suggestions and "add to my dictionary"."""

from __future__ import annotations

import pytest

from ocr_desktop.core.models import CorrectedPage, Correction, PageResult, Suspect
from ocr_desktop.gui.proofreading import ProofPage
from ocr_desktop.gui.widgets.diff_view import ProofreadView
from tests.gui.conftest import words_of
from tests.gui.test_part2 import _open

RAW = "We saw tbe bouse there."


def _proof() -> ProofPage:
    start = RAW.index("bouse")
    corrected = CorrectedPage(
        1, RAW, "We saw the bouse there.",
        (Correction(7, 10, "tbe", "the", "ocr-confusion", 0.9),),
        (Suspect(start, start + 5, "bouse", "no-safe-fix"),),
    )
    return ProofPage(PageResult(1, RAW, words_of(RAW)), corrected)


def _menu_texts(view: ProofreadView, final_pos: int) -> list[str]:
    from PySide6.QtWidgets import QMenu

    menu = QMenu(view)
    view._suspect_menu(menu, final_pos)
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_suspect_menu_offers_suggestions_and_replaces_the_word(qtbot) -> None:
    view = ProofreadView()
    qtbot.addWidget(view)
    proof = _proof()
    view.set_page(proof)
    asked: list[tuple[str, int, int]] = []
    learned: list[str] = []

    def suggest(raw: str, start: int, end: int) -> list[str]:
        asked.append((raw, start, end))
        return ["house", "mouse"]

    view.suggest = suggest
    view.add_word = learned.append
    pos = proof.final_text().index("bouse") + 2
    assert view.suspect_at(pos) == 0
    assert view.suspect_at(proof.final_text().index("saw")) is None
    # the real context menu holds our entries above the standard ones
    menu = view.final_edit.context_menu_at(view.final_edit.cursorRect(_cursor(view, pos)).center())
    texts = [a.text() for a in menu.actions()]
    assert texts[:3] == ["Replace with “house”", "Replace with “mouse”", "Add “bouse” to my dictionary"]
    assert len(texts) > 4  # copy, paste, select all ... still there
    assert asked == [(RAW, RAW.index("bouse"), RAW.index("bouse") + 5)]
    menu.actions()[0].trigger()
    assert proof.final_text() == "We saw the house there."
    # settled: no menu entries, no underline on the final side any more
    assert view.suspect_at(pos) is None
    assert _menu_texts(view, pos) == []
    proof.document.undo()
    assert proof.final_text() == "We saw the bouse there."
    assert view.suspect_at(pos) == 0
    next(a for a in view.final_edit.context_menu_at(
        view.final_edit.cursorRect(_cursor(view, pos)).center()).actions() if "dictionary" in a.text()).trigger()
    assert learned == ["bouse"]


def _cursor(view: ProofreadView, pos: int):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCursor

    cur = QTextCursor(view.final_edit.document())
    cur.setPosition(pos)
    return cur


def test_menu_without_suggestions_says_so(qtbot) -> None:
    view = ProofreadView()
    qtbot.addWidget(view)
    proof = _proof()
    view.set_page(proof)
    view.suggest = lambda raw, start, end: []
    assert _menu_texts(view, proof.final_text().index("bouse")) == ["No suggestions"]


def test_window_suggests_with_the_real_corrector_and_learns_the_word(qtbot, make_window, fake_factory) -> None:
    pytest.importorskip("ocr_desktop.core.correction")
    w = make_window(fake_factory)
    _open(qtbot, w)
    raw = "We saw the bouse there."
    start = raw.index("bouse")
    assert w.suggest_for_suspect(raw, start, start + 5)[0] == "house"
    w.add_to_dictionary("bouse")
    assert "bouse" in w.user_model().lower_words()
    # the user's dictionary now accepts it: no suggestion replaces a word the user vouched for
    from ocr_desktop.core.correction import PostProcessor

    assert PostProcessor(user_model=w.user_model()).correct_text(raw).text == raw


def test_keyboard_opens_the_menu_of_the_selected_suspect(qtbot, make_window) -> None:
    pytest.importorskip("ocr_desktop.core.correction")
    from tests.gui.conftest import FakeFactory

    w = make_window(FakeFactory(fixes={"Th1s": "This"}, suspects=("s@mple",)))
    _open(qtbot, w)
    assert w.act_suggest.shortcut().toString() == "Ctrl+."
    menu = w.show_suspect_suggestions()  # no suspect selected yet: goes to the first one
    assert menu is not None and menu.isVisible()
    texts = [a.text() for a in menu.actions()]
    assert "Replace with “sample”" in texts and "Add “s@mple” to my dictionary" in texts
    next(a for a in menu.actions() if a.text() == "Replace with “sample”").trigger()
    menu.close()
    assert "sample" in w.current_proof().final_text().split()


def test_a_suspect_shown_with_curly_quotes_keeps_its_menu(qtbot) -> None:
    # with the curly-quotes setting the final text spells the word differently from the raw one
    raw = "He dosn't know."
    corrected = CorrectedPage(1, raw, "He dosn’t know.", (Correction(6, 7, "'", "’", "quotes", 0.9),),
                              (Suspect(3, 9, "dosn't", "no-safe-fix"),))
    proof = ProofPage(PageResult(1, raw, words_of(raw)), corrected)
    view = ProofreadView()
    qtbot.addWidget(view)
    view.set_page(proof)
    view.suggest = lambda r, s, e: ["doesn’t"]
    assert view.suspect_at(4) == 0
    assert _menu_texts(view, 4) == ["Replace with “doesn’t”"]


def test_a_menu_choice_does_not_land_on_another_page(qtbot) -> None:
    from PySide6.QtWidgets import QMenu

    view = ProofreadView()
    qtbot.addWidget(view)
    first, second = _proof(), _proof()
    view.set_page(first)
    view.suggest = lambda r, s, e: ["house"]
    menu = QMenu(view)
    view._suspect_menu(menu, first.final_text().index("bouse"))
    view.set_page(second)  # the page changed while the menu was open
    menu.actions()[0].trigger()
    assert second.final_text() == first.final_text() == "We saw the bouse there."

"""A page's own repeated misreadings: learned while the page is corrected, used where context is silent."""

from __future__ import annotations

import pytest

from ocr_desktop.core.correction import PostProcessor, policy

HABIT = (
    "The report of tho committee was read in tho house. The members of tho senate voted for tho bill. "
    "They met by tho river and spoke of tho war. "
)
SILENT = "Then passed tho fonalo quickly."


def test_silent_context_alone_keeps_the_real_word(pp: PostProcessor) -> None:
    # "tho" is a (rare) word and its neighbours say nothing: without more evidence it stays
    assert pp.correct_text(SILENT).text == SILENT


def test_page_habit_decides_where_context_is_silent(pp: PostProcessor) -> None:
    page = pp.correct_text(HABIT + SILENT)
    assert "tho" not in page.text.split()
    assert page.text.endswith("Then passed the fonalo quickly.")
    assert {(c.before, c.after) for c in page.corrections} == {("tho", "the")}


def test_habit_is_not_carried_to_the_next_page(pp: PostProcessor) -> None:
    pp.correct_text(HABIT + SILENT)
    assert pp.correct_text(SILENT).text == SILENT


# e read as u: a misreading the confusion table rates rare, so no single word is a sure fix
E_AS_U = "The timu has come. I know wheru he lives. We saw the statu house. "
LOST = "Then I lost somu money."


def test_a_rare_misreading_alone_is_left_as_a_suspect(pp: PostProcessor) -> None:
    page = pp.correct_text(LOST)
    assert page.text == LOST
    assert [s.word for s in page.suspects] == ["somu"]


def test_unknown_words_one_swap_from_common_words_teach_the_page(pp: PostProcessor) -> None:
    page = pp.correct_text(E_AS_U + LOST)
    assert page.text.endswith("Then I lost some money.")
    assert {(c.before, c.after) for c in page.corrections} >= {("timu", "time"), ("wheru", "where"), ("somu", "some")}


def test_old_spellings_teach_no_habit(pp: PostProcessor) -> None:
    # owne, booke, downe: e where modern spelling has none; they are no misreadings of owns, books
    old = "I owne the booke and the downe and the helpe of the towne. "
    # (taken as a habit, e read for s would turn "ite" into "its")
    page = pp.correct_text(old + "The dog wagged ite tail.")
    assert page.text == old + "The dog wagged ite tail."


# a read as n, over and over (no single word a sure fix by the general table alone)
A_AS_N = "The men nnd women came. We nsk what thnt means. They nre here and nny man knows. "
LONE_N = "It is n good day."


def test_a_lone_rare_letter_is_left_without_a_habit(pp: PostProcessor) -> None:
    assert pp.correct_text(LONE_N).text == LONE_N


def test_a_lone_rare_letter_follows_the_page_habit(pp: PostProcessor) -> None:
    page = pp.correct_text(A_AS_N + LONE_N)
    assert page.text.endswith("It is a good day.")
    assert ("n", "a") in {(c.before, c.after) for c in page.corrections}


def test_a_lone_letter_beside_a_garbled_word_follows_the_habit_on_the_other_side(pp: PostProcessor) -> None:
    # the garbled neighbour says nothing; "a good" alone vouches for the reading
    page = pp.correct_text(A_AS_N + "We saw qxzv n good day.")
    assert page.text.endswith("We saw qxzv a good day.")


def test_a_lone_letter_between_unattested_words_stays(pp: PostProcessor) -> None:
    # "a xqzt" is no listed word pair: the other side cannot vouch, so n stays
    page = pp.correct_text(A_AS_N + "We saw qxzv n xqzt day.")
    assert page.text.endswith("We saw qxzv n xqzt day.")


# a page that reads e as o and a as n throughout: "tho" is a listed (old) word, so only a
# real-word change can fix it
E_AS_O = ("Tho committoo mot on Mondny nnd tho membors votod for tho bill. Tho houso wns full. "
          "Tho clerk read tho report aloud, nnd tho speakor callod for ordor. ")


def test_a_far_likelier_real_word_needs_the_context_only_not_to_object(
        pp: PostProcessor, monkeypatch: pytest.MonkeyPatch) -> None:
    text = E_AS_O + "Mr. Smith. Tho Senator from Ohio spoke."
    assert pp.correct_text(text).text.endswith("Mr. Smith. The Senator from Ohio spoke.")
    # without the rule (nor the page-habit one, which also applies here), "the Senator" is no
    # likelier in the bigram counts than "tho Senator"
    monkeypatch.setattr(policy, "REAL_WORD_SURE_MARGIN", 99.0)
    monkeypatch.setattr(policy, "PAGE_HABIT_LOGP", 99.0)
    assert pp.correct_text(text).text.endswith("Mr. Smith. Tho Senator from Ohio spoke.")


def test_a_title_before_its_period_is_no_misread_word(pp: PostProcessor) -> None:
    for title in ("Mr", "Mrs", "Dr", "St"):
        text = E_AS_O + f"{title}. Smith spoke."
        assert pp.correct_text(text).text.endswith(f"{title}. Smith spoke."), title


@pytest.mark.parametrize("tail", ["for n = 1 we stop.", "where n > 2 holds."])
def test_a_lone_letter_beside_digits_or_signs_is_a_variable(pp: PostProcessor, tail: str) -> None:
    assert pp.correct_text(A_AS_N + tail).text.endswith(tail)


def test_halves_of_a_line_end_word_are_no_words_of_the_page() -> None:
    from ocr_desktop.core.correction.corrector import _line_end_half
    from ocr_desktop.core.correction.tokens import chunks, pieces

    raw = "the centen-\nnial of tho city\nand the con-\n  tinued war - \nno halves"
    halves = [p.text for p in pieces(raw, chunks(raw)) if _line_end_half(raw, p)]
    assert halves == ["centen", "nial", "con", "tinued"]


def test_a_page_with_restored_hyphens_is_corrected_once(pp: PostProcessor) -> None:
    # the first run puts the dropped hyphens back; the second must not see a noisier page
    raw = (E_AS_O + "The centen\nnial of tho city was held to-day. They havo sued tho\n"
           "company for dam\nages, and tho jury will meet in the aftcr\nnoon. ")
    once = pp.correct_text(raw).text
    assert "centen-\nnial" in once
    assert not pp.correct_text(once).corrections


# a mostly clean page that reads n as u in a few words: aud is a listed word, and the bigrams
# do not favour "and" (it follows anything), so only the page's habit can tell
N_AS_U = ("The report of the committee was read in the house on Monday, and the members of the senate voted "
          "for the bill after a long debate about the roads, the schools and the prisons of the state. The clerk "
          "read the report aloud. The meu weut to the towu in the morning, and the womeu fouud the house open. ")


def test_a_page_habit_stands_in_for_context_for_a_common_word(
        pp: PostProcessor, monkeypatch: pytest.MonkeyPatch) -> None:
    text = N_AS_U + "A fearless man, who can aud will carry the war into Africa."
    assert pp.correct_text(text).text.endswith("who can and will carry the war into Africa.")
    monkeypatch.setattr(policy, "PAGE_HABIT_LOGP", 99.0)
    assert pp.correct_text(text).text.endswith("who can aud will carry the war into Africa.")


def test_without_the_habit_the_listed_word_stays(pp: PostProcessor) -> None:
    text = N_AS_U.replace("meu weut", "men went").replace("towu", "town").replace("womeu fouud", "women found")
    text += "A fearless man, who can aud will carry the war into Africa."
    assert pp.correct_text(text).text == text


@pytest.mark.parametrize("tail", ["We saw Mr. Laud there.", "Dr. Laud spoke.", "e.g. Laud said so."])
def test_a_page_habit_leaves_a_name_after_a_title_alone(pp: PostProcessor, tail: str) -> None:
    assert pp.correct_text(N_AS_U + tail).text.endswith(tail)


def test_a_page_habit_leaves_a_capitalised_word_at_a_sentence_start_alone(pp: PostProcessor) -> None:
    assert pp.correct_text(E_AS_O + "Hero Street.").text.endswith("Hero Street.")


def test_a_fix_on_the_habit_alone_is_no_sure_fix(pp: PostProcessor) -> None:
    # scored below what the page learns its habits from, it cannot back its own habit
    from ocr_desktop.core.correction.corrector import _ADAPT_MIN_SCORE

    page = pp.correct_text(N_AS_U + "A fearless man, who can aud will carry the war into Africa.")
    (fix,) = [c for c in page.corrections if c.before == "aud"]
    assert fix.after == "and" and fix.score < _ADAPT_MIN_SCORE


def test_the_wrong_language_is_not_read_as_noise_against_right_words(pp: PostProcessor) -> None:
    # Spanish read with the English lists looks noisy; its real words must not pay for that
    text = "El perro marrón salta sobre el zorro perezoso. La casa es grande y el jardín es bonito."
    assert pp.correct_text(text).text == text


def test_a_word_after_a_paragraph_break_is_no_half() -> None:
    from ocr_desktop.core.correction.corrector import _line_end_half
    from ocr_desktop.core.correction.tokens import chunks, pieces

    raw = "the end of it-\n\nanother part\nand a half-\n        indented line"
    halves = [p.text for p in pieces(raw, chunks(raw)) if _line_end_half(raw, p)]
    assert halves == ["it", "half", "indented"]


def test_a_number_s_full_stop_ends_a_sentence(pp: PostProcessor) -> None:
    # unlike a title's: the capitalised word after it is judged like any sentence start
    page = pp.correct_text(E_AS_O + "It was in 1871. Tho Senator from Ohio spoke.")
    assert page.text.endswith("It was in 1871. The Senator from Ohio spoke.")


NOISY = "Tlie cornmittee mct on Mondny and tbe membcrs votcd for the bil1. " * 3


def test_a_noisy_page_needs_less_evidence_for_a_real_word_slip(
        pp: PostProcessor, monkeypatch: pytest.MonkeyPatch) -> None:
    slip = "They could not roach the town before night."
    assert pp.correct_text(NOISY + slip).text.endswith("They could not reach the town before night.")
    # on a clean page the same sentence stands: there a rare word is rather a rare word than a slip
    assert pp.correct_text(slip).text == slip
    # and with the clean page's margin the noisy page keeps it too: the lower margin made the fix
    monkeypatch.setattr(policy, "REAL_WORD_MARGIN_NOISY", policy.REAL_WORD_MARGIN)
    assert pp.correct_text(NOISY + slip).text.endswith(slip)


def test_a_clean_page_keeps_the_full_real_word_margin(pp: PostProcessor) -> None:
    # e^4-5 likelier as "show": enough on a noisy page, not on a clean one (an old spelling)
    text = "He came to shew what he had done."
    assert pp.correct_text(text).text == text


def test_a_two_letter_word_keeps_the_full_real_word_margin_on_a_noisy_page(
        pp: PostProcessor, monkeypatch: pytest.MonkeyPatch) -> None:
    # in notes and code two letters are often an abbreviation or a symbol the context list
    # hardly knows: the lower margin is for words of three letters or more
    text = NOISY + "The dog ut the door."
    assert pp.correct_text(text).text.endswith("The dog ut the door.")
    monkeypatch.setattr(policy, "REAL_WORD_MARGIN", policy.REAL_WORD_MARGIN_NOISY)
    assert pp.correct_text(text).text.endswith("The dog at the door.")


@pytest.mark.parametrize(("text", "expected"), [
    ("We had no tine to lose.", "We had no time to lose."),
    ("She said she would cone back soon.", "She said she would come back soon."),
    ("The sane thing happened again.", "The same thing happened again."),
])
def test_a_word_that_loses_a_final_e_to_another_word_is_still_a_slip(
        pp: PostProcessor, text: str, expected: str) -> None:
    # cane/can, cone/con: a final e that makes another word is no sign of an old spelling
    assert pp.correct_text(text).text == expected

"""Words misread in several places: found by the wide search where the beam search finds nothing."""

from __future__ import annotations

import math

import pytest

from ocr_desktop.core.correction import PostProcessor, wide_search
from ocr_desktop.core.correction.candidates import generate


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("We need to caleulale the cost of the new road.", "We need to calculate the cost of the new road."),
        ("You shautd see the river from here.", "You should see the river from here."),
        ("The train left for its deshnatian at noon.", "The train left for its destination at noon."),
    ],
)
def test_words_misread_in_several_places_are_fixed(pp: PostProcessor, text: str, fixed: str) -> None:
    page = pp.correct_text(text)
    assert page.text == fixed
    assert [c.reason for c in page.corrections] == ["ocr-confusion"]
    # and a second run has nothing left to do
    assert not pp.correct_text(page.text).corrections


def test_the_beam_search_alone_finds_nothing_for_them(pp: PostProcessor) -> None:
    # the reason the wide search exists: likelier single misreadings fill the small beam
    for token in ("caleulale", "shautd", "deshnatian"):
        assert generate(token, pp.channel, pp._known, 3, pp._alphabet) == {}


def test_wide_candidates_rank_the_learned_misreadings_first(pp: PostProcessor) -> None:
    pool = pp._pool()
    got = wide_search.wide_candidates("caleulale", pool, pp.channel, pp._alphabet)
    assert max(got, key=got.__getitem__) == "calculate"
    # a reading made of misreadings the table never saw is not offered at all
    assert "calculus" not in got


def test_misreading_logp_uses_multi_letter_confusions(pp: PostProcessor) -> None:
    # m read as "rn" is one learned confusion, not a substitution and an insertion
    one = wide_search.misreading_logp("modern", "rnodern", pp.channel, pp._alphabet)
    assert one > -9.0
    assert one > wide_search.misreading_logp("modern", "xodern", pp.channel, pp._alphabet)
    assert wide_search.misreading_logp("abc", "abc", pp.channel, pp._alphabet) == 0.0


def test_noise_makes_each_misreading_likelier(pp: PostProcessor) -> None:
    calm = wide_search.misreading_logp("calculate", "caleulale", pp.channel, pp._alphabet)
    noisy = wide_search.misreading_logp("calculate", "caleulale", pp.channel, pp._alphabet, shift=1.0)
    assert math.isclose(noisy - calm, 2.0)  # two misreadings (e, t), each one nat likelier


@pytest.mark.parametrize("text", [
    "Lorillard and Covington signed it.",  # capitalised: names, never searched wide
    "The heayoted mayprogials were gone.",  # nothing common is close enough: a suspect, unchanged
])
def test_names_and_far_tokens_stay(pp: PostProcessor, text: str) -> None:
    assert pp.correct_text(text).text == text


# a page that misreads e as c and o everywhere: the noise every wide search runs on
NOISY = "Tbe rcport of tlie conimittee wns rcad in tbe housc. Tlie mcmbers of tbe scnate votcd for tbe bili. "


@pytest.mark.parametrize("word", ["unregister", "unpublish", "configurator", "subscripting", "readln", "strcat"])
def test_other_forms_of_a_word_are_no_misreadings(pp: PostProcessor, word: str) -> None:
    # one or two learned slips at the end would explain each (unregister -> unregistered,
    # configurator -> configuration), but a stem or another ending is far likelier
    text = NOISY + f"We use {word} here."
    assert pp.correct_text(text).text.endswith(f"We use {word} here.")


def test_only_misreadings_the_reader_has_count(pp: PostProcessor) -> None:
    # each edit on its own must be a learned habit: two of them side by side are two, not one
    # whose sum is compared with one edit's floor
    adjacent = wide_search.misreading_logp("calculate", "caleulote", pp.channel, pp._alphabet)
    apart = wide_search.misreading_logp("calculate", "caleulale", pp.channel, pp._alphabet)
    assert adjacent > -math.inf and apart > -math.inf
    # a learned multi-letter misreading is one edit: the page's noise is added once
    calm = wide_search.misreading_logp("modern", "moclern", pp.channel, pp._alphabet)
    for shift in (1.0, 2.0, 3.0):
        noisy = wide_search.misreading_logp("modern", "moclern", pp.channel, pp._alphabet, shift)
        assert math.isclose(noisy - calm, shift)


def test_short_tokens_are_left_to_the_beam_search(pp: PostProcessor) -> None:
    assert wide_search.wide_candidates("scn", pp._pool(), pp.channel, pp._alphabet) == {}


def test_pool_holds_only_common_words_near_the_token(pp: PostProcessor) -> None:
    near = pp._pool().near("caleulale")
    assert "calculate" in near
    assert all(abs(len(w) - 9) <= wide_search.max_distance(9) for w in near)
    assert all(w[0] == "c" or w[1] == "a" for w in near)
    assert len(near) == len(set(near))


def test_the_pool_is_built_once_per_word_lists(pp: PostProcessor) -> None:
    # building it takes ~0.1 s: rebuilt per call, a noisy page took seconds
    assert pp._pool() is pp._pool()
    assert PostProcessor(user_model=None)._pool() is pp._pool()

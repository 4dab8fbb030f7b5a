"""The safety net's rules, without the database: when the support panel shows."""

import datetime

import pytest

from crisis_coach.wellbeing import rules

TODAY = datetime.date(2026, 11, 25)


def days_back(*moods):
    """(day, mood) for today and the days before it, newest first."""
    return [(TODAY - datetime.timedelta(days=index), mood) for index, mood in enumerate(moods)]


def test_a_check_in_with_mood_1_shows_the_panel():
    assert rules.support_reason(days_back(1), today=TODAY) == rules.VERY_LOW


def test_three_low_days_in_a_row_show_the_panel():
    assert rules.support_reason(days_back(2, 2, 2), today=TODAY) == rules.LOW_DAYS_IN_A_ROW


def test_two_low_days_or_a_gap_in_the_three_do_not():
    assert rules.support_reason(days_back(2, 2), today=TODAY) is None
    assert rules.support_reason(days_back(2, 3, 2), today=TODAY) is None
    gap = [(TODAY, 2), (TODAY - datetime.timedelta(days=1), 2), (TODAY - datetime.timedelta(days=3), 2)]
    assert rules.support_reason(gap, today=TODAY) is None


def test_an_ordinary_day_shows_nothing_and_no_check_in_today_shows_nothing():
    assert rules.support_reason(days_back(4, 3, 2), today=TODAY) is None
    yesterday_only = [(TODAY - datetime.timedelta(days=1), 1)]
    assert rules.support_reason(yesterday_only, today=TODAY) is None


def test_a_note_with_words_of_despair_shows_the_panel():
    reason = rules.support_reason(days_back(3), today=TODAY, note="I feel hopeless about work", language="en")
    assert reason == rules.WORDS


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Honestly I can’t go on like this."),  # a phone's apostrophe
        ("en", "Some days I just WANT TO DISAPPEAR."),
        ("zh-hant", "最近真的覺得活不下去了"),
        ("zh-hant", "我很絕望"),
        ("ar", "أشعر أنني يائس من كل شيء"),
        ("ar", "اشعر بانه لا امل"),  # typed without hamza: folded as search folds it
        ("ar", "وأريد أن أموت"),  # "and" joined to the word
        ("zh-hant", "I feel hopeless"),  # English is read in every interface language
    ],
)
def test_words_of_despair_are_found_in_each_language(language, text):
    assert rules.distress_signalled(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The weekend it all went well; I can go on with the plan."),
        ("en", ""),
        ("zh-hant", "今天和主管談得不錯，我有希望"),
        ("ar", "كان الاجتماع جيدا وأنا متفائل"),
    ],
)
def test_ordinary_words_signal_nothing(language, text):
    assert not rules.distress_signalled(text, language)


def test_normalise_folds_case_accents_and_arabic_letter_forms():
    assert rules.normalise("  Café   DÉJÀ ") == "cafe deja"
    assert rules.normalise("أإآٱ ى ة ـ") == rules.normalise("اااا ي ه")

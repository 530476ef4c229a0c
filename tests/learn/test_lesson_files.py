"""The shipped lesson files: each reads whole, and every language teaches the same course: the
same lessons, questions, options and answers, the same sources, and every runner sentence with
the same {names} filled in. A translation that drifts from English fails here, not in a class."""

import re

import pytest

from hygiene.learn.lessons import LESSON_IDS, languages, load_course, placeholders

LANGUAGES = languages()
ENGLISH = load_course("en")


def test_english_and_urdu_are_shipped():
    assert {"en", "ur"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_teaches_the_same_course(language):
    course = load_course(language)
    assert tuple(lesson.id for lesson in course.lessons) == LESSON_IDS
    for ours, theirs in zip(ENGLISH.lessons, course.lessons, strict=True):
        assert [q.id for q in theirs.questions] == [q.id for q in ours.questions], ours.id
        assert [(q.answer, len(q.options)) for q in theirs.questions] == [
            (q.answer, len(q.options)) for q in ours.questions
        ]
        assert [(p.show, p.sources) for p in theirs.points] == [(p.show, p.sources) for p in ours.points], ours.id
        assert [(e.kind, e.sources, len(e.signs)) for e in theirs.examples] == [
            (e.kind, e.sources, len(e.signs)) for e in ours.examples
        ], ours.id
        assert theirs.minutes == ours.minutes
    assert {s: (v.url, v.checked) for s, v in course.sources.items()} == {
        s: (v.url, v.checked) for s, v in ENGLISH.sources.items()
    }
    for key, sentence in course.ui.items():
        assert placeholders(sentence) == placeholders(ENGLISH.ui[key]), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_in_a_translation_are_the_numbers_of_the_original(language):
    """A helpline, a short code or an amount must survive translation, in whichever digits."""

    def numbers(text: str) -> list[str]:
        western = "".join(str(int(c)) if c.isdecimal() else c for c in text)
        return sorted(re.findall(r"\d+", western))

    course = load_course(language)
    for ours, theirs in zip(ENGLISH.lessons, course.lessons, strict=True):
        for a, b in zip(ours.points, theirs.points, strict=True):
            assert numbers(b.text) == numbers(a.text), (ours.id, a.text)
        for a, b in zip(ours.examples, theirs.examples, strict=True):
            assert numbers(b.text + b.sender) == numbers(a.text + a.sender), (ours.id, a.text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_file_says_who_reviewed_it_or_that_nobody_has(language):
    course = load_course(language)
    assert course.reviewed == bool(course.reviewed_by), "a reviewer needs a date, a date a reviewer"
    if language != "en":
        assert course.translated_from == "en"
    assert course.ui["unreviewed"]  # shown on screen whenever it is not reviewed


def test_urdu_is_written_right_to_left_in_arabic_script():
    course = load_course("ur")
    assert course.direction == "rtl"
    letters = [c for c in course.lessons[0].title if c.isalpha()]
    assert letters and all("\u0600" <= c <= "\u06ff" for c in letters)


def test_the_course_takes_about_ten_minutes():
    assert ENGLISH.minutes == 10 and 8 <= sum(lesson.minutes for lesson in ENGLISH.lessons) <= 12
    assert all(2 <= len(lesson.questions) <= 3 for lesson in ENGLISH.lessons)


def test_the_phishing_lesson_shows_the_five_messages_the_issue_names():
    phishing = ENGLISH.lessons[0]
    assert [e.kind for e in phishing.examples].count("sms") >= 2
    assert {"sms", "email", "whatsapp", "notice"} <= {e.kind for e in phishing.examples}
    assert len(phishing.examples) == 5


def test_the_incident_lesson_shows_the_regions_contacts():
    assert "contacts" in [p.show for p in ENGLISH.lessons[-1].points]


def test_answers_are_not_always_in_the_same_place():
    answers = [q.answer for q in ENGLISH.questions]
    assert len(set(answers)) >= 3 and max(answers.count(a) for a in set(answers)) <= len(answers) // 2 + 1

"""The lesson file format: a broken file fails with its name and the key at fault."""

import pytest

from hygiene.learn.lessons import LessonFileError, parse_course
from tests.learn.course_text import course_toml


def test_a_valid_file_reads_whole():
    course = parse_course(course_toml(), "lessons/en.toml")
    assert [lesson.id for lesson in course.lessons][0] == "phishing" and len(course.questions) == 12
    assert course.reviewed and course.say("lesson", n=1, total=6) == "Lesson 1 of 6"
    phishing = course.lessons[0]
    assert phishing.examples[0].sender == "8001" and phishing.questions[0].answer == 2
    assert [p.show for p in course.lessons[-1].points] == ["", "contacts"]


def test_an_unreviewed_file_says_so():
    assert not parse_course(course_toml(reviewed=False), "x.toml").reviewed


def _broken(old: str, new: str) -> str:
    text = course_toml()
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("minutes = 10\n", 'minutes = 10\ncolour = "red"\n', "[meta]: unknown key 'colour'"),
        ('direction = "ltr"', 'direction = "up"', "meta.direction: must be 'ltr' or 'rtl'"),
        ("reviewed_on = 2026-12-01", 'reviewed_on = "yesterday"', "meta.reviewed_on: must be a date"),
        ('title = "Lesson phishing"', 'title = ""', "lessons[0].title: must be text, not empty"),
        ("answer = 2", "answer = 4", "phishing.questions[0].answer: must be a whole number from 1 to 3"),
        ("answer = 2", "answer = true", "phishing.questions[0].answer: must be a whole number"),
        ('sources = ["guide"]', 'sources = ["nowhere"]', "cites 'nowhere', which is not among [[sources]]"),
        (
            'text = "Point one of phishing: 2 facts."\nsources = ["guide"]',
            'text = "2 facts."',
            "phishing.points[0]: states a number but cites no source",
        ),
        (
            "https://yourbank-verify.example/x",
            "https://yourbank.com.pk/x",
            "links to yourbank.com.pk: example links must be under .example",
        ),
        ("https://yourbank-verify.example/x", "www.bank.example.com/x", "links to www.bank.example.com"),
        ("https://yourbank-verify.example/x", "bit.ly/x1", "links to bit.ly"),
        ("https://yourbank-verify.example/x", "yourbank.pk.", "links to yourbank.pk"),
        ('sender = "8001"', 'sender = "alerts@yourbank.com"', "sender: links to yourbank.com"),
        (
            'prompt = "Question 1 about phishing?"',
            'prompt = "Question \\u001b[2J?"',
            "has the control character U+001B",
        ),
        ('prompt = "Question 1 about phishing?"', 'prompt = "Question \\u202e1?"', "has the control character U+202E"),
        ('id = "passwords"', 'id = "secrets"', "[[lessons]]: must be, in this order"),
        ('id = "phishing-2"', 'id = "phishing-1"', "two questions share an id"),
        (
            'url = "https://guide.example/page"',
            'url = "http://guide.example/page"',
            "sources[0].url: must be an https:// address",
        ),
        ('kind = "sms"', 'kind = "fax"', "phishing.examples[0].kind: must be one of"),
        ('show = "contacts"', 'show = "weather"', "incident.points[1].show: must be one of examples, contacts"),
        ('right = "Right."', 'right = "Right, {name}."', "ui.right: fills in {name}"),
        ('right = "Right."', 'right = "Right {."', "ui.right: expected '}' before end of string"),
        ('right = "Right."', 'right = "Right {Right}."', "ui.right: {Right} is not a plain placeholder"),
        ('right = "Right."', 'right = "Right { right}."', "is not a plain placeholder"),
        ('right = "Right."', 'right = "{0}"', "ui.right: {0} is not a plain placeholder"),
        (
            'lesson_score = "{right} of {total} right in this lesson."',
            'lesson_score = "{total[0]}"',
            "{total[0]} is not a plain placeholder",
        ),
        (
            'lesson_score = "{right} of {total} right in this lesson."',
            'lesson_score = "{right:>999999999}"',
            "{right:>999999999} is not a plain placeholder",
        ),
        (
            'lesson_score = "{right} of {total} right in this lesson."',
            'lesson_score = "{right!r}"',
            "{right!r} is not a plain placeholder",
        ),
        ('right = "Right."', 'right = "{درست}"', "is not a plain placeholder"),
        ('right = "Right."\n', "", "[ui]: missing 'right'"),
        ("[[lessons]]", "[[lessons]]\nextra = 1", "lessons[0]: unknown key 'extra'"),
    ],
)
def test_a_broken_file_names_the_key_at_fault(old, new, says):
    with pytest.raises(LessonFileError) as caught:
        parse_course(_broken(old, new), "lessons/en.toml")
    assert str(caught.value).startswith("lessons/en.toml: ") and says in str(caught.value)


def test_a_source_nobody_cites_is_refused():
    text = course_toml().replace(
        "[[lessons]]",
        '[[sources]]\nid = "spare"\ntitle = "T"\nurl = "https://x.example/"\nchecked = 2026-12-01\n[[lessons]]',
        1,
    )
    with pytest.raises(LessonFileError, match="'spare' is cited nowhere"):
        parse_course(text, "x.toml")


def test_an_example_must_cite_the_pattern_it_stands_for():
    with pytest.raises(LessonFileError, match="cite where it is described"):
        parse_course(
            _broken(
                'signs = ["A link to type your PIN into"]\nsources = ["guide"]', 'signs = ["A link"]\nsources = []'
            ),
            "x.toml",
        )


def test_invented_hosts_under_example_and_ordinary_words_pass():
    text = _broken("https://yourbank-verify.example/x", "Pay at yourbank-verify.example/pay, e.g. now. Rs. 150 only.")
    assert "e.g." in parse_course(text, "x.toml").lessons[0].examples[0].text


def test_not_toml_at_all():
    with pytest.raises(LessonFileError, match="x.toml: not valid TOML"):
        parse_course("[meta\n", "x.toml")


def test_urdu_spelling_keeps_its_zero_width_non_joiner():
    course = parse_course(_broken('title = "Lesson phishing"', 'title = "فشنگ\u200cکی پہچان"'), "x.toml")
    assert "\u200c" in course.lessons[0].title

"""Which language to teach in, and whether the terminal can show a right-to-left one."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hygiene.learn.script import cannot_show_rtl, locale_language

KNOWN = ("en", "ur")


@pytest.mark.parametrize(
    ("env", "windows", "expected"),
    [
        ({"LANG": "ur_PK.UTF-8"}, None, "ur"),
        ({"LANG": "ur_PK"}, None, "ur"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "ur_IN.UTF-8"}, None, "ur"),
        ({"LANGUAGE": "pa:ur:en", "LANG": "en_US.UTF-8"}, None, "ur"),  # the first language hygiene has
        ({"LANGUAGE": "de:fr", "LANG": "ur_PK.UTF-8"}, None, "ur"),
        ({"LANG": "de_DE.UTF-8"}, None, "en"),
        ({"LANG": "C.UTF-8"}, None, "en"),
        ({"LANG": "POSIX"}, None, "en"),
        ({}, None, "en"),
        ({}, "Urdu_Pakistan", "ur"),
        ({}, "English_United States", "en"),
        ({}, "German_Germany", "en"),
        ({"LANG": "urx_PK"}, None, "en"),  # not Urdu: a three-letter code that starts alike
        ({"LC_ALL": "C", "LANG": "ur_PK.UTF-8"}, None, "en"),  # C is English, as gettext has it
        ({"LC_ALL": "C.UTF-8", "LANGUAGE": "ur"}, None, "en"),  # LANGUAGE is ignored under C
        ({"LANGUAGE": "ur"}, None, "ur"),
        ({"LANG": "POSIX"}, "Urdu_Pakistan", "en"),
    ],
)
def test_the_locale_picks_the_language(env, windows, expected):
    assert locale_language(env, windows, KNOWN) == expected


def test_a_language_without_lessons_is_never_picked():
    assert locale_language({"LANG": "ur_PK.UTF-8"}, None, ("en",)) == "en"


@pytest.mark.parametrize(
    "env",
    [
        {"VTE_VERSION": "7600", "TERM": "xterm-256color"},  # GNOME Terminal 46
        {"VTE_VERSION": "5800"},
        {"KONSOLE_VERSION": "230805"},
        {"TERM_PROGRAM": "mintty"},
        {"MLTERM": "3.9.3"},
    ],
)
def test_terminals_known_to_shape_and_reorder_are_trusted(env):
    assert cannot_show_rtl(env, is_terminal=True) is None


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"VTE_VERSION": "7600", "TMUX": "/tmp/tmux-1000/default,1,0"}, "tmux and screen cannot do that"),
        ({"KONSOLE_VERSION": "230805", "STY": "1234.pts-0"}, "tmux and screen cannot do that"),
        ({"TERM": "tmux-256color"}, "TERM is tmux-256color"),
        ({"VTE_VERSION": "7600", "TERM_PROGRAM": "vscode"}, "this terminal (vscode)"),  # inherited from GNOME Terminal
        ({"VTE_VERSION": "\u00b9"}, "not one known"),  # isdigit() but not a number int() reads
        ({"VTE_VERSION": "9" * 5000}, "not one known"),
        ({"VTE_VERSION": "5202"}, "not one known"),  # VTE before 0.58 draws left to right
        ({"TERM_PROGRAM": "WezTerm"}, "this terminal (WezTerm)"),
        ({"WT_SESSION": "x", "TERM": "xterm-256color"}, "this terminal (TERM=xterm-256color)"),
        ({}, "this terminal (unknown)"),
        ({"VTE_VERSION": "76a"}, "not one known"),
    ],
)
def test_other_terminals_get_a_reason(env, says):
    assert says in cannot_show_rtl(env, is_terminal=True)


def test_a_file_or_a_pipe_keeps_logical_order_and_needs_no_terminal():
    assert cannot_show_rtl({"TMUX": "x"}, is_terminal=False) is None


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "VTE_VERSION",
                "KONSOLE_VERSION",
                "TERM",
                "TERM_PROGRAM",
                "TMUX",
                "STY",
                "MLTERM",
                "LANG",
                "LC_ALL",
                "LANGUAGE",
            ]
        ),
        st.text(max_size=50),
    )
)
def test_any_environment_gives_an_answer_never_a_crash(env):
    assert cannot_show_rtl(env, is_terminal=True) is None or isinstance(cannot_show_rtl(env, is_terminal=True), str)
    assert locale_language(env, None, KNOWN) in KNOWN

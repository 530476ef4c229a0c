"""What Rich does with Urdu, which the runner relies on: it writes the text in logical order,
one cell per letter and none for a vowel mark, and wraps it between words; a terminal that
reorders and joins (learn.script) then shows each line right to left. Rich does no bidi and no
shaping itself: these tests pin that, so a Rich that starts to will be noticed."""

import io
import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from hygiene.inert import inert
from hygiene.reporters.console import make_console
from hygiene.reporters.wrap import Prose

# An invented Urdu sentence ("Never tell anyone your code; the bank never asks for it."), with
# a zer (U+0650), a ZWNJ and the digits 1799, as lesson text mixes them.
SENTENCE = "اپنا کوڈ کبھی کسی کو نہ بتائیں؛ بینک یہ کبھی نہیں مانگتا۔ مدد کے لیے 1799 پر کال کِریں\u200cگے۔"


def _render(text: str, width: int) -> list[str]:
    buffer = io.StringIO()
    console = make_console(color=False, file=buffer, width=width)
    console.print(Prose(text))
    return [line.rstrip() for line in buffer.getvalue().splitlines()]


def test_one_cell_per_letter_and_none_for_marks_or_the_joiner():
    assert cell_len("کبھی") == 4
    assert cell_len("کِ") == 1  # the zer sits on its letter
    assert cell_len("\u200c") == 0


def test_rich_writes_logical_order_unshaped_and_unchanged():
    lines = _render(SENTENCE, 200)
    assert lines == [SENTENCE]  # no reordering, no presentation forms, no marks added
    assert not any("\ufb50" <= c <= "\ufeff" for c in lines[0])


def test_wrapping_keeps_words_whole_and_in_order():
    words = SENTENCE.split(" ")
    for width in (20, 33, 80):
        lines = _render(SENTENCE, width)
        assert all(cell_len(line) <= width for line in lines)
        assert " ".join(lines).split(" ") == words


def test_hygiene_inert_leaves_urdu_alone():
    assert inert(SENTENCE) == SENTENCE


@given(
    st.text(
        alphabet=st.characters(whitelist_categories=("Lo", "Mn", "Nd"), min_codepoint=0x600, max_codepoint=0x6FF),
        min_size=1,
        max_size=60,
    )
)
def test_arabic_script_never_gets_wider_than_the_console(word):
    text = " ".join([word] * 5)
    for line in _render(text, 30):
        assert cell_len(line) <= 30 or " " not in line  # only a single unbreakable word may overflow


def test_urdu_letters_are_arabic_script_in_the_bidi_sense():
    assert {unicodedata.bidirectional(c) for c in "کبھیےں"} == {"AL"}

"""`hygiene learn` at a real terminal: tmux gives it a pseudo-terminal 80 columns wide, and the
test reads the screen and types like a person: Enter after each lesson, a number per question.
What it checks is what a person would: every lesson and question shown, the score, and what
was recorded in the profile and the history."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from hygiene.learn.lessons import load_course

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")

ROOT = Path(__file__).resolve().parents[2]
WIDTH = 80


class Tmux:
    def __init__(self, tmp_path: Path, command: list[str], env: dict[str, str]) -> None:
        self.socket = f"hygiene-learn-{os.getpid()}"
        self.log = tmp_path / "exit-code"
        script = f"{shlex.join(['env', *(f'{k}={v}' for k, v in env.items()), *command])}; echo $? > {shlex.quote(str(self.log))}"
        self.tmux("new-session", "-d", "-x", str(WIDTH), "-y", "50", "-s", "learn", script)
        self.tmux("set-option", "-t", "learn", "remain-on-exit", "on")

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-u", "-L", self.socket, *args], capture_output=True, text=True, check=True, timeout=10
        ).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-t", "learn", "-S", "-400")

    def prompt(self, timeout: float = 20) -> str | None:
        """The screen once hygiene waits for a line (its last line ends in ': '), or None when it has ended."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.log.exists():
                return None
            screen = self.screen()
            last = screen.rstrip().split("\n")[-1]  # tmux drops the space after the prompt's colon
            if last.startswith(("Your answer", "Press Enter")) and last.endswith(":"):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"hygiene did not ask anything within {timeout} s:\n{self.screen()}")

    def type(self, text: str) -> None:
        before = self.screen().rstrip()
        self.tmux("send-keys", "-t", "learn", "-l", text)
        self.tmux("send-keys", "-t", "learn", "Enter")
        end = time.monotonic() + 10
        # Enter alone only moves the cursor: wait for what hygiene prints next, or the prompt
        # just answered would be taken for the next one.
        while self.screen().rstrip() == before and not self.log.exists() and time.monotonic() < end:
            time.sleep(0.02)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


@pytest.fixture
def home(tmp_path):
    env = {
        "PYTHONPATH": str(ROOT / "src"),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HYGIENE_HISTORY": str(tmp_path / "history.sqlite3"),
        "LANG": "C.UTF-8",
        "TERM": "tmux-256color",
        "NO_COLOR": "1",
    }
    return tmp_path, env


def test_a_full_course_at_a_real_terminal_is_recorded(home):
    tmp_path, env = home
    profile = tmp_path / "hygiene.toml"
    profile.write_text('region = "PK"\n\n[attest]\n# when we last trained\ntraining_completed = 2025-01-10\n')
    profile.chmod(0o600)
    course = load_course("en")
    wrong = course.questions[0].id  # answered wrong on purpose, so the score is not a formality
    seen: list[str] = []
    run = Tmux(tmp_path, [sys.executable, "-m", "hygiene", "learn", "--lang", "en", "--profile", str(profile)], env)
    try:
        while (screen := run.prompt()) is not None:
            last = screen.rstrip().split("\n")[-1]
            if last.startswith("Press Enter for the questions"):
                seen.append(re.findall(r"Lesson (\d) of 6", screen)[-1])
            if last.startswith("Press Enter"):  # to begin, to read on, for the questions, for the next lesson
                run.type("")
                continue
            assert last.startswith("Your answer"), screen
            n = int(re.findall(r"Question (\d+) of", screen)[-1])
            q = course.questions[n - 1]
            run.type(str(q.answer % len(q.options) + 1 if q.id == wrong else q.answer))
        final = run.screen()
    finally:
        run.close()
    assert (tmp_path / "exit-code").read_text().strip() == "0", final
    total = len(course.questions)
    assert seen == ["1", "2", "3", "4", "5", "6"]
    assert f"Done: {total - 1} of {total} right." in final
    assert "Recorded in" in final and "Saved in the history too" in final
    assert max(len(line) for line in final.split("\n")) <= WIDTH, [
        line for line in final.split("\n") if len(line) > WIDTH
    ]
    recorded = tomllib.loads(profile.read_text())["attest"]["training_completed"]
    assert recorded["score"] == total - 1 and recorded["out_of"] == total and recorded["via"] == "hygiene learn"
    assert "# when we last trained" in profile.read_text()
    assert profile.stat().st_mode & 0o777 == 0o600
    shown = subprocess.run(
        [sys.executable, "-m", "hygiene", "history", "-f", "json"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    sessions = json.loads(shown.stdout)["training"]
    assert [(s["kind"], s["score"], s["out_of"]) for s in sessions] == [("lessons", total - 1, total)]


def test_urdu_inside_tmux_falls_back_to_english_and_says_why(home):
    tmp_path, env = home
    run = Tmux(tmp_path, [sys.executable, "-m", "hygiene", "learn", "--lang", "ur", "--quiz", "--no-record"], env)
    try:
        screen = run.prompt()
        assert screen is not None
        said = " ".join(screen.split())  # the note is wrapped between words at 80 columns
        assert "اردو needs a terminal that joins its letters and writes right to left, and tmux and screen" in said
        assert "Showing English instead." in said and "--rtl" in said and "hygiene learn handout --lang ur" in said
        assert screen.rstrip().split("\n")[-1].startswith("Press Enter to begin")  # it waits: the note stays in view
        assert max(len(line) for line in screen.split("\n")) <= WIDTH
    finally:
        run.close()

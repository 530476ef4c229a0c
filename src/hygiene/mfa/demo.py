"""The workshop loop: show the current code and its countdown, check what the audience types.
Input, output and the clock are passed in, so the loop is tested with a fixed clock."""

from collections.abc import Callable

from hygiene.mfa.totp import check_code, code_at, seconds_left

QUIT = ("q", "quit", "exit")


def run_demo(secret: str, ask: Callable[[str], str], say: Callable[[str], None], clock: Callable[[], float]) -> int:
    """Returns how many typed codes were accepted."""
    accepted = 0
    while True:
        now = clock()
        say(f"Current code: {code_at(secret, now)}   (next code in {seconds_left(now)} s)")
        typed = ask("Type the code from your phone (Enter for a fresh one, q to stop): ").strip()
        if typed.lower() in QUIT:
            return accepted
        if not typed:
            continue
        result = check_code(secret, typed, clock())
        accepted += result.accepted
        say(result.explanation)

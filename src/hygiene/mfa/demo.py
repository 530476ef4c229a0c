"""The workshop: a QR code to scan, then the current code and its countdown, checking what the
audience types. The loop's input, output and clock are passed in, so it is tested with a fixed clock."""

from collections.abc import Callable

from hygiene.errors import UserError
from hygiene.mfa.totp import OneTimeVerifier, code_at, seconds_left

QUIT = ("q", "quit", "exit")


def run_demo(secret: str, ask: Callable[[str], str], say: Callable[[str], None], clock: Callable[[], float]) -> int:
    """Returns how many typed codes were accepted; each code is accepted once, as a real
    verifier must (a second entry of it is refused, and the refusal is the lesson)."""
    verifier = OneTimeVerifier(secret)
    accepted = 0
    while True:
        now = clock()
        say(f"Current code: {code_at(secret, now)}   (next code in {seconds_left(now)} s)")
        typed = ask("Type the code from your phone (Enter for a fresh one, q to stop): ").strip()
        if typed.lower() in QUIT:
            return accepted
        if not typed:
            continue
        result = verifier.check(typed, clock())
        accepted += result.accepted
        say(result.explanation)


def too_narrow(needed: int, width: int) -> str | None:
    """Why the QR code cannot be shown at this width, or None when it fits: a code folded onto
    the next line cannot be scanned, so it is never printed cut."""
    if width >= needed:
        return None
    return (
        f"the terminal is {width} columns wide and the QR code needs {needed}: widen the window "
        "(or make the font smaller) and run `hygiene mfa demo` again"
    )


def workshop(issuer: str, account: str, invert: bool) -> None:
    """The whole demo at the terminal, with a fresh secret kept only in memory; Ctrl-C or the
    end of input ends it."""
    import time

    from rich.text import Text

    from hygiene.mfa.qr import qr_matrix, render
    from hygiene.mfa.totp import new_secret, provisioning_uri
    from hygiene.reporters.console import make_console
    from hygiene.words import count

    console = make_console()
    secret = new_secret()
    try:
        matrix = qr_matrix(provisioning_uri(secret, account, issuer))
        problem = too_narrow(len(matrix[0]), console.width)
        if problem:
            raise UserError(problem)
        console.print(Text("Scan this with an authenticator app", style="bold").append(f" ({issuer}: {account}):\n"))
        console.print(render(matrix, invert=invert), end="")
        console.print("\nThe secret exists only in this program's memory; it is gone when the demo ends.\n")
        accepted = run_demo(secret, ask=lambda p: console.input(p), say=console.print, clock=time.time)
        console.print(f"Demo ended: {count(accepted, 'code')} accepted.")
    except (KeyboardInterrupt, EOFError):
        console.print("\nDemo ended.")
    finally:
        del secret

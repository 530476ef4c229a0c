"""QR codes in the terminal: two module rows per text line with half-block characters, a
quiet zone around, light modules drawn as ink so it scans on a dark or a light screen
(--invert swaps them)."""

from __future__ import annotations

QUIET_ZONE = 2
# (top dark?, bottom dark?) -> character, drawing the *light* modules.
_BLOCKS = {(False, False): "█", (False, True): "▀", (True, False): "▄", (True, True): " "}


def qr_matrix(data: str) -> list[list[bool]]:
    """True for dark modules, including the quiet zone."""
    import qrcode

    qr = qrcode.QRCode(border=QUIET_ZONE, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(data)
    qr.make(fit=True)
    return [list(row) for row in qr.get_matrix()]


def render(matrix: list[list[bool]], invert: bool = False) -> str:
    rows = [[cell != invert for cell in row] for row in matrix]
    if len(rows) % 2:  # pad the bottom with quiet zone, which is light (dark once inverted)
        rows.append([invert] * len(rows[0]))
    lines = []
    for top, bottom in zip(rows[0::2], rows[1::2], strict=True):
        lines.append("".join(_BLOCKS[(t, b)] for t, b in zip(top, bottom, strict=True)))
    return "\n".join(lines) + "\n"


def parse_rendering(text: str, invert: bool = False) -> list[list[bool]]:
    """Read a rendering back into modules: what a test (or a camera) sees."""
    reverse = {char: pair for pair, char in _BLOCKS.items()}
    matrix: list[list[bool]] = []
    for line in text.splitlines():
        pairs = [reverse[ch] for ch in line]
        matrix.append([t != invert for t, _ in pairs])
        matrix.append([b != invert for _, b in pairs])
    return matrix

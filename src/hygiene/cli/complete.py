"""Shell completion: the values a Tab offers for check ids, categories, demo names and formats.

Typer calls these only when the shell asks (`hygiene --install-completion` sets that up), so
their imports stay inside them and `hygiene --help` pays nothing for them."""

from __future__ import annotations

from collections.abc import Callable


def _comma_list(incomplete: str, values: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Options that take a comma-separated list (--only ENC-001,UPD-003) complete the last item.
    Ids are read in any case, so `enc-0` completes too, keeping what was typed (the shell
    offers only what starts with it)."""
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [
        (prefix + last + value[len(last) :], about)
        for value, about in values
        if value.casefold().startswith(last.casefold())
    ]


def check_ids(incomplete: str) -> list[tuple[str, str]]:
    from hygiene.registry import CHECKS

    return _comma_list(incomplete, [(c.meta.id, c.meta.title) for c in sorted(CHECKS, key=lambda c: c.meta.id)])


def categories(incomplete: str) -> list[tuple[str, str]]:
    from hygiene.model import Category

    return _comma_list(incomplete, [(c.value, "") for c in Category])


def demos(incomplete: str) -> list[tuple[str, str]]:
    from hygiene.data.demos import list_demos

    return [(d.name, d.title) for d in list_demos() if d.name.startswith(incomplete)]


def formats(offered: tuple[str, ...]) -> Callable[[str], list[tuple[str, str]]]:
    """A completer for one command's -f: its formats, not the files a shell offers by default."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        return [(name, "") for name in offered if name.startswith(incomplete.casefold())]

    return complete

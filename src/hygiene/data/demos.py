"""Demo machines for workshops: shipped snapshots (data/demos/*.json) replayed through the
same engine as any snapshot, each with its own profile, clock and host name."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from hygiene.errors import UserError
from hygiene.profile import parse_profile
from hygiene.system.recorded import RecordedSystem
from hygiene.system.snapshot_document import Snapshot


@dataclass(frozen=True)
class Demo:
    name: str
    title: str
    description: str
    platform: str


def _folder():
    return resources.files("hygiene.data").joinpath("demos")


@cache
def _documents() -> dict[str, dict]:
    docs = {}
    for entry in sorted(_folder().iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            doc = json.loads(entry.read_text("utf-8"))
            docs[Snapshot.read(doc).demo.name] = doc
    return docs


def list_demos() -> list[Demo]:
    demos = []
    for name, doc in _documents().items():
        snap = Snapshot.read(doc)
        demos.append(Demo(name, snap.demo.title, snap.demo.description, snap.facts.platform.value))
    return demos


def load_demo(name: str) -> tuple[RecordedSystem, str]:
    """The demo machine, with its own profile, and its title for labelling every output."""
    docs = _documents()
    if name not in docs:
        close = difflib.get_close_matches(name, docs, n=1, cutoff=0.4)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise UserError(f"no demo is called {name!r}.{hint} Demos: {', '.join(docs)}")
    from hygiene.registry import BY_ID  # the registry imports every check: only when a demo is loaded

    about = Snapshot.read(docs[name]).demo
    profile = parse_profile(about.profile, Path(f"demo {name} profile"), known_checks=frozenset(BY_ID))
    return RecordedSystem(docs[name], profile), about.title

"""The snapshot document (schemas/snapshot-v1.schema.json), the one place that spells its keys.

The recorder, the tests and tools/make_demos.py build a `Snapshot` and write it with
`document()`, so every snapshot has the same keys in the same order (the shipped demos and
`hygiene snapshot` output are compared byte for byte); `load` validates a file and
`Snapshot.read` turns a document back into the answers RecordedSystem replays, including
older ones (no `kept`, `family`, `mtimes`, `ssh_keys`, `backups`, `registry` or `declared_backups`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from hygiene.files import load_document, when
from hygiene.model import Platform
from hygiene.profile import DeclaredBackup
from hygiene.system.base import RegistryValue, SystemFacts
from hygiene.system.kept import WHOLE

SCHEMA_VERSION = 1
KIND = "hygiene-snapshot"
SCHEMA = "snapshot-v1"

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class CommandAnswer:
    """What a command answered: its output, or that it timed out or printed too much."""

    returncode: int = 0
    stdout: str = ""
    stderr: str = ""
    found: bool = True
    timed_out: float | None = None  # seconds waited
    too_large: bool = False


@dataclass(frozen=True)
class FileAnswer:
    """A file's (kept) text, None when it does not exist, or why it could not be read."""

    content: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class RegistryAnswer:
    """The named values a registry key holds (None: the key does not exist), or why it could
    not be read."""

    values: dict[str, RegistryValue] | None = None
    error: str | None = None


@dataclass
class DemoInfo:
    """What a shipped demo machine says about itself, and the profile it is audited with."""

    name: str
    title: str
    description: str
    profile: str  # TOML text


@dataclass
class Snapshot:
    """Every question the checks asked and its answer. Commands and files are keyed by what
    was asked and the name of the Keep that reduced the answer, registry keys by the key and
    the value names asked; the tables' order is the document's order."""

    facts: SystemFacts
    clock: str  # ISO 8601 with a UTC offset
    tool_version: str
    redacted: bool = False
    demo: DemoInfo | None = None
    commands: dict[tuple[tuple[str, ...], str], CommandAnswer] = field(default_factory=dict)
    files: dict[tuple[str, str], FileAnswer] = field(default_factory=dict)
    exists: dict[str, bool] = field(default_factory=dict)
    globs: dict[str, list[str]] = field(default_factory=dict)
    mtimes: dict[str, str | None] = field(default_factory=dict)  # ISO 8601; None: absent
    ssh_keys: dict[str, dict | None] = field(default_factory=dict)
    backups: dict[str, dict | None] = field(default_factory=dict)
    registry: dict[tuple[str, tuple[str, ...]], RegistryAnswer] = field(default_factory=dict)
    declared_backups: tuple[DeclaredBackup, ...] = ()  # the profile's [[backups]]: a replay needs no profile

    def document(self) -> dict[str, Any]:
        """The JSON-ready document, its keys in the one canonical order."""
        f = self.facts
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": KIND,
            "tool": {"name": "hygiene", "version": self.tool_version},
            "clock": self.clock,
            "redacted": self.redacted,
            **({"demo": _demo_record(self.demo)} if self.demo else {}),
            "facts": {
                "platform": f.platform.value,
                "os_name": f.os_name,
                "os_version": f.os_version,
                "hostname": f.hostname,
                "username": f.username,
                "home": f.home,
                "family": f.family,
            },
            "commands": [_command_record(argv, kept, a) for (argv, kept), a in self.commands.items()],
            "files": [_file_record(path, kept, a) for (path, kept), a in self.files.items()],
            "exists": [{"path": p, "exists": e} for p, e in self.exists.items()],
            "globs": [{"pattern": p, "matches": m} for p, m in self.globs.items()],
            "mtimes": [{"path": p, "mtime": m} for p, m in self.mtimes.items()],
            "ssh_keys": [{"path": p, "facts": f} for p, f in self.ssh_keys.items()],
            "backups": [{"path": p, "facts": f} for p, f in self.backups.items()],
            "registry": [_registry_record(key, names, a) for (key, names), a in self.registry.items()],
            **(
                {"declared_backups": [_declared_record(d) for d in self.declared_backups]}
                if self.declared_backups
                else {}
            ),
        }

    @classmethod
    def read(cls, doc: dict[str, Any]) -> Snapshot:
        """A loaded document (see `load`) as tables; a later record of the same question wins."""
        f = doc["facts"]
        demo = doc.get("demo")
        return cls(
            facts=SystemFacts(
                platform=Platform(f["platform"]),
                os_name=f["os_name"],
                os_version=f["os_version"],
                hostname=f["hostname"],
                username=f["username"],
                home=f["home"],
                family=f.get("family", ""),
            ),
            clock=doc["clock"],
            tool_version=doc["tool"]["version"],
            redacted=doc["redacted"],
            demo=DemoInfo(demo["name"], demo["title"], demo["description"], demo["profile"]) if demo else None,
            commands={(tuple(c["argv"]), c.get("kept", WHOLE.name)): _command_answer(c) for c in doc["commands"]},
            files={(r["path"], r.get("kept", WHOLE.name)): _file_answer(r) for r in doc["files"]},
            exists={e["path"]: e["exists"] for e in doc["exists"]},
            globs={g["pattern"]: g["matches"] for g in doc["globs"]},
            mtimes={m["path"]: m["mtime"] for m in doc.get("mtimes", [])},
            ssh_keys={k["path"]: k["facts"] for k in doc.get("ssh_keys", [])},
            backups={b["path"]: b["facts"] for b in doc.get("backups", [])},
            registry={(r["key"], tuple(r["names"])): _registry_answer(r) for r in doc.get("registry", [])},
            declared_backups=tuple(
                DeclaredBackup(d["name"], d["path"], d["repository"], d["offsite"], d["line"])
                for d in doc.get("declared_backups", [])
            ),
        )


def whole(answers: Iterable[tuple[K, V]]) -> dict[tuple[K, str], V]:
    """Answers kept whole, keyed as Snapshot.commands and .files are (for tests and demos)."""
    return {(q, WHOLE.name): a for q, a in answers}


def _demo_record(demo: DemoInfo) -> dict[str, str]:
    return {"name": demo.name, "title": demo.title, "description": demo.description, "profile": demo.profile}


def _declared_record(d: DeclaredBackup) -> dict[str, Any]:
    return {"name": d.name, "path": d.path, "repository": d.repository, "offsite": d.offsite, "line": d.line}


def _kept(name: str) -> dict[str, str]:
    return {} if name == WHOLE.name else {"kept": name}


def _command_record(argv: tuple[str, ...], kept: str, a: CommandAnswer) -> dict[str, Any]:
    if a.timed_out is not None:
        return {"argv": list(argv), **_kept(kept), "timed_out": a.timed_out}
    if a.too_large:
        return {"argv": list(argv), **_kept(kept), "too_large": True}
    return {
        "argv": list(argv),
        **_kept(kept),
        "returncode": a.returncode,
        "stdout": a.stdout,
        "stderr": a.stderr,
        "found": a.found,
    }


def _command_answer(record: dict[str, Any]) -> CommandAnswer:
    if "timed_out" in record:
        return CommandAnswer(timed_out=record["timed_out"])
    if "too_large" in record:
        return CommandAnswer(too_large=True)
    return CommandAnswer(record["returncode"], record["stdout"], record["stderr"], record["found"])


def _file_record(path: str, kept: str, a: FileAnswer) -> dict[str, Any]:
    if a.error is not None:
        return {"path": path, **_kept(kept), "error": a.error}
    return {"path": path, **_kept(kept), "content": a.content}


def _file_answer(record: dict[str, Any]) -> FileAnswer:
    return FileAnswer(error=record["error"]) if "error" in record else FileAnswer(content=record["content"])


def _registry_record(key: str, names: tuple[str, ...], a: RegistryAnswer) -> dict[str, Any]:
    if a.error is not None:
        return {"key": key, "names": list(names), "error": a.error}
    return {"key": key, "names": list(names), "values": a.values}


def _registry_answer(record: dict[str, Any]) -> RegistryAnswer:
    return RegistryAnswer(error=record["error"]) if "error" in record else RegistryAnswer(values=record["values"])


def load(path: Path) -> dict[str, Any]:
    """A snapshot file, bounded in size and validated against the schema, its times with a
    UTC offset: every problem is a UserError naming the file and the place in it."""
    doc = load_document(path, KIND, SCHEMA, SCHEMA_VERSION)
    when(path, doc, "clock")
    for m in doc.get("mtimes", []):
        if m["mtime"] is not None:
            when(path, m, "mtime")
    return doc


# Redaction rewrites a document generically (every key and value), on documents that may be
# partial; these name the few places it must look at.


def identity(doc: dict[str, Any]) -> tuple[str, str]:
    """The host and user names the document's facts give."""
    facts = doc["facts"]
    return facts["hostname"], facts["username"]


def file_texts(doc: dict[str, Any], path: str) -> list[str]:
    """The recorded texts of the file at `path`, skipping records that are not what they should be."""
    return [
        r["content"]
        for r in doc.get("files", [])
        if isinstance(r, dict) and r.get("path") == path and isinstance(r.get("content"), str)
    ]


def kept_file_texts(doc: dict[str, Any], kept: str) -> list[str]:
    """The recorded texts of every file reduced by the Keep named `kept`, skipping records that
    are not what they should be."""
    return [
        r["content"]
        for r in doc.get("files", [])
        if isinstance(r, dict) and r.get("kept") == kept and isinstance(r.get("content"), str)
    ]


def registry_values(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The recorded values of the registry key `key`, skipping records that are not what they should be."""
    return [
        r["values"]
        for r in doc.get("registry", [])
        if isinstance(r, dict) and r.get("key") == key and isinstance(r.get("values"), dict)
    ]


def command_outputs(doc: dict[str, Any], argv: tuple[str, ...]) -> list[str]:
    """The recorded standard outputs of the command `argv`, skipping records that are not what they should be."""
    return [
        r["stdout"]
        for r in doc.get("commands", [])
        if isinstance(r, dict) and r.get("argv") == list(argv) and isinstance(r.get("stdout"), str)
    ]


def marked_redacted(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "redacted": True}

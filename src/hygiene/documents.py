"""Loading JSON documents the user hands us (results, snapshots): bounded, validated, and
every problem reported as a UserError naming the file and where in it."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from hygiene.errors import UserError
from hygiene.userfiles import read_user_text

MAX_DOCUMENT_BYTES = 50 * 1000 * 1000


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in hygiene/schemas (e.g. "result-v1")."""
    return json.loads(resources.files("hygiene.schemas").joinpath(f"{name}.schema.json").read_text("utf-8"))


def _where(path: Any) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "the top level"


def load_document(path: Path, kind: str, schema_name: str, version: int) -> dict[str, Any]:
    """Read and validate; `kind` is what the file should be ("hygiene-snapshot", "hygiene-result")."""
    label = kind.removeprefix("hygiene-")
    text = read_user_text(path, MAX_DOCUMENT_BYTES, label)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f" line {exc.lineno} column {exc.colno}" if exc.msg.endswith(" at") else ""
        raise UserError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}{where}") from None
    except RecursionError:
        raise UserError(f"{path}: nested too deeply to be a {label}") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise UserError(f"{path}: not a {label}: {exc}") from None
    if not isinstance(doc, dict):
        raise UserError(f"{path}: expected a JSON object (a {label}), found {type(doc).__name__}")
    if doc.get("kind", kind) != kind:
        raise UserError(f"{path}: this is a {doc['kind']!r} file, not a {label}")
    if doc.get("schema_version") != version:
        raise UserError(
            f"{path}: schema_version {doc.get('schema_version')!r} is not supported; "
            f"this hygiene reads {label} schema_version {version}"
        )
    import jsonschema  # only needed when a document is loaded

    try:
        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema(schema_name)).iter_errors(doc))
    except RecursionError:
        raise UserError(f"{path}: nested too deeply to be a {label}") from None
    if error is not None:
        message = error.message if len(error.message) <= 200 else error.message[:200] + "…"
        raise UserError(f"{path}: at {_where(error.absolute_path)}: {message}")
    return doc


def when(path: Path, doc: dict[str, Any], key: str) -> datetime:
    """A document's timestamp (ISO 8601 with a UTC offset), or a UserError naming the key."""
    value = doc[key]
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise UserError(f"{path}: at {key}: {str(value)[:80]!r} is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        raise UserError(f"{path}: at {key}: {str(value)[:80]!r} has no UTC offset")
    return moment

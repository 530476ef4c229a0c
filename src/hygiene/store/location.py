"""Where the history database is: --db, then $HYGIENE_HISTORY, then the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "HYGIENE_HISTORY"
FILE_NAME = "history.sqlite3"


def default_path() -> Path:
    from platformdirs import user_data_path  # only needed when no path is given

    return user_data_path("hygiene", appauthor=False) / FILE_NAME


def store_path(explicit: Path | None, env: dict[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if explicit is not None:
        return explicit
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR])
    return default_path()

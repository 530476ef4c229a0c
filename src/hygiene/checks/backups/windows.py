"""What the backup checks find on Windows: File History's configuration, and Windows Backup's
folder backup, which moves Desktop, Documents and Pictures into OneDrive."""

from __future__ import annotations

import re

from hygiene.checks.backups.declared import local_path
from hygiene.checks.backups.found import Backup
from hygiene.system import ProbeUnavailable, System

FILE_HISTORY = "AppData/Local/Microsoft/Windows/FileHistory/Configuration/Config1.xml"
# The folder backup leaves the shell-folder pointers leading into the OneDrive folder, which
# is always "OneDrive" or "OneDrive - Organisation", whatever the display language. The values
# are REG_EXPAND_SZ, read unexpanded: %USERPROFILE%\OneDrive\Desktop, or %OneDrive%\Desktop
# (%OneDriveConsumer%, %OneDriveCommercial%: the variables OneDrive sets to its folder).
USER_SHELL_FOLDERS = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\User Shell Folders"
SHELL_FOLDERS = {"Desktop": "Desktop", "Personal": "Documents", "My Pictures": "Pictures"}  # value: folder
IN_ONEDRIVE = re.compile(r"(?:%onedrive(?:consumer|commercial)?%|\\onedrive(?: - [^\\]+)?)\\", re.I)
NOTHING_FOUND = "no File History or OneDrive folder backup"


def tool_backups(system: System) -> tuple[list[Backup], list[str]]:
    backups = _file_history(system)
    folders, problems = _onedrive_folder_backup(system)
    return backups + folders, problems


def _file_history(system: System) -> list[Backup]:
    config = f"{system.facts.home}/{FILE_HISTORY}".replace("\\", "/")
    if not system.exists(config):
        return []
    return [
        Backup(
            "Windows File History",
            config,
            "File History",
            newest=system.mtime(config),  # rewritten by every File History run
            how="File History copies files as they are; only a BitLocker-encrypted target drive protects them",
        )
    ]


def _onedrive_folder_backup(system: System) -> tuple[list[Backup], list[str]]:
    try:
        folders = system.registry_values(USER_SHELL_FOLDERS, tuple(SHELL_FOLDERS)) or {}
    except ProbeUnavailable as exc:  # File History and declared backups still count
        return [], [str(exc)]
    moved = [
        folder
        for name, folder in SHELL_FOLDERS.items()
        if isinstance(folders.get(name), str) and IN_ONEDRIVE.search(folders[name])
    ]
    if not moved:
        return [], []
    return [
        Backup(
            "OneDrive folder backup (Windows Backup)",
            ", ".join(moved),
            "Windows Backup",
            how="OneDrive encrypts stored files on Microsoft's side, but anyone who signs in to the account reads them",
            offsite=True,
        )
    ], []


def unknown_tools(system: System) -> tuple[str, ...]:
    """The backup tools without a known repository are looked for in Unix folders only."""
    return ()


def absolute(system: System, path: str) -> str | None:
    return local_path(path, system.facts.home, windows=True)

"""The System seam: the only way checks reach commands, files and the clock."""

from hygiene.system.base import (
    CommandResult,
    CommandTimedOut,
    FileUnreadable,
    NotRecorded,
    ProbeUnavailable,
    RegistryValue,
    System,
    SystemFacts,
)

__all__ = [
    "CommandResult",
    "CommandTimedOut",
    "FileUnreadable",
    "NotRecorded",
    "ProbeUnavailable",
    "RegistryValue",
    "System",
    "SystemFacts",
]

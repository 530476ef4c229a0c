"""hygiene: audit one person's or one small office's security habits and say what to fix first."""

__version__ = "0.1.0"

"""Backups: what a backup file, folder or repository is, and whether it is encrypted."""

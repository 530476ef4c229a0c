"""Data shipped with hygiene, each file dated: the OS support (end-of-life) table."""

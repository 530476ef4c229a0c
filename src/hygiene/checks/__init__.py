"""Checks, one module per category. Each check is a CheckMeta plus `run(system) -> Finding`."""

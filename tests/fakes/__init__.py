"""Stand-ins for what only another platform has, importable without pytest (benchmarks use them)."""

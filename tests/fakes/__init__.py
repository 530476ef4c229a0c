"""Stand-ins for Windows pieces that tests and benchmarks need on Linux."""

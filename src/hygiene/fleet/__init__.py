"""`hygiene fleet`: many machines' results summarised on one page.

sources: which files the paths name (folders walked); records: what is kept of each result or
failure record, checked field by field; reading: files and history databases read into the
newest record per host (newest), in worker processes when there are many; summary: the pure
data every format draws (hosts, checks, the fleet's score)."""

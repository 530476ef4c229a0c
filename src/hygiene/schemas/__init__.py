"""JSON Schemas shipped with the package: the public result format and the snapshot format."""

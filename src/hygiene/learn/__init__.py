"""`hygiene learn`: short awareness lessons and questions, in the user's language, that count
towards AWR-001 when finished (the lessons are data: src/hygiene/data/lessons/<lang>.toml)."""

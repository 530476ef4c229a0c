"""Example passwords for `hygiene password check --demo`, from terrible to excellent, in
strictly increasing order of the time the realistic attack needs (the headline's measure; a
test holds them to it). They are teaching examples, not anyone's secret, so the demo shows
them; it never shows yours."""

EXAMPLES = (
    ("123456", "the most common password there is"),
    ("qwertyuiop", "a keyboard row"),
    ("password1", "a dictionary word and a digit"),
    ("P@ssw0rd!", "look-alike substitutions fool people, not attackers"),
    ("Amina1999", "a name and a birth year"),
    ("Summer2026!", "a season and the year: meets most old composition rules"),
    ("Tr0ub4dor&3", "hard to remember, and cracked in seconds offline"),
    ("correct horse battery staple", "four random words: long and memorable"),
    ("hT7qLx2vR9mKw4NzpB8sYc3D", "24 random letters and digits from a password manager"),
    ("lantern-orbit-velvet-cactus-harbor", "five random words from a password manager"),
)

"""Example passwords for `hygiene password check --demo`, from terrible to excellent. They
are teaching examples, not anyone's secret, so the demo shows them; it never shows yours."""

EXAMPLES = (
    ("123456", "the most common password there is"),
    ("password1", "a dictionary word and a digit"),
    ("P@ssw0rd!", "look-alike substitutions fool people, not attackers"),
    ("Summer2026!", "a season and the year: meets most old composition rules"),
    ("qwertyuiop", "a keyboard row"),
    ("Amina1999", "a name and a birth year"),
    ("Tr0ub4dor&3", "hard to remember, and cracked in seconds offline"),
    ("correct horse battery staple", "four random words: long and memorable"),
    ("vN7#qL2$xR9!mK4@", "16 random characters from a password manager"),
    ("lantern-orbit-velvet-cactus-harbor", "five random words from a password manager"),
)

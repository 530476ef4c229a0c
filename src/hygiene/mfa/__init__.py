"""Second factors: the TOTP demonstration for workshops and the otpauth:// inspector."""

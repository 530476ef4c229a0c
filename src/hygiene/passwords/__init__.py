"""Passwords: strength estimates and NIST SP 800-63B verdicts. No password ever leaves memory:
not in output, logs, files or exception text."""

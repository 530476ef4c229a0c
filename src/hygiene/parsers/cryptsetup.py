"""Parses the header part of `cryptsetup luksDump DEVICE` (LUKS1 and LUKS2), for one fact:
whether the device is marked as being (re)encrypted. LUKS2 writes a mandatory requirement
into its header for as long as an encryption, reencryption or decryption is unfinished, and
luksDump prints it as `Requirements:\tonline-reencrypt-v2` (cryptsetup's
lib/luks2/luks2_json_metadata.c knows "online-reencrypt", "-v2", "-v3" and the LUKS1-era
"offline-reencrypt"); with it, part of the disk may still be plain. Other lines of the header
are known by their labels; a line of another form is kept as unrecognised.

`luks_header_kept` is what a snapshot keeps of the dump (DESIGN.md principle 7): the header
lines only, never the data segments, keyslots, digests or LUKS1's master-key digest and salt."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError, excerpt

HEADLINE = "LUKS header information"
# Header labels of LUKS2 and LUKS1 dumps (casefolded), and the sections that follow the header.
KNOWN = frozenset(
    {
        "version", "epoch", "metadata area", "keyslots area", "uuid", "label", "subsystem", "flags",
        "requirements", "cipher name", "cipher mode", "hash spec", "payload offset", "mk bits", "mk iterations",
    }
)  # fmt: skip
SECRET = ("mk digest", "mk salt")  # LUKS1: derived from the master key, never kept
SECTIONS = ("data segments:", "keyslots:", "tokens:", "digests:", "key slot ")
REENCRYPTING = frozenset({"online-reencrypt", "online-reencrypt-v2", "online-reencrypt-v3", "offline-reencrypt"})
HARMLESS_REQUIREMENTS = frozenset({"opal", "inline-hw-tags"})


@dataclass(frozen=True)
class LuksHeader:
    version: str | None  # "1", "2"
    requirements: tuple[str, ...]  # the mandatory requirement flags, as printed
    lines: tuple[str, ...] = ()  # the Version and Requirements lines, blanks and tabs as one blank
    unrecognised: tuple[str, ...] = ()

    @property
    def reencrypting(self) -> bool:
        return any(flag in REENCRYPTING for flag in self.requirements)


def luks_header_kept(text: str) -> str:
    """The dump up to its first section after the header, without LUKS1's master-key digest
    and salt (and their continuation lines). Idempotent, so a replay may apply it again."""
    kept, skipping = [], False
    for line in text.splitlines():
        if line.strip().casefold().startswith(SECTIONS):
            break
        label = line.partition(":")[0].strip().casefold()
        if label in SECRET:
            skipping = True
        elif skipping and line[:1].isspace():
            continue
        else:
            skipping = False
            kept.append(line.rstrip())
    return "\n".join(kept).strip("\n") + "\n" if any(k.strip() for k in kept) else ""


def parse_luks_dump(text: str) -> LuksHeader:
    version, requirements, lines, odd = None, (), [], []
    seen_headline = False
    for raw in luks_header_kept(text).splitlines():
        line = " ".join(raw.split())  # luksDump aligns with tabs: one blank, as a quote shows it
        if not line:
            continue
        label, colon, value = line.partition(":")
        key = label.strip().casefold()
        if line.startswith(HEADLINE):
            seen_headline = True
        elif colon and key == "version":
            version = value.strip()
            lines.append(line)
        elif colon and key == "requirements":
            requirements = tuple(value.split())
            lines.append(line)
            odd += [line for flag in requirements if flag not in REENCRYPTING | HARMLESS_REQUIREMENTS][:1]
        elif not (colon and key in KNOWN):
            odd.append(line)
    if not seen_headline:
        raise ParseError(f"`cryptsetup luksDump` printed no LUKS header: {excerpt(text)}")
    return LuksHeader(version, requirements, tuple(lines), tuple(odd))

"""Parses our question to Windows Security Center (WMI root/SecurityCenter2, on Windows
clients only): the antivirus and firewall products registered there, each with its name and
its `productState`.

Microsoft does not document productState. Its layout, as read by Windows' own tools and every
monitoring script since Vista (e.g. 397568 = 0x061100 for Defender on and current): bits 12-15
say the product's state (0x1000 on, 0x0000 off, 0x2000 snoozed, 0x3000 expired), bits 8-11 who
makes it (0x100 Microsoft), bits 4-7 whether its signatures are current (0x00 current, 0x10 out
of date)."""

from __future__ import annotations

from dataclasses import dataclass

from hygiene.parsers import ParseError, load_json

MAX_NAME = 80  # a product's display name is the vendor's text: kept short
_STATES = {0x0000: "off", 0x1000: "on", 0x2000: "snoozed", 0x3000: "expired"}
_KINDS = {"antivirusproduct": "antivirus", "firewallproduct": "firewall"}


@dataclass(frozen=True)
class SecurityProduct:
    kind: str  # "antivirus" or "firewall"
    name: str
    state: int  # productState as Security Center gives it

    @property
    def condition(self) -> str:
        """ "on", "off", "snoozed", "expired", or "unknown" for a state not in the layout above."""
        return _STATES.get(self.state & 0xF000, "unknown")

    @property
    def on(self) -> bool:
        return self.condition == "on"

    @property
    def microsoft(self) -> bool:
        """Microsoft's own product (Defender), which hygiene asks about directly."""
        return self.state & 0xF00 == 0x100

    @property
    def current(self) -> bool:
        """The product says its signatures are up to date (for antivirus products)."""
        return self.state & 0xF0 == 0


def parse_security_center(text: str) -> list[SecurityProduct]:
    """[{"Class": "AntiVirusProduct", "Name": "...", "State": 397568}, ...]; one product may
    come as an object, none as nothing."""
    data = load_json(text.strip() or "[]", "Windows Security Center")
    rows = data if isinstance(data, list) else [data]
    products = []
    for row in rows:
        if not isinstance(row, dict):
            raise ParseError("Windows Security Center printed an entry that is not an object")
        kind, state = _KINDS.get(str(row.get("Class", "")).lower()), row.get("State")
        if kind is None or isinstance(state, bool) or not isinstance(state, int) or not 0 <= state < 2**32:
            raise ParseError("Windows Security Center printed a product without its class or state")
        name = " ".join(str(row.get("Name") or "an unnamed product").split())[:MAX_NAME]
        products.append(SecurityProduct(kind, name, state))
    return products

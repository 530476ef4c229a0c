"""The shipped table of second factors common services offer (data/mfa_services.json).

Services change their options often, so the table carries the date it was checked and every
row links to the page where the user can see the truth for their own account."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

# Strongest first: what to recommend when a service offers several.
METHOD_ORDER = ("passkey", "security_key", "app", "push", "pin", "sms", "email")
METHOD_NAMES = {
    "none": "no second factor",
    "sms": "SMS codes",
    "email": "email codes",
    "app": "an authenticator app",
    "totp": "an authenticator app",
    "push": "push prompts",
    "pin": "a registration PIN",
    "passkey": "a passkey",
    "security_key": "a security key",
}
# Losing one of these loses everything behind it (password resets go to email, money, files).
CRITICAL_KINDS = frozenset({"email", "password_manager", "cloud", "payment"})


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    kind: str
    methods: tuple[str, ...]
    settings: str
    aliases: tuple[str, ...]
    note: str = ""

    @property
    def best(self) -> str | None:
        """The strongest method this service offers."""
        return next((m for m in METHOD_ORDER if m in self.methods), None)

    @property
    def phishing_resistant(self) -> str | None:
        return next((m for m in ("passkey", "security_key") if m in self.methods), None)


@dataclass(frozen=True)
class ServiceTable:
    checked: date
    services: tuple[Service, ...]

    def find(self, name: str) -> Service | None:
        """The row for what a person typed: "Gmail", "github.com" and "Google" all match."""
        return _index(self).get(normalise(name))


def normalise(name: str) -> str:
    name = re.sub(r"^(https?://)?(www\.)?", "", name.strip().lower())
    name = re.sub(r"\.(com|org|net|io|me|co|app)(/.*)?$", "", name)
    return re.sub(r"[^a-z0-9]", "", name)


@cache
def _index(table: ServiceTable) -> dict[str, Service]:
    index: dict[str, Service] = {}
    for service in table.services:
        for key in (service.id, service.name, *service.aliases):
            index.setdefault(normalise(key), service)
    return index


@cache
def service_table() -> ServiceTable:
    data = json.loads(resources.files("hygiene.data").joinpath("mfa_services.json").read_text("utf-8"))
    services = tuple(
        Service(
            s["id"],
            s["name"],
            s["kind"],
            tuple(s["methods"]),
            s["settings"],
            tuple(s.get("aliases", ())),
            s.get("note", ""),
        )
        for s in data["services"]
    )
    return ServiceTable(date.fromisoformat(data["checked"]), services)

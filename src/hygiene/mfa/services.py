"""The shipped table of second factors common services offer (data/mfa_services.json).

Services change their options often, so the table carries the date it was checked and every
row links to the page where the user can see the truth for their own account."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
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


def bare_name(method: str) -> str:
    """A method's name without its article, for lists: "security key", "SMS codes"."""
    return METHOD_NAMES[method].removeprefix("a ").removeprefix("an ")


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
    domains: tuple[str, ...] = ()

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

    @cached_property
    def _names(self) -> dict[str, Service]:
        index: dict[str, Service] = {}
        for service in self.services:
            for key in (service.id, service.name, *service.aliases):
                index.setdefault(normalise(key), service)
        return index

    @cached_property
    def _domains(self) -> dict[str, Service]:
        return {d: service for service in self.services for d in service.domains}

    def find(self, name: str) -> Service | None:
        """The row for what a person typed: "Gmail", "github.com" and "Google" all match."""
        return self._names.get(normalise(name))

    def find_site(self, host: str) -> Service | None:
        """The service a login's host belongs to: a listed domain or one under it, else the
        name just left of the public suffix ("mail.yahoo.com", "www.amazon.co.uk")."""
        labels = host.strip().lower().rstrip(".").split(".")
        domains = self._domains
        for i in range(len(labels) - 1):  # signin.aws.amazon.com, aws.amazon.com, amazon.com
            if (listed := domains.get(".".join(labels[i:]))) is not None:
                return listed
        if len(labels) < 2 or not all(labels) or labels[-1].isdigit():  # no name, or an IP address
            return None
        country_second_level = len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL
        name = labels[-3] if country_second_level else labels[-2]
        return self.find(name) if len(name) > 2 else None  # "ig.com" is not Instagram: list such domains


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu"})  # amazon.co.uk, ebay.com.au


def normalise(name: str) -> str:
    name = re.sub(r"^(https?://)?(www\.)?", "", name.strip().lower())
    name = re.sub(r"\.(com|org|net|io|me|co|app)(/.*)?$", "", name)
    return re.sub(r"[^a-z0-9]", "", name)


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
            tuple(s.get("domains", ())),
        )
        for s in data["services"]
    )
    return ServiceTable(date.fromisoformat(data["checked"]), services)

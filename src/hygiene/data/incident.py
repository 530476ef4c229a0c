"""Where to turn when something has already happened: first steps and reporting contacts by
region (data/incident_contacts.json, each contact sourced and dated)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from hygiene.data.regions import EU_MEMBERS


@dataclass(frozen=True)
class Contact:
    who: str
    what: str
    how: str
    source: str
    verified: date
    note: str = ""


@dataclass(frozen=True)
class IncidentGuide:
    region: str  # the code the contacts are for: a country, "EU", or "*"
    region_name: str  # as it reads after "in": "Pakistan", "the United States"; "" for "*" (anywhere else)
    first_steps: tuple[str, ...]
    contacts: tuple[Contact, ...]
    checked: date


@cache
def _data() -> dict:
    return json.loads(resources.files("hygiene.data").joinpath("incident_contacts.json").read_text("utf-8"))


def known_regions() -> set[str]:
    return set(_data()["regions"])


def incident_guide(region: str | None) -> IncidentGuide:
    """The region's own contacts; an EU country without its own falls back to the EU page,
    anywhere else to the generic advice."""
    data = _data()
    regions = data["regions"]
    code = (region or "").upper()
    if code not in regions:
        code = "EU" if code in EU_MEMBERS else "*"
    entry = regions[code]
    name = "" if code == "*" else " ".join(filter(None, (entry.get("article"), entry["name"])))
    contacts = tuple(
        Contact(c["who"], c["what"], c["how"], c["source"], date.fromisoformat(c["verified"]), c.get("note", ""))
        for c in entry["contacts"]
    )
    return IncidentGuide(code, name, tuple(data["first_steps"]), contacts, date.fromisoformat(data["checked"]))

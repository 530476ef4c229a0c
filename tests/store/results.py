"""Result documents for the history tests: the shared result, with another host, start time,
statuses or scores."""

import copy
from functools import cache

from hygiene.results import to_document
from tests.shared_result import shared_result


@cache
def _base() -> dict:
    return to_document(shared_result())


def result_doc(host="ledger-pc", started="2026-11-27T09:00:00+00:00", statuses=None, overall=None, categories=None):
    doc = copy.deepcopy(_base())
    doc["host"]["hostname"] = host
    doc["started_at"] = started
    for f in doc["findings"]:
        f["status"] = (statuses or {}).get(f["id"], f["status"])
    if overall is not None:
        doc["score"]["overall"], doc["score"]["grade"] = overall
    for name, score in (categories or {}).items():
        doc["score"]["categories"][name]["score"] = score
    return doc

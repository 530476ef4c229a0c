"""What the summary keeps of a document, and what it refuses: every field it reads is checked as
the result schema checks it (a faster check of the same rules), results of every release of
schema_version 1 are read and a newer schema_version is refused by name, and failure records
are held to their schema, the contract with the Ansible playbook."""

import copy
import json

import jsonschema
import pytest

from hygiene.files import schema
from hygiene.fleet.records import Refused, failure_of, kind_of, result_of
from tests.fleet.docs import failure_doc, shared_doc


def _set(doc, path, value):
    *parents, last = path.split(".")
    for key in parents:
        doc = doc[int(key)] if isinstance(doc, list) else doc[key]
    if isinstance(doc, list):
        doc[int(last)] = value
    else:
        doc[last] = value


# (path, a value result-v1 refuses there); every one is a field the summary reads
BAD_FIELDS = [
    ("host", "ledger-pc"),
    ("host.os", "beos"),
    ("host.hostname", 5),
    ("host.os_name", None),
    ("started_at", 20261127),
    ("source", "cloud"),
    ("score", []),
    ("score.overall", 101),
    ("score.overall", "50"),
    ("score.overall", True),
    ("score.overall", float("nan")),
    ("score.grade", "E"),
    ("score.coverage", 1.5),
    ("score.categories", []),
    ("score.categories.mfa", 5),
    ("score.categories.mfa.score", -1),
    ("score.categories.cloud", {"score": 1}),
    ("findings", {}),
    ("findings.0", "PWD-001"),
    ("findings.0.id", "XYZ-001"),
    ("findings.0.id", 7),
    ("findings.0.status", "MAYBE"),
    ("findings.0.status", ["FAIL"]),
    ("findings.0.severity", "urgent"),
    ("findings.0.category", "misc"),
    ("findings.0.title", None),
    ("findings.0.remediation", 3),
    ("findings.0.points", 101),
    ("findings.0.points", "4"),
]


@pytest.mark.parametrize(("path", "value"), BAD_FIELDS, ids=[f"{p}={v!r}" for p, v in BAD_FIELDS])
def test_a_field_the_summary_reads_is_refused_where_the_schema_refuses_it(path, value, result_schema):
    doc = shared_doc()
    _set(doc, path, value)
    assert not jsonschema.Draft202012Validator(result_schema).is_valid(doc)
    with pytest.raises(Refused) as refused:
        result_of(json.loads(json.dumps(doc)), "r.json", (0, 0))
    where = path.rsplit(".", 1)[0] if path.endswith(".cloud") else path
    shown = where.replace("findings.0", "findings[0]")
    assert str(refused.value).startswith(f"at {shown}"), str(refused.value)


def test_the_shared_result_is_read_whole():
    doc = shared_doc("ledger-pc", "2026-11-27T09:00:00+00:00")
    result, findings = result_of(doc, "r.json", (3, 0), "ledger")
    assert (result.host, result.platform, result.score, result.grade, result.coverage) == ("ledger-pc", "linux", 50,
                                                                                             "F", 0.75)  # fmt: skip
    assert result.critical == ("UPD-001",)  # the shared result's one critical check that fails
    assert len(result.statuses) == len(findings) == 32 and result.stem == "ledger" and result.order == (3, 0)
    assert {c for c, _ in result.points} == {c for c, s in result.statuses if s in ("FAIL", "WARN")}


def test_results_of_older_releases_are_read_and_added_fields_are_ignored(result_schema):
    old = shared_doc()
    del old["profile"], old["demo"], old["score"]["categories"]["device"]  # before 0.2 and 0.3
    old["findings"] = [f for f in old["findings"] if f["category"] != "device"]
    jsonschema.validate(old, result_schema)
    assert "device" not in dict(result_of(old, "old.json", (0, 0))[0].categories)
    newer = shared_doc()
    newer["signed_by"], newer["findings"][0]["confidence"] = "ops", "high"
    assert result_of(newer, "new.json", (0, 0))[0].score == 50


def test_a_result_without_a_host_name_is_the_unnamed_host_as_in_the_history():
    doc = shared_doc()
    doc["host"]["hostname"] = None
    assert result_of(doc, "r.json", (0, 0))[0].host == "(no host name)"


@pytest.mark.parametrize(
    ("version", "says"),
    [
        (2, "written by a newer hygiene (result schema_version 2; this one reads 1): upgrade hygiene"),
        ("1", "schema_version '1' is not one hygiene wrote (this one reads result schema_version 1)"),
        (True, "schema_version 'True' is not one hygiene wrote"),
        (None, "schema_version 'None' is not one hygiene wrote"),
    ],
)
def test_another_schema_version_is_refused_by_name(version, says):
    doc = shared_doc()
    doc["schema_version"] = version
    with pytest.raises(Refused, match=r"^" + says.replace("(", r"\(").replace(")", r"\)")):
        result_of(doc, "r.json", (0, 0))


def test_a_check_listed_twice_is_refused():
    doc = shared_doc()
    doc["findings"].append(copy.deepcopy(doc["findings"][0]))
    with pytest.raises(Refused, match="'PWD-001' is there twice"):
        result_of(doc, "r.json", (0, 0))


def test_a_host_name_longer_than_a_dns_name_is_refused():
    doc = shared_doc("x" * 256)
    with pytest.raises(Refused, match="a host name of 256 characters is too long"):
        result_of(doc, "r.json", (0, 0))


@pytest.mark.parametrize(
    ("doc", "says"),
    [
        ([], "expected a JSON object (a result or a failure record), found list"),
        ({"kind": "hygiene-snapshot"}, "a 'hygiene-snapshot' file, not a result or a failure record"),
        ({"format": "hygiene-history"}, "a 'hygiene-history' file, not a result or a failure record"),
        ({"name": "inventory"}, "not a hygiene result, not a result or a failure record"),
    ],
)
def test_what_is_neither_a_result_nor_a_failure_record_says_what_it_is(doc, says):
    with pytest.raises(Refused) as refused:
        kind_of(doc)
    assert str(refused.value) == says


def test_the_contract_example_is_a_valid_failure_record():
    example = {"format": "hygiene-fleet-failure", "version": 1, "host": "web1", "stage": "unreachable",
               "message": "Failed to connect to the host via ssh", "at": "2026-11-27T09:00:00Z"}  # fmt: skip
    jsonschema.validate(example, schema("fleet-failure-v1"))
    assert kind_of(example) == "failure"
    failure = failure_of(example, "web1.failure.json", (0, 0))
    assert (failure.host, failure.stage, failure.at.isoformat()) == ("web1", "unreachable", "2026-11-27T09:00:00+00:00")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"stage": "connect"}, "at stage: 'connect' is not one of ['unreachable', 'install', 'audit']"),
        ({"host": ""}, "at host: '' should be non-empty"),
        ({"message": ["a"]}, "at message: ['a'] is not of type 'string'"),
        ({"at": "2026-11-27 09:00"}, "at at: '2026-11-27 09:00' has no UTC offset"),
        ({"at": "yesterday"}, "at at: expected an ISO 8601 date and time"),
        ({"version": 2}, "written by a newer hygiene (failure record version 2; this one reads 1): upgrade hygiene"),
    ],
)
def test_a_bad_failure_record_is_refused_by_its_schema(change, says):
    doc = {**failure_doc("web1"), **change}
    with pytest.raises(Refused) as refused:
        failure_of(doc, "web1.failure.json", (0, 0))
    assert str(refused.value) == says


def test_a_failure_record_may_carry_fields_added_later():
    assert failure_of({**failure_doc("web1"), "attempts": 3}, "f.json", (0, 0)).host == "web1"

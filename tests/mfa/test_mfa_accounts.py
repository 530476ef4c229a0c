"""MFA-005, the service table and `hygiene mfa accounts`: account coverage from the profile."""

import json
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
from typer.testing import CliRunner

from hygiene.checks import mfa
from hygiene.cli.app import app
from hygiene.engine import run_one
from hygiene.errors import UserError
from hygiene.mfa.coverage import STRENGTH, UNLISTED_STEPS, judge, judge_all
from hygiene.mfa.services import METHOD_NAMES, Service, ServiceTable, normalise, service_table
from hygiene.model import Status
from hygiene.profile import MFA_METHODS, Account, Profile, parse_profile
from hygiene.system.recorded import RecordedSystem
from tests.helpers import snapshot_doc

runner = CliRunner()
TABLE = service_table()


def acct(service, method, critical=None, line=1):
    return Account(service, method, critical, line)


def audit(*accs):
    return run_one(RecordedSystem(snapshot_doc(), Profile(accounts=tuple(accs))), mfa.accounts_have_mfa)


# --- the shipped table -----------------------------------------------------------------------


def test_table_has_40_services_each_with_methods_and_a_settings_link():
    assert len(TABLE.services) >= 40
    for s in TABLE.services:
        assert s.methods, s.id
        assert set(s.methods) <= set(METHOD_NAMES) - {"none", "totp"}, s.id
        url = urlparse(s.settings)
        assert url.scheme == "https" and "." in url.netloc, s.id


def test_table_is_dated_and_covers_the_kinds_the_issue_names():
    assert date(2025, 1, 1) <= TABLE.checked <= date.today()
    kinds = {s.kind for s in TABLE.services}
    assert {"email", "social", "cloud", "developer", "payment", "messaging", "password_manager"} <= kinds
    assert sum("passkey" in s.methods for s in TABLE.services) >= 15


def test_no_name_or_alias_points_at_two_services():
    seen: dict[str, str] = {}
    for s in TABLE.services:
        for key in {normalise(k) for k in (s.id, s.name, *s.aliases)}:
            assert seen.setdefault(key, s.id) == s.id, f"{key!r} is both {seen[key]} and {s.id}"


@pytest.mark.parametrize(
    ("typed", "service_id"),
    [
        ("Gmail", "google"),
        ("  OUTLOOK ", "microsoft"),
        ("github.com", "github"),
        ("https://www.github.com/settings", "github"),
        ("Apple ID", "apple"),
        ("Proton Mail", "proton"),
        ("twitter", "x"),
        ("1Password", "1password"),
    ],
)
def test_find_matches_what_people_type(typed, service_id):
    assert TABLE.find(typed).id == service_id


def test_find_returns_none_for_a_service_not_in_the_table():
    assert TABLE.find("Habib Bank") is None
    assert TABLE.find("") is None


# --- judging one account ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "critical", "status"),
    [
        ("none", True, Status.FAIL),
        ("none", False, Status.WARN),
        ("sms", True, Status.WARN),
        ("email", False, Status.WARN),
        ("app", True, Status.PASS),
        ("totp", True, Status.PASS),
        ("push", True, Status.PASS),
        ("pin", False, Status.PASS),
        ("passkey", True, Status.PASS),
        ("security_key", True, Status.PASS),
    ],
)
def test_status_by_method_and_criticality(method, critical, status):
    assert judge(acct("GitHub", method, critical), TABLE).status is status


def test_every_profile_method_has_a_strength_and_a_name():
    assert set(MFA_METHODS) == set(STRENGTH) == set(METHOD_NAMES)


def test_critical_is_inferred_from_the_kind_of_service_unless_stated():
    gmail = judge(acct("gmail", "none"), TABLE)
    assert gmail.critical and gmail.critical_why == "email account" and gmail.status is Status.FAIL
    assert judge(acct("bitwarden", "none"), TABLE).critical  # password manager
    assert judge(acct("paypal", "none"), TABLE).critical  # payment
    assert not judge(acct("reddit", "none"), TABLE).critical
    said_no = judge(acct("gmail", "none", critical=False), TABLE)
    assert not said_no.critical and said_no.status is Status.WARN
    said_yes = judge(acct("Habib Bank", "none", critical=True), TABLE)
    assert said_yes.critical and said_yes.critical_why == "you said so"


def test_next_step_names_passkeys_and_links_the_settings_page():
    step = judge(acct("gmail", "sms"), TABLE).next_step
    assert "offers passkeys" in step and "https://myaccount.google.com/security" in step
    assert judge(acct("gmail", "none"), TABLE).next_step.startswith("This service offers passkeys. Turn one on")
    assert "Add one" in judge(acct("github", "app"), TABLE).next_step


def test_next_step_offers_security_keys_where_there_are_no_passkeys():
    assert "offers security keys" in judge(acct("gitlab", "app"), TABLE).next_step


def test_next_step_for_a_messaging_app_is_its_registration_pin():
    step = judge(acct("signal", "none"), TABLE).next_step
    assert "registration PIN" in step and "Registration Lock" in step


def test_next_step_for_an_unlisted_service_says_where_to_look():
    assert judge(acct("Habib Bank", "none"), TABLE).next_step == UNLISTED_STEPS[0]
    assert "SIM-swap" in judge(acct("Habib Bank", "sms"), TABLE).next_step
    assert "passkeys or security keys" in judge(acct("Habib Bank", "app"), TABLE).next_step
    assert "Nothing to do" in judge(acct("Habib Bank", "passkey"), TABLE).next_step


def test_next_step_when_sms_is_all_a_service_offers():
    only_sms = ServiceTable(date(2026, 1, 1), (Service("bank", "Bank", "payment", ("sms",), "https://b.example", ()),))
    assert "SIM-swap" in judge(acct("bank", "sms"), only_sms).next_step
    assert judge(acct("bank", "none"), only_sms).next_step == "Turn on SMS codes: https://b.example"
    none_offered = ServiceTable(date(2026, 1, 1), (Service("tv", "TV", "entertainment", (), "https://t.example", ()),))
    assert "offers no second factor" in judge(acct("tv", "none"), none_offered).next_step


def test_accounts_are_ordered_critical_first_then_weakest_first():
    judged = judge_all(
        (acct("github", "app"), acct("gmail", "passkey"), acct("reddit", "none"), acct("Bank", "sms", True)), TABLE
    )
    assert [j.label for j in judged] == ["Bank", "gmail", "reddit", "github"]


# --- MFA-005 ---------------------------------------------------------------------------------


def test_mfa005_pass_when_every_account_has_a_strong_factor():
    f = audit(acct("gmail", "passkey"), acct("github", "app"))
    assert f.status is Status.PASS
    assert "1 of 2 phishing-resistant" in f.summary
    assert "First: github: This service offers passkeys" in f.summary  # the upgrade still shows
    assert f.evidence["service_table_checked"] == TABLE.checked.isoformat()


def test_mfa005_fail_on_a_critical_account_without_a_second_factor():
    f = audit(acct("reddit", "none"), acct("gmail", "sms"), acct("Habib Bank", "none", True))
    assert f.status is Status.FAIL
    assert "no second factor on critical account: Habib Bank" in f.summary
    assert "First: Habib Bank:" in f.summary  # the FAIL goes first, not the critical WARN
    assert f.evidence["accounts"][0] == "Habib Bank: no second factor, critical (you said so)"
    two = audit(acct("Habib Bank", "none", True), acct("gmail", "none"))
    assert "no second factor on critical accounts: gmail, Habib Bank" in two.summary


def test_mfa005_warns_on_phishable_codes():
    f = audit(acct("gmail", "sms"), acct("github", "passkey"))
    assert f.status is Status.WARN
    assert "SMS or email codes (can be phished) on: gmail" in f.summary


def test_mfa005_unknown_without_accounts():
    f = audit()
    assert f.status is Status.UNKNOWN and "[[accounts]]" in f.summary


# --- the profile -----------------------------------------------------------------------------


def test_profile_critical_is_optional_and_typed():
    p = parse_profile('[[accounts]]\nservice = "gmail"\nmethod = "pin"\n', Path("p.toml"), known_checks=frozenset())
    assert p.accounts == (Account("gmail", "pin", None, 1),)
    with pytest.raises(UserError, match=r"p.toml:4: critical must be true or false"):
        parse_profile(
            '[[accounts]]\nservice = "gmail"\nmethod = "app"\ncritical = "yes"\n',
            Path("p.toml"),
            known_checks=frozenset(),
        )


# --- hygiene mfa accounts --------------------------------------------------------------------

PROFILE = """[[accounts]]
service = "github"
method = "app"

[[accounts]]
service = "Habib Bank"
method = "none"
critical = true

[[accounts]]
service = "gmail"
method = "sms"
"""


def test_mfa_accounts_lists_critical_first_with_next_steps(tmp_path):
    path = tmp_path / "hygiene.toml"
    path.write_text(PROFILE)
    r = runner.invoke(app, ["mfa", "accounts", "--profile", str(path)])
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.index("Habib Bank") < out.index("gmail") < out.index("github")
    assert f"service table checked {TABLE.checked.isoformat()}" in out
    assert "https://myaccount.google.com/security" in out
    assert "3 accounts, critical first" in out and "1 critical account has no second factor: start there." in out
    assert (
        "DEMO" not in out
        and json.loads(runner.invoke(app, ["mfa", "accounts", "--profile", str(path), "-f", "json"]).stdout)["demo"]
        is None
    )


def test_mfa_accounts_json(tmp_path):
    path = tmp_path / "hygiene.toml"
    path.write_text(PROFILE)
    doc = json.loads(runner.invoke(app, ["mfa", "accounts", "--profile", str(path), "-f", "json"]).stdout)
    first = doc["accounts"][0]
    assert first["account"] == "Habib Bank" and first["status"] == "FAIL" and first["profile_line"] == 5
    assert doc["accounts"][1]["settings"] == "https://myaccount.google.com/security"


def test_mfa_accounts_without_accounts_says_how_to_add_them(tmp_path):
    path = tmp_path / "hygiene.toml"
    path.write_text('region = "PK"\n')
    r = runner.invoke(app, ["mfa", "accounts", "--profile", str(path)])
    assert r.exit_code == 2 and "[[accounts]]" in r.stderr


def test_mfa_accounts_bad_profile_and_bad_format_exit_2(tmp_path):
    path = tmp_path / "hygiene.toml"
    path.write_text('[[accounts]]\nservice = "gmail"\nmethod = "carrier pigeon"\n')
    r = runner.invoke(app, ["mfa", "accounts", "--profile", str(path)])
    assert r.exit_code == 2 and f"{path}:3:" in r.stderr
    path.write_text(PROFILE)
    assert runner.invoke(app, ["mfa", "accounts", "--profile", str(path), "-f", "xml"]).exit_code == 2


def test_mfa_accounts_from_a_demo_for_trainers():
    r = runner.invoke(app, ["mfa", "accounts", "--demo", "neglected-windows-laptop"])
    assert r.exit_code == 0 and r.stdout.index("FAIL  gmail") < r.stdout.index("WARN  JazzCash")
    # the first line says DEMO, in the words every other demo output uses (audit's header)
    assert r.stdout.splitlines()[0] == "Online accounts (DEMO machine: A neglected Windows laptop; not this computer)"
    audit_header = runner.invoke(app, ["audit", "--demo", "neglected-windows-laptop"]).stdout.splitlines()[0]
    assert "(DEMO machine: A neglected Windows laptop; not this computer)" in audit_header
    doc = json.loads(runner.invoke(app, ["mfa", "accounts", "--demo", "neglected-windows-laptop", "-f", "json"]).stdout)
    assert doc["demo"] == "A neglected Windows laptop"  # as the audit's JSON names its demo
    r = runner.invoke(app, ["mfa", "accounts", "--demo", "neglected-windows-laptop", "--profile", "x.toml"])
    assert r.exit_code == 2 and "without --profile" in r.stderr


def test_mfa_accounts_without_a_profile_says_how_to_make_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HYGIENE_PROFILE", raising=False)
    monkeypatch.setattr("hygiene.profile.locate.user_config_path", lambda: tmp_path / "none" / "hygiene.toml")
    r = runner.invoke(app, ["mfa", "accounts"])
    assert r.exit_code == 2 and "no profile to read accounts from" in r.stderr and "hygiene init" in r.stderr


@pytest.mark.parametrize(
    ("host", "service_id"),
    [
        ("accounts.google.com", "google"),
        ("mail.yahoo.com", "yahoo"),
        ("www.amazon.co.uk", "amazon"),
        ("ebay.com.au", "ebay"),
        ("signin.aws.amazon.com", "aws"),  # a listed domain wins over the name under it
        ("login.microsoftonline.com", "microsoft"),
        ("www.npmjs.com", "npm"),
        ("fb.com", "facebook"),
        ("ig.com", None),  # a two-letter alias is for typing, not for matching sites
        ("bank.example.pk", None),
        ("192.168.1.1", None),
        ("localhost", None),
    ],
)
def test_find_site_matches_login_hosts(host, service_id):
    found = TABLE.find_site(host)
    assert (found.id if found else None) == service_id

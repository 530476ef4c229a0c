import json

from hygiene.data.demos import list_demos
from hygiene.system.local import LocalSystem
from hygiene.targets import audit_target, demo_target
from tests.helpers import FIXTURES
from tests.shared_result import SHARED_PROFILE_TOML, shared_snapshot_doc

POLICY = SHARED_PROFILE_TOML.replace('region = "PK"', 'region = "PK"\nfail_under = 70')


def test_a_target_carries_the_profile_it_was_given(tmp_path):
    profile = tmp_path / "policy.toml"
    profile.write_text(POLICY)
    snapshot = tmp_path / "snap.json"
    snapshot.write_text(json.dumps(shared_snapshot_doc()))

    replayed = audit_target(snapshot=snapshot, demo=None, profile=profile, timeout=1)
    assert replayed.source == "snapshot" and replayed.profile.fail_under == 70
    assert replayed.system.profile is replayed.profile  # the checks see the policy the CLI reads

    local = audit_target(snapshot=None, demo=None, profile=profile, timeout=1)
    assert isinstance(local.system, LocalSystem) and local.profile.path == profile
    assert local.system.profile is local.profile


def test_a_vault_audit_travels_in_the_profile(tmp_path):
    target = audit_target(
        snapshot=None, demo=None, profile=None, timeout=1, vault=FIXTURES / "exports" / "bitwarden.csv"
    )
    assert target.profile.vault is not None and target.profile.vault.entries > 0
    assert target.profile.path is None  # no profile file: the vault's counts alone


def test_a_demo_brings_its_own_profile():
    demo = list_demos()[0]
    target = demo_target(demo.name)
    assert (target.source, target.demo) == ("demo", demo.title)
    assert target.profile is target.system.profile and target.profile.path is not None

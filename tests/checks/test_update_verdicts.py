"""UPD-002 and UPD-005 verdicts in full: what each says and the evidence it keeps, which the
JSON result carries. Mutation testing found these unasserted."""

import pytest

from hygiene.data.eol import support_table
from hygiene.engine import run_one
from hygiene.model import Status
from hygiene.registry import BY_ID
from tests.helpers import machine


def check(check_id, system):
    return run_one(system, BY_ID[check_id])


def mac(version):
    sw_vers = f"ProductName:\t\tmacOS\nProductVersion:\t\t{version}\nBuildVersion:\t\t23H222\n"
    return machine(platform="macos", commands={("sw_vers",): (0, sw_vers, "")})


def linux_release(os_id, version, pretty):
    return machine(files={"/etc/os-release": f'ID={os_id}\nVERSION_ID="{version}"\nPRETTY_NAME="{pretty}"\n'})


def test_release_verdicts_say_why_and_keep_their_evidence():
    table = support_table()
    checked = table.checked.isoformat()
    lines = {"/etc/os-release": ["ID=fedora", 'VERSION_ID="30"']}
    row = {"release": "Fedora Linux 30", **lines, "table_checked": checked}
    f = check("UPD-005", linux_release("fedora", "30", "Fedora Linux 30"))
    assert (f.status, f.evidence) == (Status.FAIL, row)
    assert f.summary == "Fedora Linux 30 is older than every release that still gets security updates."
    f = check("UPD-005", linux_release("fedora", "99", "Fedora Linux 99"))
    lines = {"/etc/os-release": ["ID=fedora", 'VERSION_ID="99"']}
    assert (f.status, f.evidence) == (Status.UNKNOWN, {**row, **lines, "release": "Fedora Linux 99"})
    assert f.summary == (
        f"Fedora Linux 99 is not in hygiene's support table (checked {checked}); it may be newer than the table: "
        "update hygiene, or check the vendor's lifecycle page (https://docs.fedoraproject.org/en-US/releases/eol/)."
    )
    release = table.find("ubuntu", "22.04")
    f = check("UPD-005", linux_release("ubuntu", "22.04", "Ubuntu 22.04.5 LTS"))
    evidence = {"release": "Ubuntu 22.04.5 LTS", "/etc/os-release": ["ID=ubuntu", 'VERSION_ID="22.04"'],
                "table_checked": checked, "source": release.source}  # fmt: skip
    assert f.evidence == {
        **evidence,
        "security_until": release.security_until.isoformat(),
        "extended_support_until": release.extended_until.isoformat(),
    }


@pytest.mark.parametrize(
    ("version", "status", "says"),
    [
        ("14", Status.WARN, "{name} may no longer get security updates (Apple publishes no end dates)."),  # the oldest
        ("15", Status.PASS, "{name} still gets security updates (Apple publishes no end dates)."),
    ],
)
def test_a_macos_release_without_an_end_date_says_why(version, status, says):
    table = support_table()
    release = table.find("macos", version)
    f = check("UPD-005", mac(f"{version}.7.1"))
    assert (f.status, f.summary) == (status, says.format(name=release.name, note=release.note))
    evidence = {"release": f"macOS {version}.7.1", "sw_vers": ["ProductName: macOS", f"ProductVersion: {version}.7.1"],
                "table_checked": table.checked.isoformat(), "source": release.source}  # fmt: skip
    assert f.evidence == {**evidence, "security_until": "", "note": release.note}


def test_update_recency_unknown_says_what_could_not_be_told():
    managers = {f"/usr/bin/{name}": name == "pacman" for name in ("apt-get", "dnf", "yum", "zypper", "pacman")}
    f = check("UPD-002", machine(exists=managers, mtimes={"/var/lib/pacman/local": None, "/var/lib/pacman/sync": None}))
    assert f.status is Status.UNKNOWN
    assert f.summary == "Could not tell when updates were last checked for or installed."
    assert f.evidence == {"package_manager": "pacman", "last_installed": None, "last_checked": None}

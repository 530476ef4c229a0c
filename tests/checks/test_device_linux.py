"""DEV-001..005 on Linux: PASS, FAIL, WARN and UNKNOWN on recorded machines, real outputs read
in place, a snapshot round trip, and no secret reaching a snapshot from the files the device
probes come near (display manager configs, kscreenlockerrc, getent, sudo's Defaults)."""

from __future__ import annotations

import json

import pytest

from hygiene.checks import device
from hygiene.checks.device import linux as dl
from hygiene.engine import run_one
from hygiene.model import Platform, Status
from hygiene.system import FileUnreadable
from hygiene.system.recorded import RecordedSystem
from hygiene.system.recording import RecordingSystem
from tests.helpers import fixture, machine, read_real, real_output_files, snapshot_doc

MISSING = "missing"
USER_ID = fixture("linux/id/ubuntu-desktop-user.txt")  # amina, in the sudo group
ROOT_ID = fixture("linux/id/root.txt")
STANDARD_ID = fixture("linux/id/standard.txt")
PASSWORD_REQUIRED = (1, "", "sudo: a password is required\n")


def run(check, **kwargs):
    return run_one(machine(**kwargs), check)


# --- DEV-001: the firewall ------------------------------------------------------------------

NO_FIREWALL = {dl.UFW_STATUS: MISSING, dl.FIREWALLD_STATE: MISSING, dl.NFT_JSON: MISSING, dl.IPTABLES_INPUT: MISSING}
UFW_NOT_ROOT = (1, "", fixture("linux/ufw-status-verbose/not-root.txt"))
NFT_NOT_ROOT = (  # measured: nft 1.0.6 run as nobody
    1,
    "",
    "Operation not permitted (you must be root)\nnetlink: Error: cache initialization failed: Operation not permitted\n",
)
IPTABLES_NOT_ROOT = (  # measured: iptables-nft 1.8.9 run as nobody
    4,
    "",
    "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n",
)
UNPRIVILEGED = {dl.NFT_JSON: NFT_NOT_ROOT, dl.IPTABLES_INPUT: IPTABLES_NOT_ROOT}


def firewall(commands=None, files=None, family="debian"):
    return run(device.firewall_on, commands={**NO_FIREWALL, **(commands or {})}, files=files, family=family)


ROUTED = {"1.txt": "disabled (routed)", "3.txt": "deny (routed)"}


@pytest.mark.parametrize("path", real_output_files("linux", "ufw-status-verbose"))
def test_ufw_real_active_passes(path):
    f = firewall({dl.UFW_STATUS: (0, read_real(path), "")})
    assert f.status is Status.PASS and f.summary == "The firewall is on: ufw (ufw status verbose)."
    assert f.evidence["ufw"][:2] == [
        "Status: active",
        "Default: deny (incoming), allow (outgoing), " + ROUTED[path.name],
    ]


def test_ufw_measured_active_passes():
    f = firewall({dl.UFW_STATUS: (0, fixture("linux/ufw-status-verbose/active-deny-incoming.txt"), "")})
    assert f.status is Status.PASS and f.evidence["ufw on"] is True


def test_ufw_that_lets_everything_in_fails():
    f = firewall(
        {
            dl.UFW_STATUS: (0, fixture("linux/ufw-status-verbose/active-allow-incoming.txt"), ""),
            dl.IPTABLES_INPUT: (0, fixture("linux/iptables-S-INPUT/ufw-allow-incoming.txt"), ""),
        }
    )
    assert f.status is Status.FAIL
    assert f.evidence["ufw"] == ["Status: active", "Default: allow (incoming), allow (outgoing), disabled (routed)"]


def test_everything_off_as_root_fails_naming_each_tool():
    f = firewall(
        {
            dl.UFW_STATUS: (0, fixture("linux/ufw-status-verbose/inactive.txt"), ""),
            dl.NFT_JSON: (0, fixture("linux/nft-json/docker.txt"), ""),
            dl.IPTABLES_INPUT: (0, fixture("linux/iptables-S-INPUT/accept-only.txt"), ""),
        }
    )
    assert f.status is Status.FAIL
    assert (
        f.summary
        == "The firewall is off: ufw, nftables, iptables (ufw status verbose, nft -j list ruleset, iptables -S INPUT)."
    )
    assert f.evidence["ufw"] == "Status: inactive" and f.evidence["nftables"] == "no input chain"
    assert f.evidence["iptables"] == "iptables INPUT: policy accept"


def test_no_firewall_at_all_fails_with_the_familys_fix():
    m = machine(commands=NO_FIREWALL, family="rhel")
    f = run_one(m, device.firewall_on)
    assert f.status is Status.FAIL and f.summary.startswith("No firewall is on (none of ufw")
    assert "firewalld" in device.DEV_001.remediation_for(Platform.LINUX, "rhel")


def test_ufw_unprivileged_configured_on_passes_and_says_it_is_the_configuration():
    f = firewall(
        {dl.UFW_STATUS: UFW_NOT_ROOT, dl.systemctl_is_active("ufw"): (0, "active\n", ""), **UNPRIVILEGED},
        files={
            dl.UFW_CONF: fixture("linux/ufw-conf/enabled.txt"),
            dl.UFW_DEFAULTS: fixture("linux/ufw-default/debian.txt"),
        },
    )
    assert f.status is Status.PASS
    assert f.summary == "The firewall is on: ufw (ufw's configuration: /etc/ufw/ufw.conf, ufw.service)."
    assert f.evidence["ufw"] == (
        "ENABLED=yes in /etc/ufw/ufw.conf, ufw.service active: the configuration, not the live rules"
    )


def test_ufw_unprivileged_enabled_but_letting_every_connection_in_is_off_never_on():
    """`ufw default allow incoming` writes its policy where anyone may read it: enabled and
    running, ufw then turns nothing away (the root path judges 'allow (incoming)' so); as for
    ufw configured off, the rules that need root may still hold another firewall."""
    f = firewall(
        {dl.UFW_STATUS: UFW_NOT_ROOT, dl.systemctl_is_active("ufw"): (0, "active\n", ""), **UNPRIVILEGED},
        files={
            dl.UFW_CONF: fixture("linux/ufw-conf/enabled.txt"),
            dl.UFW_DEFAULTS: fixture("linux/ufw-default/allow-incoming.txt"),
        },
    )
    assert f.status is Status.UNKNOWN and "run hygiene with sudo" in f.summary
    assert f.evidence["ufw"] == (
        'ENABLED=yes in /etc/ufw/ufw.conf, ufw.service active, DEFAULT_INPUT_POLICY="ACCEPT" in /etc/default/ufw: '
        "ufw lets every connection in"
    )


def test_ufw_unprivileged_configured_off_is_unknown_while_the_rules_need_sudo():
    f = firewall(
        {dl.UFW_STATUS: UFW_NOT_ROOT, **UNPRIVILEGED},
        files={dl.UFW_CONF: fixture("linux/ufw-conf/package-default.txt")},
    )
    assert f.status is Status.UNKNOWN and "run hygiene with sudo" in f.summary
    assert f.evidence["ufw"] == "ENABLED=no in /etc/ufw/ufw.conf: ufw is configured off"


def test_ufw_unprivileged_enabled_but_its_service_inactive_is_unknown():
    f = firewall(
        {dl.UFW_STATUS: UFW_NOT_ROOT, dl.systemctl_is_active("ufw"): (3, "inactive\n", ""), **UNPRIVILEGED},
        files={dl.UFW_CONF: fixture("linux/ufw-conf/enabled.txt")},
    )
    assert f.status is Status.UNKNOWN and "ufw.service inactive" in f.evidence["ufw"]
    assert f.summary.startswith(
        "Could not tell whether the firewall is on: ufw is enabled in /etc/ufw/ufw.conf, but ufw.service is "
        "inactive; ufw, nftables and iptables need root to show their rules"
    )


def test_firewalld_running_with_the_trusted_default_zone_is_off():
    """The trusted zone accepts every connection: firewalld runs, but lets everything in."""
    f = firewall({dl.FIREWALLD_STATE: (0, "running\n", ""), dl.FIREWALLD_ZONE: (0, "trusted\n", ""), **UNPRIVILEGED})
    assert f.status is not Status.PASS and f.evidence["firewalld"] == "running, default zone trusted"
    zone_unread = firewall(
        {dl.FIREWALLD_STATE: (0, "running\n", ""), dl.FIREWALLD_ZONE: (1, "", "x\n"), **UNPRIVILEGED}
    )
    assert zone_unread.status is Status.PASS and zone_unread.evidence["firewalld"] == "running, default zone unknown"


@pytest.mark.parametrize("path", real_output_files("linux", "firewall-cmd-state"))
def test_firewalld_real_states(path):
    state = read_real(path)
    running = state.strip() == "running"
    answer = (0, state, "") if running else (251, "", state)  # failed: failsafe mode, on stderr
    f = firewall({dl.FIREWALLD_STATE: answer, dl.FIREWALLD_ZONE: (0, "public\n", ""), **UNPRIVILEGED})
    assert f.status is (Status.PASS if running else Status.UNKNOWN)
    if not running:
        assert "firewall-cmd --state said 'failed'" in f.summary and f.evidence["firewalld"] == "failed"


def test_firewalld_failsafe_with_its_reject_rule_seen_as_root_passes():
    f = firewall(
        {dl.FIREWALLD_STATE: (251, "", "failed\n"), dl.NFT_JSON: (0, fixture("linux/nft-json/firewalld.txt"), "")}
    )
    assert f.status is Status.PASS and f.summary == "The firewall is on: nftables (nft -j list ruleset)."
    assert f.evidence["nftables"] == "inet firewalld filter_INPUT: policy accept, ends with `reject`"


def test_firewalld_not_running_fails():
    f = firewall(
        {
            dl.FIREWALLD_STATE: (252, "", fixture("linux/firewall-cmd-state/not-running.txt")),
            dl.NFT_JSON: (0, fixture("linux/nft-json/empty.txt"), ""),
        }
    )
    assert f.status is Status.FAIL and f.evidence["firewalld"] == "not running"


def test_nft_without_json_support_is_read_as_text():
    f = firewall(
        {
            dl.NFT_JSON: (1, "", "Error: JSON support not compiled-in\n"),
            dl.NFT_TEXT: (0, fixture("linux/nft-ruleset/inet-drop.txt"), ""),
        }
    )
    assert f.status is Status.PASS and f.summary == "The firewall is on: nftables (nft list ruleset)."


def test_an_ipv4_only_drop_passes_with_a_note():
    text = "table ip filter {\n\tchain INPUT {\n\t\ttype filter hook input priority filter; policy drop;\n\t}\n}\n"
    f = firewall({dl.NFT_JSON: (1, "", "Error: JSON support not compiled-in\n"), dl.NFT_TEXT: (0, text, "")})
    assert f.status is Status.PASS and f.summary.endswith("Only IPv4 is filtered: no IPv6 input chain drops.")


def test_legacy_iptables_rules_nft_does_not_show_count():
    f = firewall(
        {
            dl.NFT_JSON: (0, fixture("linux/nft-json/empty.txt"), ""),
            dl.IPTABLES_INPUT: (0, fixture("linux/iptables-S-INPUT/final-reject.txt"), ""),
        }
    )
    assert f.status is Status.PASS and f.summary == "The firewall is on: iptables (iptables -S INPUT)."


def test_unprivileged_ruleset_only_is_unknown_with_what_would_let_it_see():
    f = firewall(UNPRIVILEGED)
    assert f.status is Status.UNKNOWN
    assert f.summary == (
        "Could not tell whether the firewall is on: nftables and iptables need root to show their rules; "
        "run hygiene with sudo to let it see."
    )


# --- DEV-002: the screen lock ---------------------------------------------------------------

NO_DESKTOP = {
    dl.GNOME_SHELL: False,
    dl.PLASMA_SHELL: False,
    **{path: False for path in dl.OTHER_DESKTOPS.values()},
    **{path: False for path in dl.DISPLAY_MANAGERS},
}
GNOME_DEFAULTS = {
    "idle-delay": "uint32 300",
    "lock-enabled": "true",
    "lock-delay": "uint32 0",
    "disable-lock-screen": "false",
}


def gnome(values=None, *, id_answer=USER_ID, stderr="", exists=None):
    said = {**GNOME_DEFAULTS, **(values or {})}
    commands = {dl.gsettings_get(schema, key): (0, said[key] + "\n", stderr) for schema, key in dl.GNOME_KEYS}
    return run(
        device.screen_locks,
        commands={dl.ID: (0, id_answer, ""), **commands},
        exists={**NO_DESKTOP, dl.GNOME_SHELL: True, **(exists or {})},
    )


def kde(user_file=None, system_file=None, *, also_gnome=False):
    home = "/home/amina/.config/kscreenlockerrc"
    commands = {dl.ID: (0, USER_ID, "")}
    if also_gnome:
        commands |= {dl.gsettings_get(s, k): (0, GNOME_DEFAULTS[k] + "\n", "") for s, k in dl.GNOME_KEYS}
    return run(
        device.screen_locks,
        commands=commands,
        files={home: user_file, "/etc/xdg/kscreenlockerrc": system_file},
        exists={**NO_DESKTOP, dl.PLASMA_SHELL: True, dl.GNOME_SHELL: also_gnome},
    )


def test_a_server_has_no_screen_to_lock():
    f = run(device.screen_locks, exists=NO_DESKTOP)
    assert f.status is Status.NOT_APPLICABLE


def test_gnome_defaults_pass():
    f = gnome()
    assert f.status is Status.PASS
    assert f.summary == "The screen locks after 5 minutes and asks for the password (GNOME gsettings)."
    assert f.evidence["idle-delay"] == "uint32 300" and f.evidence["lock-enabled"] == "true"


def test_gnome_never_idle_fails():
    f = gnome({"idle-delay": "uint32 0"})
    assert f.status is Status.FAIL and f.summary == "The screen never locks by itself (GNOME gsettings)."


@pytest.mark.parametrize("values", [{"lock-enabled": "false"}, {"disable-lock-screen": "true"}])
def test_gnome_without_the_lock_fails(values):
    f = gnome(values)
    assert f.status is Status.FAIL and f.summary.startswith("The screen opens again without the password")


def test_gnome_late_lock_warns():
    f = gnome({"idle-delay": "uint32 900", "lock-delay": "uint32 300"})
    assert f.status is Status.WARN
    assert f.summary == (
        "The screen locks only after 15 minutes plus 5 minutes before the password is asked; "
        "15 minutes or less is advised (GNOME gsettings)."
    )


def test_gnome_as_root_is_unknown():
    f = gnome(id_answer=ROOT_ID)
    assert f.status is Status.UNKNOWN and "runs as root" in f.summary and "without sudo" in f.summary


def test_gnome_memory_backend_is_unknown():
    f = gnome(
        stderr="GLib-GIO-Message: 10:01:02.345: Using the 'memory' GSettings backend.  Your settings will not be saved or shared with other applications.\n"
    )
    assert f.status is Status.UNKNOWN and "prints only the defaults" in f.summary


def test_gnome_failing_gsettings_is_unknown():
    m = machine(
        commands={
            dl.ID: (0, USER_ID, ""),
            dl.gsettings_get("org.gnome.desktop.session", "idle-delay"): (
                1,
                "",
                "No such schema “org.gnome.desktop.session”\n",
            ),
        },
        exists={**NO_DESKTOP, dl.GNOME_SHELL: True},
    )
    f = run_one(m, device.screen_locks)
    assert f.status is Status.UNKNOWN and "No such schema" in f.summary


def test_kde_defaults_pass():
    f = kde()
    assert f.status is Status.PASS
    assert f.summary == (
        "The screen locks after 5 minutes plus 5 seconds before the password is asked and asks for the "
        "password (KDE Plasma kscreenlockerrc)."
    )
    assert f.evidence["Timeout"] == "5 (default)"


def test_kde_twenty_minutes_warns():
    f = kde(fixture("linux/kscreenlockerrc/user-20-minutes.txt"))
    assert f.status is Status.WARN and f.evidence["Timeout"] == "20"


@pytest.mark.parametrize("case", ["user-never", "user-no-password", "plasma6-require-password-off"])
def test_kde_off_fails(case):
    assert kde(fixture(f"linux/kscreenlockerrc/{case}.txt")).status is Status.FAIL


def test_with_gnome_and_kde_the_laxer_counts():
    f = kde(fixture("linux/kscreenlockerrc/user-never.txt"), also_gnome=True)
    assert f.status is Status.FAIL and "KDE Plasma" in f.summary


def test_another_desktop_is_unknown_with_its_name():
    f = run(device.screen_locks, exists={**NO_DESKTOP, dl.OTHER_DESKTOPS["Xfce"]: True})
    assert f.status is Status.UNKNOWN and f.summary.startswith("Xfce: hygiene reads the screen lock settings of GNOME")


def test_another_desktop_beside_gnome_is_named_in_the_evidence():
    f = gnome(exists={dl.OTHER_DESKTOPS["Xfce"]: True})
    assert f.status is Status.PASS and f.evidence["also installed, not checked"] == "Xfce"


def test_a_display_manager_without_a_known_desktop_is_unknown():
    f = run(device.screen_locks, exists={**NO_DESKTOP, dl.DEFAULT_DISPLAY_MANAGER: True})
    assert f.status is Status.UNKNOWN and "/etc/X11/default-display-manager" in f.summary


# --- DEV-003: automatic login ---------------------------------------------------------------

NO_DM_FILES = {
    dl.DEFAULT_DISPLAY_MANAGER: None,
    **{path: None for path in dl.GDM_FILES},
    dl.LIGHTDM_FILE: None,
    dl.SDDM_FILE: None,
}
NO_DM_GLOBS = {
    **{f"{d}/*.conf": [] for d in (*dl.LIGHTDM_DIRS, *dl.SDDM_DIRS)},
    **{pattern: [] for pattern in dl.GETTY_DROPINS},
}


def logins(files=None, globs=None):
    return run(device.no_autologin, files={**NO_DM_FILES, **(files or {})}, globs={**NO_DM_GLOBS, **(globs or {})})


def test_nothing_configured_passes():
    f = logins()
    assert f.status is Status.PASS
    assert f.summary == "Nobody is logged in automatically (no display manager or getty autologin settings)."


def test_ubuntu_gdm_autologin_fails():
    f = logins(
        {
            dl.DEFAULT_DISPLAY_MANAGER: "/usr/sbin/gdm3\n",
            "/etc/gdm3/custom.conf": fixture("linux/gdm/ubuntu-custom-autologin.txt"),
        }
    )
    assert f.status is Status.FAIL
    assert f.summary == "The machine logs in as amina by itself (GDM: /etc/gdm3/custom.conf)."
    assert f.evidence["/etc/gdm3/custom.conf"] == "AutomaticLoginEnable=True, AutomaticLogin=amina"
    assert f.evidence["stored_password"] == "absent"


def test_debian_gdm_default_passes_and_names_the_file_read():
    f = logins(
        {
            dl.DEFAULT_DISPLAY_MANAGER: "/usr/sbin/gdm3\n",
            "/etc/gdm3/daemon.conf": fixture("linux/gdm/debian-daemon-default.txt"),
        }
    )
    assert f.status is Status.PASS and f.summary == "Nobody is logged in automatically (GDM: /etc/gdm3/daemon.conf)."


def test_lightdm_conf_d_autologin_fails():
    conf_d = "/usr/share/lightdm/lightdm.conf.d/01_debian.conf"
    f = logins(
        {
            conf_d: fixture("linux/lightdm/raspberrypi-autologin.txt"),
            dl.LIGHTDM_FILE: fixture("linux/lightdm/lightdm-conf-default.txt"),
        },
        {"/usr/share/lightdm/lightdm.conf.d/*.conf": [conf_d]},
    )
    assert f.status is Status.FAIL and f.summary == f"The machine logs in as pi by itself (LightDM: {conf_d})."


def test_lightdm_conf_turning_it_off_passes_with_the_line():
    conf_d = "/etc/lightdm/lightdm.conf.d/50-autologin.conf"
    f = logins(
        {
            conf_d: fixture("linux/lightdm/raspberrypi-autologin.txt"),
            dl.LIGHTDM_FILE: fixture("linux/lightdm/override-off.txt"),
        },
        {"/etc/lightdm/lightdm.conf.d/*.conf": [conf_d]},
    )
    assert f.status is Status.PASS and f.evidence[dl.LIGHTDM_FILE] == "autologin-user="


def test_sddm_autologin_fails():
    f = logins({dl.SDDM_FILE: fixture("linux/sddm/kde-autologin.txt")})
    assert f.status is Status.FAIL and f.summary == "The machine logs in as amina by itself (SDDM: /etc/sddm.conf)."


def test_console_autologin_fails():
    dropin = "/etc/systemd/system/getty@tty1.service.d/autologin.conf"
    f = logins({dropin: fixture("linux/getty/raspi-autologin.txt")}, {dl.GETTY_DROPINS[0]: [dropin]})
    assert f.status is Status.FAIL and f.summary == f"The machine logs in as pi by itself (console: {dropin})."


def test_an_unknown_display_manager_is_unknown():
    f = logins({dl.DEFAULT_DISPLAY_MANAGER: "/usr/sbin/lxdm\n"})
    assert f.status is Status.UNKNOWN and "/usr/sbin/lxdm" in f.summary


def test_an_unreadable_config_is_unknown_with_the_reason():
    f = logins({"/etc/gdm3/custom.conf": FileUnreadable("/etc/gdm3/custom.conf", "Permission denied")})
    assert f.status is Status.UNKNOWN and "Permission denied" in f.summary and "administrator" in f.summary


# --- DEV-004: malware protection ------------------------------------------------------------

CLAMSCAN = "/usr/bin/clamscan"
FRESHCLAM_ACTIVE = {dl.systemctl_is_active(dl.FRESHCLAM_SERVICE): (0, "active\n", "")}


def clamav(version_line, *, mtimes=None, rc=0):
    return run(
        device.malware_protection,
        commands={(CLAMSCAN, "--version"): (rc, version_line, ""), **FRESHCLAM_ACTIVE},
        exists={CLAMSCAN: True},
        mtimes={path: None for path in dl.CLAMAV_DAILY} | (mtimes or {}),
    )


def test_no_clamav_is_not_applicable():
    f = run(device.malware_protection, exists={path: False for path in dl.CLAMAV_PROGRAMS})
    assert f.status is Status.NOT_APPLICABLE


def test_current_clamav_passes():
    f = clamav("ClamAV 1.4.6/27840/Wed Nov 25 08:12:00 2026\n")
    assert (
        f.status is Status.PASS and f.summary == "ClamAV (on-demand scanner) is on and its signatures are 2 days old."
    )
    assert f.evidence["version"] == "ClamAV 1.4.6/27840/Wed Nov 25 08:12:00 2026"
    assert f.evidence["clamav-freshclam"] == "active"


def test_clamav_ten_days_behind_warns():
    f = clamav("ClamAV 1.4.6/27832/Tue Nov 17 08:12:00 2026\n")
    assert f.status is Status.WARN and f.evidence["signature_age_days"] == 10


def test_clamav_measured_line_two_years_old_fails():
    f = clamav(fixture("linux/clamscan-version/debian12-1.4.txt"))
    assert f.status is Status.FAIL and f.summary.startswith(
        "ClamAV (on-demand scanner) is on, but its signatures are 738 days old"
    )


def test_clamav_without_a_database_fails_as_never_updated():
    f = clamav(fixture("linux/clamscan-version/no-database.txt"))
    assert (
        f.status is Status.FAIL
        and f.summary == "ClamAV (on-demand scanner) is on, but its signatures have never been updated."
    )


def test_clamav_falls_back_on_when_freshclam_wrote_the_database():
    f = clamav("", rc=1, mtimes={"/var/lib/clamav/daily.cld": "2026-11-26T03:00:00+00:00"})
    assert f.status is Status.PASS and f.evidence["daily database written"] == "2026-11-26T03:00:00+00:00"


def test_clamav_unreadable_version_and_no_database_file_is_unknown():
    f = clamav("", rc=1)
    assert f.status is Status.UNKNOWN and "could not be read" in f.summary


# --- DEV-005: the everyday account ----------------------------------------------------------


def account(commands, files=None, exists=None):
    return run(device.everyday_account_not_admin, commands=commands, files=files, exists=exists)


def test_unprivileged_sudo_member_is_unknown_and_sudo_is_never_asked():
    """As the user, sudo would log (and with mail_badpass mail root) a failed authentication:
    the audit does not ask it, and says what would let it see."""
    system = RecordingSystem(machine(commands={dl.ID: (0, USER_ID, "")}))
    f = run_one(system, device.everyday_account_not_admin)
    assert f.status is Status.UNKNOWN and "run hygiene with sudo to see it" in f.summary
    assert f.summary.startswith("amina is in the sudo group") and f.evidence["admin groups"] == "sudo"
    assert [c["argv"] for c in system.document()["commands"]] == [list(dl.ID)]


def test_a_standard_account_passes():
    f = account({dl.ID: (0, STANDARD_ID, "")})
    assert f.status is Status.PASS and f.evidence["level"] == "standard"
    assert f.summary == "chen is a standard account (not in sudo, wheel or admin)."
    assert f.evidence["id"] == "uid=1001(chen) gid=1001(chen) groups=1001(chen),100(users)"  # the line that decided


def as_root(answer, exists=None):
    """DEV-005 run through sudo by amina (login uid 1000), with sudo's answer about her."""
    commands = {
        dl.ID: (0, ROOT_ID, ""),
        ("getent", "passwd", "1000"): (0, fixture("linux/getent-passwd/amina.txt"), ""),
        ("id", "--", "amina"): (0, USER_ID, ""),
        (*dl.SUDO_LIST, "-U", "amina"): answer,
    }
    return account(commands, files={dl.LOGIN_UID: "1000"}, exists=exists)


def test_sudo_for_some_commands_only_is_standard():
    f = as_root((0, fixture("linux/sudo-l/root-U-dana.txt"), ""))
    assert f.status is Status.PASS and f.evidence["via"] == "sudo only for some commands"


def test_root_that_logged_in_itself_fails():
    f = account({dl.ID: (0, ROOT_ID, "")}, files={dl.LOGIN_UID: "0"})
    assert (
        f.status is Status.FAIL and f.summary == "This session runs as root: every program in it can change anything."
    )


@pytest.mark.parametrize(
    ("listing", "status", "level"),
    [
        ("root-U-amina", Status.PASS, "password-sudo"),
        ("root-U-chen", Status.WARN, "passwordless-sudo"),
        ("root-U-bilal", Status.PASS, "standard"),
    ],
)
def test_under_sudo_the_account_that_logged_in_is_judged(listing, status, level):
    f = account(
        {
            dl.ID: (0, ROOT_ID, ""),
            ("getent", "passwd", "1000"): (0, fixture("linux/getent-passwd/amina.txt"), ""),
            ("id", "--", "amina"): (0, USER_ID, ""),
            (*dl.SUDO_LIST, "-U", "amina"): (0, fixture(f"linux/sudo-l/{listing}.txt"), ""),
        },
        files={dl.LOGIN_UID: "1000"},
    )
    assert (f.status, f.evidence["level"], f.evidence["user"]) == (status, level, "amina")
    assert f.evidence["login uid"] == 1000 and f.evidence["source"] == "sudo -n -l -U amina"


def test_root_without_a_recorded_login_is_unknown():
    f = account({dl.ID: (0, ROOT_ID, "")}, files={dl.LOGIN_UID: "4294967295"})
    assert f.status is Status.UNKNOWN and "run hygiene as the account you work in" in f.summary


def test_no_sudo_and_no_doas_is_standard():
    f = as_root(MISSING, exists={dl.DOAS: False})
    assert f.status is Status.PASS and f.evidence["via"] == "neither sudo nor doas is installed"


def test_doas_instead_of_sudo_is_unknown():
    f = as_root(MISSING, exists={dl.DOAS: True})
    assert f.status is Status.UNKNOWN and "doas" in f.summary


def test_sudo_saying_something_odd_is_unknown():
    f = as_root((1, "", "sudo: account validation failure, is your account locked?\n"))
    assert f.status is Status.UNKNOWN and "account validation failure" in f.summary


def test_no_id_is_unknown():
    f = account({dl.ID: MISSING})
    assert f.status is Status.UNKNOWN and f.summary.startswith("`id` did not answer")


# --- snapshots ------------------------------------------------------------------------------

LAPTOP = dict(
    commands={
        **NO_FIREWALL,
        dl.UFW_STATUS: UFW_NOT_ROOT,
        dl.systemctl_is_active("ufw"): (0, "active\n", ""),
        dl.ID: (0, STANDARD_ID, ""),
        **{dl.gsettings_get(s, k): (0, GNOME_DEFAULTS[k] + "\n", "") for s, k in dl.GNOME_KEYS},
    },
    files={
        dl.UFW_CONF: fixture("linux/ufw-conf/enabled.txt"),
        dl.UFW_DEFAULTS: fixture("linux/ufw-default/debian.txt"),
        **NO_DM_FILES,
        dl.DEFAULT_DISPLAY_MANAGER: "/usr/sbin/gdm3\n",
        "/etc/gdm3/custom.conf": fixture("linux/gdm/ubuntu-custom-autologin.txt"),
    },
    exists={**NO_DESKTOP, dl.GNOME_SHELL: True, CLAMSCAN: False, "/usr/bin/freshclam": False},
    globs=NO_DM_GLOBS,
    username="amina",
)
DEVICE_CHECKS = (
    device.firewall_on,
    device.screen_locks,
    device.no_autologin,
    device.malware_protection,
    device.everyday_account_not_admin,
)


def test_a_recorded_snapshot_replays_to_the_same_verdicts():
    first = RecordedSystem(snapshot_doc(**LAPTOP))
    recorder = RecordingSystem(first)
    verdicts = [run_one(recorder, check) for check in DEVICE_CHECKS]
    assert [f.status for f in verdicts] == [Status.PASS, Status.PASS, Status.FAIL, Status.NOT_APPLICABLE, Status.PASS]
    doc = json.loads(json.dumps(recorder.document()))
    replayed = [run_one(RecordedSystem(doc), check) for check in DEVICE_CHECKS]
    assert [(f.status, f.summary, f.evidence) for f in replayed] == [
        (f.status, f.summary, f.evidence) for f in verdicts
    ]
    kept = {(r["path"], r.get("kept")) for r in doc["files"]}
    assert ("/etc/gdm3/custom.conf", "autologin-settings") in kept and (dl.UFW_CONF, "ufw-enabled") in kept


def test_sudo_rules_are_recorded_kept_and_replayed():
    doc = snapshot_doc(
        commands={
            dl.ID: (0, ROOT_ID, ""),
            ("getent", "passwd", "1000"): (0, fixture("linux/getent-passwd/amina.txt"), ""),
            ("id", "--", "amina"): (0, USER_ID, ""),
            (*dl.SUDO_LIST, "-U", "amina"): (0, fixture("linux/sudo-l/root-U-chen.txt"), ""),
        },
        files={dl.LOGIN_UID: "1000"},
    )
    recorder = RecordingSystem(RecordedSystem(doc))
    first = run_one(recorder, device.everyday_account_not_admin)
    recorded = json.loads(json.dumps(recorder.document()))
    assert {tuple(c["argv"]): c.get("kept") for c in recorded["commands"]}[(*dl.SUDO_LIST, "-U", "amina")] == (
        "sudo-privileges"
    )
    again = run_one(RecordedSystem(recorded), device.everyday_account_not_admin)
    assert first.status is Status.WARN and (again.status, again.evidence) == (first.status, first.evidence)


SECRET = "Sup3r-S3cret-Zq7"


def test_no_secret_from_the_files_and_outputs_the_device_probes_read(tmp_path, monkeypatch):
    """The real LocalSystem over a made-up machine whose GDM config, kscreenlockerrc, getent
    line and sudo Defaults each hold the secret: the snapshot and the findings never do."""
    from hygiene.system.local import LocalSystem

    root = tmp_path / "machine"

    def put(path, text, mode=0o644):
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        target.chmod(mode)

    put("/usr/bin/plasmashell", "")
    put("/proc/self/loginuid", "1000\n")
    put("/etc/gdm3/custom.conf", f"[daemon]\n# the old password was {SECRET}\nAutomaticLoginEnable=false\n")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    scripts = {
        "id": f'if [ "$1" = "--" ]; then printf "{USER_ID}"; else printf "{ROOT_ID}"; fi\n',
        "getent": f'echo "amina:x:1000:1000:Amina {SECRET},,,:/home/amina:/bin/bash"\n',
        "sudo": (
            f'printf "Matching Defaults entries for amina on pc:\\n    env_reset, mailto={SECRET}@example.org\\n\\n'
            'User amina may run the following commands on pc:\\n    (ALL : ALL) ALL\\n"\n'
        ),
    }
    for name, body in scripts.items():
        (bin_dir / name).write_text("#!/bin/sh\n" + body)
        (bin_dir / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    local = LocalSystem(root=str(root), timeout=5)
    home = local.facts.home
    put(
        f"{home}/.config/kscreenlockerrc",
        f"[Daemon]\nTimeout=10\n[Greeter][Wallpaper][org.kde.image][General]\nImage=/{SECRET}.jpg\n",
    )
    recorder = RecordingSystem(local)
    findings = [run_one(recorder, check) for check in (device.no_autologin, device.everyday_account_not_admin)]
    text = json.dumps(recorder.document())
    assert SECRET not in text and SECRET not in repr(findings)
    assert findings[1].status is Status.PASS and findings[1].evidence["user"] == "amina"
    lock = dl._kde(recorder)  # the KDE reader alone: the test runs as whoever runs it
    assert lock.idle_seconds == 600 and SECRET not in json.dumps(recorder.document())


def test_redacting_a_snapshot_taken_through_sudo_hides_the_account_that_logged_in():
    """Under sudo the audit's user is root, a name every machine has; the account judged is
    named by getent's line, whose home folder tells --redact who to hide."""
    from hygiene.snapshot import redact

    commands = {
        dl.ID: (0, ROOT_ID, ""),
        ("getent", "passwd", "1000"): (0, fixture("linux/getent-passwd/amina.txt"), ""),
        ("id", "--", "amina"): (0, USER_ID, ""),
        (*dl.SUDO_LIST, "-U", "amina"): (0, fixture("linux/sudo-l/root-U-amina.txt"), ""),
    }
    recorder = RecordingSystem(
        RecordedSystem(snapshot_doc(username="root", commands=commands, files={dl.LOGIN_UID: "1000"}))
    )
    assert run_one(recorder, device.everyday_account_not_admin).evidence["user"] == "amina"
    text = json.dumps(redact(recorder.document()))
    assert "amina" not in text and "Qureshi" not in text
    replayed = run_one(RecordedSystem(json.loads(text)), device.everyday_account_not_admin)
    assert replayed.status is Status.PASS and replayed.evidence["user"] == "redacted-user-1"


def test_a_drop_policy_behind_a_rule_that_accepts_everything_fails():
    """`iptables -I INPUT -j ACCEPT` leaves `-P INPUT DROP` in place and the door open."""
    f = firewall(
        {dl.IPTABLES_INPUT: (0, "-P INPUT DROP\n-A INPUT -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\n", "")}
    )
    assert f.status is Status.FAIL
    assert f.evidence["iptables"] == "iptables INPUT: policy drop, but `-A INPUT -j ACCEPT` lets everything in"


def test_ufw_with_a_rule_that_lets_everything_in_fails():
    f = firewall({dl.UFW_STATUS: (0, fixture("linux/ufw-status-verbose/active-allow-from-anywhere.txt"), "")})
    assert f.status is Status.FAIL
    assert f.evidence["ufw"][-1] == "Anywhere                   ALLOW IN    Anywhere                   # temporary"


def test_console_autologin_fails_beside_another_gettys_override():
    tty1 = "/etc/systemd/system/getty@tty1.service.d/autologin.conf"
    serial = "/etc/systemd/system/serial-getty@ttyS0.service.d/override.conf"
    f = logins(
        {tty1: fixture("linux/getty/raspi-autologin.txt"), serial: fixture("linux/getty/override-cleared.txt")},
        {dl.GETTY_DROPINS[0]: [tty1], dl.GETTY_DROPINS[1]: [serial]},
    )
    assert f.status is Status.FAIL and f.summary == f"The machine logs in as pi by itself (console: {tty1})."


def test_a_password_in_a_sudoers_commands_arguments_reaches_neither_snapshot_nor_finding():
    listing = (
        "User amina may run the following commands on vm:\n"
        f"    (root) NOPASSWD: /usr/bin/mysqldump -uroot -p{SECRET} --all-databases\n"
    )
    doc = snapshot_doc(
        commands={
            dl.ID: (0, ROOT_ID, ""),
            ("getent", "passwd", "1000"): (0, fixture("linux/getent-passwd/amina.txt"), ""),
            ("id", "--", "amina"): (0, USER_ID, ""),
            (*dl.SUDO_LIST, "-U", "amina"): (0, listing, ""),
        },
        files={dl.LOGIN_UID: "1000"},
    )
    recorder = RecordingSystem(RecordedSystem(doc))
    f = run_one(recorder, device.everyday_account_not_admin)
    assert f.status is Status.PASS and f.evidence["sudo"] == "(root) NOPASSWD: /usr/bin/mysqldump …"
    assert SECRET not in json.dumps(recorder.document()) and SECRET not in repr(f)


def test_ufw_active_without_its_default_for_incoming_is_not_taken_for_on():
    """An answer cut after its first line (or a ufw that printed no Default line) says nothing
    of what happens to unasked connections: the ruleset decides, else UNKNOWN."""
    cut = (0, "Status: active\n", "")
    f = firewall({dl.UFW_STATUS: cut, **UNPRIVILEGED})
    assert f.status is Status.UNKNOWN and "printed no default for incoming traffic" in f.summary
    assert f.evidence["ufw"] == "Status: active"
    f = firewall({dl.UFW_STATUS: cut, dl.IPTABLES_INPUT: (0, fixture("linux/iptables-S-INPUT/ufw.txt"), "")})
    assert f.status is Status.PASS and f.summary == "The firewall is on: iptables (iptables -S INPUT)."


def test_a_sudo_listing_cut_after_its_heading_is_unknown_not_a_standard_account():
    """sudo prints 'may run the following commands' only above at least one entry."""
    f = as_root((0, "User amina may run the following commands on vm:\n", ""))
    assert f.status is Status.UNKNOWN and "listed no command" in f.summary


# --- issue 11: a line the firewall tool is not known to print never passes -------------------


def test_ufw_active_beside_a_line_it_is_not_known_to_print_is_unknown_quoting_it():
    f = firewall(
        {dl.UFW_STATUS: (0, fixture("linux/ufw-status-verbose/active-with-a-warning.txt"), ""), **UNPRIVILEGED}
    )
    assert f.status is Status.UNKNOWN
    assert f.summary.startswith(
        "Could not tell whether the firewall is on: `ufw status verbose` printed a line hygiene does not know: "
        "\"WARN: '/etc/ufw/user.rules' is world writable\""
    )
    assert f.evidence["unrecognised"] == ["WARN: '/etc/ufw/user.rules' is world writable"]
    assert f.evidence["ufw"] == ["Status: active", "Default: deny (incoming), allow (outgoing), disabled (routed)"]


def test_ufw_two_status_lines_that_disagree_are_unknown():
    text = "Status: active\nDefault: deny (incoming), allow (outgoing), disabled (routed)\nStatus: inactive\n"
    f = firewall({dl.UFW_STATUS: (0, text, ""), **UNPRIVILEGED})
    assert f.status is Status.UNKNOWN and "printed a line hygiene does not know: 'Status: inactive'" in f.summary
    assert f.evidence["unrecognised"] == ["Status: inactive"]


def test_ufw_inactive_beside_an_unknown_line_still_fails():
    """The known line already says off: nothing beside it can make that better."""
    f = firewall({dl.UFW_STATUS: (0, fixture("linux/ufw-status-verbose/inactive-with-a-warning.txt"), "")})
    assert f.status is Status.FAIL and f.evidence["ufw"] == "Status: inactive"
    assert f.evidence["unrecognised"] == ["WARN: '/etc/default/ufw' is world writable"]


def test_ufw_logged_and_limited_rules_pass():
    f = firewall({dl.UFW_STATUS: (0, fixture("linux/ufw-status-verbose/active-logged-rules.txt"), "")})
    assert f.status is Status.PASS and "unrecognised" not in f.evidence
    assert f.evidence["ufw"] == ["Status: active", "Default: deny (incoming), allow (outgoing), disabled (routed)"]


def test_firewalld_running_beside_a_line_it_is_not_known_to_print_is_unknown():
    more = (0, fixture("linux/firewall-cmd-state/running-and-a-line-more.txt"), "")
    f = firewall({dl.FIREWALLD_STATE: more, dl.FIREWALLD_ZONE: (0, "public\n", ""), **UNPRIVILEGED})
    assert f.status is Status.UNKNOWN
    assert "firewall-cmd --state printed a line hygiene does not know: 'FirewallD is running in failsafe mode'" in (
        f.summary
    )
    assert f.evidence["firewalld"] == "running" and f.evidence["unrecognised"] == [
        "FirewallD is running in failsafe mode"
    ]


def test_firewalld_not_running_on_stderr_fails_with_its_line():
    not_running = (252, "", fixture("linux/firewall-cmd-state/not-running.txt"))
    f = firewall({dl.FIREWALLD_STATE: not_running})
    assert f.status is Status.FAIL and f.evidence["firewalld"] == "not running"

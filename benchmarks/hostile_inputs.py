"""How long each parser takes on 1 MB of adversarial text (a line of spaces, `a:` + spaces,
`[` + 10,000 spaces, repeated quotes, repeated `\\t:`, a line of `=`, deep nesting...), against
str.splitlines() over the same text: the least any line-based reader does. Also timed: the
profile parser (hygiene.profile.parse_profile) and hygiene.files.load_document on a
snapshot and a result file, raw and with the hostile text inside a valid document.

A super-linear regular expression turns such a line into minutes, so each parser runs in a
worker process with a deadline: a call past it is killed and reported as a stall, and the
run goes on. Target: every call under 1 s (DESIGN.md principle 6, linear time on any input).

    python benchmarks/hostile_inputs.py [--size 1000000] [--deadline 10] [--only tmutil]
"""

from __future__ import annotations

import argparse
import copy
import importlib
import inspect
import json
import multiprocessing
import os
import pkgutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path

import hygiene.parsers
from hygiene.parsers import ParseError

TARGET_S = 1.0
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def hostile_texts(size: int) -> dict[str, str]:
    """Adversarial inputs of about `size` characters, most of them one line."""
    n = size
    k = max(1, n // 10_002)
    return {
        "line of spaces": " " * n,
        "a: + spaces": "a:" + " " * n,
        "a: b + spaces + c": "a: b" + " " * n + "c",
        "x + spaces + y": "x" + " " * n + "y",
        "[ + 10,000 spaces (lines)": ("[" + " " * 10_000 + "\n") * k,
        "repeated double quotes": '"' * n,
        "repeated single quotes": "'" * n,
        'A=" + backslashes': 'A="' + "\\a" * (n // 2) + '"',
        "repeated \\t:": "\t:" * (n // 2),
        "line of =": "=" * n,
        "line of :": ":" * n,
        ": + space repeated": ": " * (n // 2),
        "words, no colon": "\tTitle: " + "a " * (n // 2),
        "* + spaces + x": "* " + " " * n + "x",
        "item then fields": "* Label: x\n\tTitle: " + "a " * (n // 2),
        "item then ( repeated": "* x\n\tT" + " (" * (n // 2),
        "Inst + [ repeated": "Inst a (b " + " [x" * (n // 3),
        "manage-bde field + spaces": "Volume C: []\n a:" + " " * n + "b",
        "manage-bde spaces + x": "Volume C: []\n" + " " * n + "x",
        "Encryption in progress repeated": "Encryption in progress " * (n // 23),
        "BEGIN without END": "-----BEGIN RSA PRIVATE KEY-----" * (n // 31),
        "/* repeated": "/* " * (n // 3),
        "Mount Point: + spaces": "Mount Point: a" + " " * n + "b",
        "Name: + spaces": "+-> Volume disk1\nName: a" + " " * n + "b (Case-sensitive)",
        "newlines only": "\n" * n,
        "blank lines": " \n" * (n // 2),
        "short lines": "x\n" * (n // 2),
        "deep [": "[" * n,
        "deep (": "(" * n,
        'deep {"a":': '{"a":' * (n // 5),
        "deep <array>": "<?xml version='1.0'?><plist><array>" + "<array>" * (n // 7),
        "5,000-digit numbers": ("9" * 5000 + " ") * (n // 5001),
        "one long number": "9" * n,
        "lsblk header of many columns": "NAME " + " ".join(f"C{i}" for i in range(n // 14)) + "\n" + "x\n" * (n // 4),
        "HotFixID header of many columns": "HotFixID " + " ".join(f"C{i}" for i in range(n // 14)) + "\nx\n" * (n // 4),
        "deep lsblk tree": "NAME MOUNTPOINT\n" + "".join(" " * (2 * i) + "└─x\n" for i in range(1, 1000)),
        "NUL and CR": "\0\r" * (n // 2),
    }


# --- what is timed: every public parser function, the profile, and the two documents ---------


def _table() -> dict[str, Callable[[str], object]]:
    from hygiene.parsers import (
        apk,
        apt,
        apt_conf,
        bitlocker,
        diskutil_apfs,
        dnf,
        fdesetup,
        lsblk,
        needs_restarting,
        net_accounts,
        os_release,
        packages,
        pacman,
        pam,
        plist_text,
        proc_mounts,
        pwpolicy,
        restic,
        shadow,
        softwareupdate,
        ssh_keys,
        sshd,
        sw_vers,
        swap,
        timedatectl,
        tmutil,
        windows_updates,
        zypper,
    )

    def each_line(fn: Callable[[str], object]) -> Callable[[str], object]:
        return lambda text: [fn(line) for line in text.splitlines()]

    def root_paths(parse: Callable[[str], tuple]) -> Callable[[str], object]:
        return lambda text: lsblk.paths_to(parse(text), lambda d: "/" in d.mountpoints)

    table: dict[str, Callable[[str], object]] = {
        "apk.parse_apk_version": apk.parse_apk_version,
        "apt.parse_apt_get_simulate": apt.parse_apt_get_simulate,
        "apt.parse_apt_list_upgradable": apt.parse_apt_list_upgradable,
        "apt.last_apt_run": apt.last_apt_run,
        "packages.newest_install_time": packages.newest_install_time,
        "apt_conf.judged_settings": apt_conf.judged_settings,
        "apt_conf.parse_apt_conf": apt_conf.parse_apt_conf,
        "apt_conf.apt_part_files": lambda text: apt_conf.apt_part_files(text.splitlines()),
        "apt_conf.periodic_enabled": each_line(apt_conf.periodic_enabled),
        "bitlocker.parse_manage_bde": bitlocker.parse_manage_bde,
        "bitlocker.parse_bitlocker_json": bitlocker.parse_bitlocker_json,
        "diskutil_apfs.parse_apfs_list": lambda text: diskutil_apfs.parse_apfs_list("APFS Container\n" + text),
        "dnf.parse_updateinfo": dnf.parse_updateinfo,
        "dnf.parse_check_update": dnf.parse_check_update,
        "fdesetup.parse_fdesetup_status": fdesetup.parse_fdesetup_status,
        "lsblk.parse_lsblk_json": lsblk.parse_lsblk_json,
        "lsblk.parse_lsblk_tree": lsblk.parse_lsblk_tree,
        "lsblk.paths_to": root_paths(lsblk.parse_lsblk_tree),
        "needs_restarting.parse_needs_restarting": lambda text: needs_restarting.parse_needs_restarting(1, text, text),
        "net_accounts.parse_net_accounts": net_accounts.parse_net_accounts,
        "os_release.parse_os_release": os_release.parse_os_release,
        "pacman.parse_pacman_upgrades": pacman.parse_pacman_upgrades,
        "pam.parse_pam": pam.parse_pam,
        "pam.parse_key_values": pam.parse_key_values,
        "plist_text.parse_plist_text": plist_text.parse_plist_text,
        "plist_text.plist_bool": each_line(plist_text.plist_bool),
        "proc_mounts.parse_mounts": proc_mounts.parse_mounts,
        "proc_mounts.mount_of": lambda text: proc_mounts.mount_of(proc_mounts.parse_mounts(text), "/"),
        "pwpolicy.parse_pwpolicy": pwpolicy.parse_pwpolicy,
        "restic.parse_restic_snapshots": restic.parse_restic_snapshots,
        "shadow.empty_password_accounts": shadow.empty_password_accounts,
        "softwareupdate.parse_softwareupdate_list": softwareupdate.parse_softwareupdate_list,
        "ssh_keys.describe_private_key": ssh_keys.describe_private_key,
        "sshd.parse_sshd_t": sshd.parse_sshd_t,
        "sshd.config_lines": sshd.config_lines,
        "sw_vers.parse_sw_vers": sw_vers.parse_sw_vers,
        "swap.parse_proc_swaps": lambda text: swap.parse_proc_swaps("Filename\n" + text),
        "swap.parse_swapusage": swap.parse_swapusage,
        "swap.parse_encrypt_paging_file": swap.parse_encrypt_paging_file,
        "timedatectl.parse_timedatectl_show": timedatectl.parse_timedatectl_show,
        "timedatectl.parse_timedatectl_status": timedatectl.parse_timedatectl_status,
        "timedatectl.parse_chronyc_tracking": timedatectl.parse_chronyc_tracking,
        "timedatectl.parse_ntpq_peers": timedatectl.parse_ntpq_peers,
        "tmutil.parse_destinationinfo": tmutil.parse_destinationinfo,
        "tmutil.parse_latestbackup": tmutil.parse_latestbackup,
        "windows_updates.parse_wua_json": windows_updates.parse_wua_json,
        "windows_updates.parse_hotfix_json": windows_updates.parse_hotfix_json,
        "windows_updates.parse_local_date": lambda text: windows_updates.parse_local_date(text, NOW),
        "windows_updates.parse_hotfix_table": lambda text: windows_updates.parse_hotfix_table(text, NOW),
        "windows_updates.parse_wmic_qfe": lambda text: windows_updates.parse_wmic_qfe(text, NOW),
        "windows_updates.parse_windows_version": windows_updates.parse_windows_version,
        "zypper.parse_list_patches": zypper.parse_list_patches,
    }
    if hasattr(os_release, "shell_words"):
        table["os_release.shell_words"] = os_release.shell_words
    table.update(_others())
    return table


def _others() -> dict[str, Callable[[str], object]]:
    """The profile and the JSON documents (not parsers; timed here all the same)."""
    from hygiene.files import load_document
    from hygiene.profile import MAX_PROFILE_BYTES, parse_profile, read_profile
    from hygiene.registry import BY_ID

    known = frozenset(BY_ID)

    def document(kind: str, schema_name: str, wrap: Callable[[str], dict] | None) -> Callable[[str], object]:
        def load(text: str) -> object:
            fd, name = tempfile.mkstemp(prefix="hygiene-hostile-", suffix=".json")
            path = Path(name)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as fh:
                    fh.write(json.dumps(wrap(text)) if wrap else text)
                return load_document(path, kind, schema_name, 1)
            finally:
                path.unlink()

        return load

    def in_snapshot(text: str) -> dict:
        doc = copy.deepcopy(_snapshot())
        doc["commands"][0]["stdout"] = text
        return doc

    def in_result(text: str) -> dict:
        doc = copy.deepcopy(_result())
        doc["findings"][0]["summary"] = text
        return doc

    def profile_with(text: str) -> str:
        return 'region = "' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"\n'

    def read_file(text: str) -> object:
        """As a user meets it: from a file, through the size bound (MAX_PROFILE_BYTES)."""
        fd, name = tempfile.mkstemp(prefix="hygiene-hostile-", suffix=".toml")
        path = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as fh:
                fh.write(text)
            return read_profile(path, known_checks=known)
        finally:
            path.unlink()

    def bounded(text: str) -> str:  # the most a profile file may hold
        return text.encode("utf-8", "surrogatepass")[:MAX_PROFILE_BYTES].decode("utf-8", "ignore")

    return {
        "profile.read_profile": read_file,
        "profile.read_profile (in a string)": lambda text: read_file(profile_with(text)),
        "profile.parse_profile (at the size bound)": lambda text: parse_profile(
            bounded(text), Path("hostile.toml"), known_checks=known
        ),
        "profile.parse_profile (in a string, at the bound)": lambda text: parse_profile(
            bounded(profile_with(text)[:-2]) + '"\n', Path("hostile.toml"), known_checks=known
        ),
        "files.load_document (snapshot)": document("hygiene-snapshot", "snapshot-v1", None),
        "files.load_document (in a snapshot)": document("hygiene-snapshot", "snapshot-v1", in_snapshot),
        "files.load_document (result)": document("hygiene-result", "result-v1", None),
        "files.load_document (in a result)": document("hygiene-result", "result-v1", in_result),
    }


@cache
def _snapshot() -> dict:
    """A valid snapshot: a shipped demo machine, without its demo block."""
    doc = json.loads(resources.files("hygiene.data").joinpath("demos/well-kept-debian-laptop.json").read_text("utf-8"))
    doc.pop("demo", None)
    return doc


@cache
def _result() -> dict:
    """A valid result: the audit of a demo machine, as `hygiene audit -f json` prints it."""
    import subprocess

    argv = [
        sys.executable,
        "-m",
        "hygiene",
        "audit",
        "--demo",
        "well-kept-debian-laptop",
        "-f",
        "json",
        "--no-progress",
    ]
    return json.loads(subprocess.run(argv, capture_output=True, text=True, check=False).stdout)


def _unlisted(table: dict[str, Callable[[str], object]]) -> list[str]:
    """Public parser functions this benchmark does not time (it should, when one is added)."""
    found = []
    for info in pkgutil.iter_modules(hygiene.parsers.__path__):
        module = importlib.import_module(f"hygiene.parsers.{info.name}")
        for name, obj in vars(module).items():
            if inspect.isfunction(obj) and obj.__module__ == module.__name__ and not name.startswith("_"):
                found.append(f"{info.name}.{name}")
    return sorted(set(found) - set(table))


# --- running with a deadline -------------------------------------------------------------------


def _worker(name: str, labels: list[str], size: int, conn) -> None:
    call = _table()[name]
    if name.startswith("files.load_document (in a"):
        _snapshot(), _result()  # built before the clock starts
    texts = hostile_texts(size)
    for label in labels:
        conn.send(("start", label))
        start = time.perf_counter()
        try:
            call(texts[label])
            outcome = "ok"
        except ParseError:
            outcome = "ParseError"
        except Exception as exc:  # noqa: BLE001 - reported: a parser must raise only ParseError
            outcome = type(exc).__name__
        conn.send(("done", label, time.perf_counter() - start, outcome))
    conn.send(("end",))


def run_target(name: str, labels: list[str], size: int, deadline: float) -> dict[str, tuple[float | None, str]]:
    """label -> (seconds, outcome); seconds is None for a stall (killed after `deadline`)."""
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    results: dict[str, tuple[float | None, str]] = {}
    todo = list(labels)
    while todo:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(name, todo, size, child), daemon=True)
        proc.start()
        current = None
        while True:
            if not parent.poll(deadline + (30 if current is None else 0)):  # the first wait includes start-up
                if current is None:
                    results.update({label: (None, "worker did not start") for label in todo})
                    todo = []
                else:
                    results[current] = (None, "stall")
                    todo = todo[todo.index(current) + 1 :]
                break
            message = parent.recv()
            if message[0] == "start":
                current = message[1]
            elif message[0] == "done":
                results[message[1]] = (message[2], message[3])
            else:
                todo = []
                break
        proc.kill()
        proc.join()
    return results


def baseline(texts: dict[str, str]) -> dict[str, float]:
    times = {}
    for label, text in texts.items():
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            text.splitlines()
            runs.append(time.perf_counter() - start)
        times[label] = max(statistics.median(runs), 1e-6)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per hostile input")
    parser.add_argument("--deadline", type=float, default=10.0, help="seconds before a call counts as a stall")
    parser.add_argument("--only", default="", help="time only the targets whose name contains this")
    args = parser.parse_args()

    table = _table()
    if unlisted := _unlisted(table):
        print(f"not timed (add them to _table): {', '.join(unlisted)}")
    texts = hostile_texts(args.size)
    base = baseline(texts)
    print(f"{len(texts)} hostile inputs of ~{args.size:,} characters; baseline str.splitlines() "
          f"{min(base.values()) * 1000:.2f}..{max(base.values()) * 1000:.2f} ms")  # fmt: skip
    print(f"{'target':<44} {'worst':>9}  {'ratio':>8}  on input (outcome)")
    worst: dict[str, tuple[float, str, str]] = {"parsers": (0.0, "", ""), "others": (0.0, "", "")}
    stalls, raised = [], []
    for name in (n for n in table if args.only in n):
        group = "others" if name.startswith(("profile", "files")) else "parsers"
        results = run_target(name, list(texts), args.size, args.deadline)
        for label, (seconds, outcome) in results.items():
            if seconds is None:
                stalls.append(f"{name} on {label!r}: {outcome} (> {args.deadline:g} s)")
            elif outcome not in ("ok", "ParseError", "UserError") and group == "parsers":
                raised.append(f"{name} on {label!r}: {outcome}")
        if any(s is None for s, _ in results.values()):
            label = next(label for label, (s, _) in results.items() if s is None)
            print(f"{name:<44} {'STALL':>9}  {'':>8}  {label} (killed after {args.deadline:g} s)")
            worst[group] = (float("inf"), name, label)
            continue
        seconds, label, outcome = max((s, label, o) for label, (s, o) in results.items())
        print(f"{name:<44} {seconds * 1000:7.1f} ms  {seconds / base[label]:7.0f}x  {label} ({outcome})")
        if seconds > worst[group][0]:
            worst[group] = (seconds, name, label)
    for line in stalls:
        print(f"STALL: {line}")
    for line in raised:
        print(f"RAISED (not ParseError): {line}")
    for group, (seconds, name, label) in worst.items():
        if not name:
            continue
        shown = "a stall" if seconds == float("inf") else f"{seconds * 1000:.1f} ms"
        met = "met" if seconds < TARGET_S else "NOT met"
        print(f"worst of the {group}: {shown}, {name} on {label!r}; target under {TARGET_S:g} s: {met}")


if __name__ == "__main__":
    main()

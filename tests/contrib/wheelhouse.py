"""A wheelhouse for the playbook test, made without a package index: the hygiene wheel built
from this checkout, and each dependency repacked from the files the running Python installed
(the versions the tests run with, in about a second)."""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata as metadata
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LEFT_OUT = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}  # pip writes these as it installs


def build(into: Path, scratch: Path) -> Path:
    """The wheelhouse in `into`: hygiene's wheel and those of all its dependencies here."""
    into.mkdir()
    wheel = hygiene_wheel(into, scratch)
    for dist in dependencies(wheel):
        repack(dist, into)
    return wheel


def hygiene_wheel(into: Path, scratch: Path) -> Path:
    """`pip wheel` of a copy of the checkout (a build leaves build/ and *.egg-info where it runs)."""
    source = scratch / "source"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    offline = ["--no-build-isolation"] if _can_build_here() else []
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--disable-pip-version-check", *offline,
         "--wheel-dir", str(into), str(source)],
        check=True, timeout=300,
    )  # fmt: skip
    (wheel,) = into.glob("hygiene-*.whl")
    return wheel


def _can_build_here() -> bool:
    """Whether this environment's setuptools builds hygiene (the test extras bring one); if not,
    pip fetches one into an isolated build environment."""
    try:
        return Version(metadata.version("setuptools")) >= Version("77")
    except metadata.PackageNotFoundError:
        return False


def dependencies(wheel: Path) -> list[metadata.Distribution]:
    """The installed distributions the wheel needs here, directly or not (by their markers)."""
    with zipfile.ZipFile(wheel) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        wanted = Parser().parsestr(zf.read(name).decode("utf-8")).get_all("Requires-Dist") or []
    environment = {**default_environment(), "extra": ""}
    found: dict[str, metadata.Distribution] = {}
    while wanted:
        requirement = Requirement(wanted.pop())
        key = canonicalize_name(requirement.name)
        if key in found or (requirement.marker and not requirement.marker.evaluate(environment)):
            continue
        found[key] = metadata.distribution(requirement.name)
        wanted.extend(found[key].requires or [])
    return list(found.values())


def repack(dist: metadata.Distribution, into: Path) -> Path:
    """A wheel of an installed distribution, from the files its RECORD lists. Scripts and data
    outside site-packages are left out: pip makes the scripts again from entry_points.txt."""
    files = [f for f in dist.files or () if f.parts[0] != ".." and "__pycache__" not in f.parts]
    info = next(f.parts[0] for f in files if f.parts[0].endswith(".dist-info"))
    tags = [line.split(":", 1)[1].strip() for line in dist.read_text("WHEEL").splitlines() if line.startswith("Tag:")]
    tag = "-".join(
        ".".join(dict.fromkeys(part)) for part in zip(*(t.split("-") for t in tags), strict=True)
    )  # py2.py3-none-any
    wheel = into / f"{info.removesuffix('.dist-info')}-{tag}.whl"
    record = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for file in files:
            if file.parts[0] == info and file.name in LEFT_OUT:
                continue
            data = Path(file.locate()).read_bytes()
            zf.writestr(file.as_posix(), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{file.as_posix()},sha256={digest},{len(data)}")
        record.append(f"{info}/RECORD,,")
        zf.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return wheel

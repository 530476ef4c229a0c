"""Every check category has one shape (issue 12): a package whose platform modules implement
its Probes Protocol, reached only through for_platform, saying "cannot tell" one way."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import hygiene.checks
from hygiene.model import Platform

CHECKS = Path(hygiene.checks.__file__).parent
CATEGORIES = sorted(m.name for m in pkgutil.iter_modules([str(CHECKS)]) if m.ispkg)
WITH_PROBES = [c for c in CATEGORIES if hasattr(importlib.import_module(f"hygiene.checks.{c}"), "Probes")]


def test_every_category_is_a_package():
    assert set(CATEGORIES) >= {"awareness", "backups", "encryption", "mfa", "passwords", "updates"}
    loose = [m.name for m in pkgutil.iter_modules([str(CHECKS)]) if not m.ispkg]
    assert sorted(loose) == ["base", "statements"], "checks live in their category's package"


def _members(protocol: type) -> dict[str, object]:
    names = {n for n in vars(protocol) if not n.startswith("_")} | set(getattr(protocol, "__annotations__", {}))
    return {n: getattr(protocol, n, None) for n in names}


@pytest.mark.parametrize("category", WITH_PROBES)
@pytest.mark.parametrize("platform", list(Platform))
def test_each_platform_module_satisfies_its_category_protocol(category, platform):
    probes = importlib.import_module(f"hygiene.checks.{category}").Probes
    module = importlib.import_module(f"hygiene.checks.{category}.{platform.value}")
    for name, member in _members(probes).items():
        assert hasattr(module, name), f"{module.__name__} lacks {name}"
        if callable(member):
            wanted = list(inspect.signature(member).parameters)[1:]  # without self
            found = list(inspect.signature(getattr(module, name)).parameters)
            assert found[: len(wanted)] == wanted, f"{module.__name__}.{name}{found} != {wanted}"


def _python_files():
    return sorted([*CHECKS.rglob("*.py"), *(CHECKS.parent / "platforms").glob("*.py")])


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(CHECKS.parent)))
def test_cannot_tell_is_said_one_way(path):
    """UNKNOWN comes only from a raised ProbeUnavailable (or ParseError), never from a check
    building an UNKNOWN Finding or returning a reason string where facts belong."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "UNKNOWN":
            raise AssertionError(f"{path.name}:{node.lineno} builds an UNKNOWN finding; raise ProbeUnavailable")
        if isinstance(node, ast.FunctionDef) and node.returns is not None:
            returns = ast.unparse(node.returns).replace(" ", "")
            assert not returns.endswith("|str"), (
                f"{path.name}:{node.lineno} {node.name} returns `X | str`; raise ProbeUnavailable for the reason"
            )


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(CHECKS.parent)))
def test_no_platform_branches(path):
    """Platform dispatch is for_platform alone: no `platform is Platform.X` in checks."""
    text = path.read_text()
    for needle in ("platform is Platform.", "platform == Platform.", "facts.platform is", "BY_PLATFORM"):
        assert needle not in text, f"{path.name} branches on the platform ({needle}); use for_platform"

import pytest

from hygiene.files import schema


@pytest.fixture(scope="session")
def result_schema():
    return schema("result-v1")


@pytest.fixture(autouse=True)
def no_personal_profile(tmp_path, monkeypatch):
    """Tests never pick up the developer's own hygiene.toml, $HYGIENE_PROFILE or config, nor
    read or write their history."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HYGIENE_PROFILE", raising=False)
    monkeypatch.delenv("HYGIENE_HISTORY", raising=False)
    monkeypatch.setattr("hygiene.store.location.default_path", lambda: tmp_path / "no-data" / "history.sqlite3")
    monkeypatch.setattr("hygiene.profile.locate.user_config_path", lambda: tmp_path / "no-config" / "hygiene.toml")

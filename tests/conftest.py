import pytest

from hygiene.documents import schema


@pytest.fixture(scope="session")
def result_schema():
    return schema("result-v1")

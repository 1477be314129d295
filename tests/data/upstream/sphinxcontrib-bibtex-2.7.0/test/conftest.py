from pathlib import Path

import pytest

_rootdir = Path(__file__).parent.resolve() / "roots"

pytest_plugins = "sphinx.testing.fixtures"
collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return _rootdir

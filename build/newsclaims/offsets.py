"""Names for the two kinds of position, so a signature says which one it takes.

A character offset indexes the article body: a span [start, end) of them
holds ``body[start:end] == text``, the offset rule every stored row keeps.
A token index indexes a spaCy Doc: ``doc[start:end]`` is a Span.
"""
from typing import TypeAlias

CharOffset: TypeAlias = int
TokenIndex: TypeAlias = int
# [start, end) in the article body
CharSpan: TypeAlias = tuple[CharOffset, CharOffset]

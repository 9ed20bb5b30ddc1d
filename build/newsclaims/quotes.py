"""Find quotations and reported speech in a Doc, with who said them."""
from dataclasses import dataclass


@dataclass
class Quote:
    """One piece of speech; offsets are character offsets into the article body."""

    start: int
    end: int
    text: str
    kind: str  # direct | partial | indirect | scare (quotation marks that report no speech)
    cue: str | None = None  # the reporting verb or phrase as written: "said", "according to"
    speaker_start: int | None = None  # where the speaker is named (the antecedent, for "he said")
    speaker_end: int | None = None
    speaker_label: str | None = None  # PERSON or ORG, when the speaker phrase is no entity


def find_quotes(doc):
    """Every quote in the Doc, in text order."""
    return []

"""The shared text tests: which line a position stands in, and whether that line is a headline."""
from newsclaims.text import in_headline, line_bounds

STORY = "Kovac: \u2018Talks are over\u2019\nKovac said on Monday that talks were over.\nWhat now for Kyiv?\n"


def test_line_bounds_are_the_paragraph_around_a_position():
    second = STORY.index("Kovac said")
    assert STORY[slice(*line_bounds(STORY, second + 10))] == "Kovac said on Monday that talks were over."
    assert line_bounds(STORY, 0) == (0, STORY.index("\n"))
    assert line_bounds("no line end", 3) == (0, len("no line end"))


def test_a_short_line_without_a_sentence_end_is_a_headline():
    assert not in_headline(STORY, 3)  # ends with a closing mark, as a quoted sentence does
    assert in_headline("Kovac: talks are over\nBody.", 3)
    assert not in_headline(STORY, STORY.index("Kovac said"))
    assert not in_headline(STORY, STORY.index("What now"))


def test_a_paragraph_is_never_a_headline_however_it_ends():
    paragraph = " ".join(["word"] * 21)
    assert not in_headline(paragraph, 0)
    assert in_headline(" ".join(["word"] * 20), 0)

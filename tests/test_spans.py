"""SpanIndex finds spans by position exactly as a scan of every span would."""
import random

from newsclaims.spans import SpanIndex
from newsclaims.text import overlaps


def test_span_index_agrees_with_a_scan_of_every_span():
    rng = random.Random(7)
    spans = []
    for _ in range(400):
        start = rng.randrange(10_000)
        spans.append(None if rng.random() < 0.1 else (start, start + rng.choice([1, 5, 40, 300, 2_000])))
    index = SpanIndex(spans)
    for _ in range(500):
        start = rng.randrange(10_500)
        end = start + rng.choice([1, 10, 100, 1_000])
        live = [i for i, span in enumerate(spans) if span is not None]
        assert sorted(index.overlapping(start, end)) == [i for i in live if overlaps(start, end, *spans[i])]
        assert sorted(index.within(start, end)) == [i for i in live if start <= spans[i][0] and spans[i][1] <= end]


def test_touching_spans_do_not_overlap():
    assert not overlaps(0, 5, 5, 9)
    assert overlaps(0, 6, 5, 9)
    assert SpanIndex([(0, 5), (5, 9)]).overlapping(5, 6) == [1]

"""Marking an article's spans: pieces cut at every edge, every covering class, the innermost span's link."""
from newsclaims.marking import body_html, pieces


def test_a_figure_inside_a_quote_carries_both_classes_and_its_own_link():
    body = "He said 40 tanks were lost."
    spans = [(8, 26, "quote", "/q/1"), (8, 16, "figure", "/f/1")]
    assert pieces(body, spans) == [("He said ", "", None), ("40 tanks", "figure quote", "/f/1"),
                                   (" were lost", "quote", "/q/1"), (".", "", None)]


def test_spans_given_in_any_order_mark_the_same_pieces():
    body = "Kyiv said it would rebuild."
    spans = [(0, 4, "mention", "/m/1"), (0, 26, "quote", "/q/1")]
    assert pieces(body, spans) == pieces(body, spans[::-1]) == [
        ("Kyiv", "mention quote", "/m/1"), (" said it would rebuild", "quote", "/q/1"), (".", "", None)]


def test_html_escapes_the_text_and_anchors_the_first_target_piece_only():
    html = body_html("<b>1</b> and 2", [(3, 4, "target", None), (9, 14, "neighbour", "/n/1")],
                     href=lambda link: "/site" + link, anchor_class="target")
    assert str(html) == ('&lt;b&gt;<span class="target" id="target">1</span>&lt;/b&gt; '
                         '<span class="neighbour"><a href="/site/n/1">and 2</a></span>')
    assert html.count('id="target"') == 1

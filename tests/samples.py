"""Inputs written for the tests that more than one test module uses (no test module imports another)."""

# A value for each saved-query parameter that the seed articles can answer.
SEED_PARAMETERS = {"speaker": "Putin", "claimant": "Putin", "unit": "", "entity": "", "search": "Russia", "words": ""}

STORY = [
    "Russian President Vladimir Putin met envoys in Geneva on Monday, officials said.",
    "\u201cThe talks were useful,\u201d said Jens Stoltenberg, the NATO secretary general.",
    "Officials in Kiev said 12 tanks were destroyed near Bakhmut during the weekend.",
]
BOILERPLATE = ["Accept all cookies", "We use cookies", "Share on Facebook", "Share on Twitter",
               "Grain ships leave Odesa", "Power returns to Lviv", "All rights reserved", "Subscribe to our newsletter",
               "Home", "Sport"]


def page(paragraphs, head=True):
    """A saved news page: the story inside menus, a cookie notice, share buttons, related links and a footer."""
    meta = """
<meta property="og:title" content="Ceasefire talks resume in Geneva">
<meta property="og:site_name" content="World News Daily">
<meta name="author" content="Ana Lopes">
<meta property="article:published_time" content="2023-02-15T09:30:00+01:00">
<link rel="canonical" href="https://news.example.com/world/geneva-talks">""" if head else ""
    story = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    article = f"""<article><h1>Ceasefire talks resume in Geneva</h1>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
{story}</article>""" if paragraphs else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ceasefire talks resume in Geneva | World News Daily</title>{meta}</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div id="cookie-notice" class="cookie-banner"><p>We use cookies to improve your experience on our site.</p>
<button>Accept all cookies</button></div>
<main>{article}
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Grain ships leave Odesa for Istanbul</a></li>
<li><a href="/b">Power returns to Lviv after strikes</a></li></ul></aside>
<div class="newsletter"><p>Subscribe to our newsletter for the day's top stories in your inbox.</p></div></main>
<footer><p>&copy; 2023 World News Daily. All rights reserved.</p></footer></body></html>"""

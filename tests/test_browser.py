"""Pages people look at, loaded in a real browser: Debian's chromium, headless.

Screenshots go to $NEWSCLAIMS_SCREENSHOTS when set (the README's picture is
made that way), else to the test's temporary folder.
"""
import html
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from helpers import Server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHART = "#g.mark=bar&g.x_column=ranked&g.x_type=ordinal&g.y_column=quotes&g.y_type=quantitative"
# Flags that keep chromium off the network and quiet on a machine with no display or D-Bus.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--virtual-time-budget=15000",
]


pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(seeds_db):
    """`newsclaims serve`, as `make serve` runs it, on a free port of 127.0.0.1: its base URL."""
    with Server(seeds_db) as server:
        yield server.base


@pytest.fixture
def browser(tmp_path):
    """browser(url, screenshot_name) -> the DOM after scripts ran; saves a screenshot too."""
    assert CHROMIUM, "chromium is not installed: `make test` installs it with apt-get"
    folder = Path(os.environ.get("NEWSCLAIMS_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def run(url, name):
        profile = ["--user-data-dir=" + str(tmp_path / "profile")]
        shot = folder / f"{name}.png"
        subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, *profile, "--window-size=1280,1000", f"--screenshot={shot}", url],
                       capture_output=True, timeout=120, check=True)
        assert shot.stat().st_size > 10_000, f"{name}.png looks blank"
        dom = subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, *profile, "--dump-dom", url],
                             capture_output=True, timeout=120, check=True, text=True)
        return dom.stdout

    return run


def test_home_page_explains_the_data_and_links_queries_and_charts(site, browser):
    dom = browser(site + "/", "home")
    assert "newsclaims" in dom
    assert "/newsclaims/top_speakers#g.mark=bar" in dom.replace("&amp;", "&")
    assert "Figures nobody attributes" in dom or "figures nobody attributes" in dom


def test_saved_query_draws_its_chart(site, browser):
    dom = browser(site + "/newsclaims/top_speakers" + CHART, "chart-top-speakers")
    assert '<canvas' in dom and 'class="marks"' in dom


def test_provenance_page_shows_the_highlighted_span(site, browser, seeds_db):
    quote = next(sqlite_utils.Database(seeds_db).query("select id from quotes where kind = 'direct' limit 1"))
    dom = browser(f"{site}/-/provenance/quotes/{quote['id']}", "provenance")
    assert 'id="target"' in dom
    assert "matches the article at characters" in dom


def test_article_page_shows_the_marked_text_and_its_quotes_and_figures(site, browser, seeds_db):
    db = sqlite_utils.Database(seeds_db)
    article = next(db.query("select id, label from articles where quotes > 0 and figures > 0 order by claims desc"))
    figure = next(db.query("select id from figures where article_id = ? limit 1", [article["id"]]))
    quote = next(db.query("select id from quotes where article_id = ? and kind = 'direct' limit 1", [article["id"]]))
    dom = browser(f"{site}/-/article/{article['id']}", "article")
    assert 'class="article-body"' in dom and 'class="quote' in dom and 'class="figure' in dom
    assert f'href="/-/provenance/figures/{figure["id"]}"' in dom
    assert f'href="/-/provenance/quotes/{quote["id"]}"' in dom
    assert 'class="errors"' not in dom


def test_entity_page_shows_what_the_entity_said_and_claimed(site, browser, seeds_db):
    entity = next(sqlite_utils.Database(seeds_db).query(
        "select id, name from entities where quotes > 0 and figures > 0 order by quotes desc"))
    dom = browser(f"{site}/-/entity/{entity['id']}", "entity")
    assert entity["name"] in dom
    assert "/-/provenance/quotes/" in dom and "/-/provenance/figures/" in dom
    assert "Named in the same articles" in dom


TIMELINE = "#g.mark=line&g.x_column=published&g.x_type=temporal&g.y_column=quotes&g.y_type=quantitative"


def test_timeline_draws_when_the_articles_state_one_date(site, browser, seeds_db):
    dates = sqlite_utils.Database(seeds_db).execute(
        "select count(distinct published) from articles where published is not null").fetchone()[0]
    assert dates == 1, "the seeds state one date: the case datasette-vega drew nothing for"
    dom = browser(site + "/newsclaims/timeline" + TIMELINE, "chart-timeline")
    assert "<canvas" in dom and 'class="marks"' in dom


def links_in(dom):
    """Same-site links a reader can follow (fragments dropped: they only choose a chart)."""
    hrefs = {html.unescape(href).split("#", 1)[0] for href in re.findall(r'href="(/[^"]*)"', dom)}
    return sorted(href for href in hrefs if href and not href.startswith("/-/static"))


def test_every_link_on_the_home_page_and_each_kind_of_page_answers_without_error(site, browser, seeds_db):
    db = sqlite_utils.Database(seeds_db)
    quote = next(db.query("select id, article_id, speaker_id from quotes where speaker_id is not null limit 1"))
    pages = {"home": "/", "table": "/newsclaims/quotes", "row": f"/newsclaims/quotes/{quote['id']}",
             "query": "/newsclaims/quotes_by_speaker?speaker=Putin", "article": f"/-/article/{quote['article_id']}",
             "entity": f"/-/entity/{quote['speaker_id']}", "provenance": f"/-/provenance/quotes/{quote['id']}",
             "about": "/-/about", "search": "/newsclaims/search_quotes"}
    failures = []
    for kind, path in pages.items():
        dom = browser(site + path, f"page-{kind}")
        assert "message-error" not in dom, path
        for link in links_in(dom):
            try:
                with urllib.request.urlopen(site + link, timeout=30) as response:
                    if response.status != 200 or b"message-error" in response.read():
                        failures.append((path, link, response.status))
            except urllib.error.HTTPError as error:
                failures.append((path, link, error.code))
    assert failures == []

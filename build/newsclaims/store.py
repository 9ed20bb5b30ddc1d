"""The database: schema, writing one article's rows, and one transaction per build.

A build writes the database in place, inside one SQLite transaction in WAL
mode: it commits whole or not at all. A failed or killed build leaves the last
committed database (SQLite rolls the rest back when the file is next opened),
and readers such as the served site keep reading that state during a build and
see the new articles once it commits. The cost of an update is the cost of
what changed, however large the archive.
"""
import fcntl
import os
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database
from sqlite_utils.db import DescIndex

from .entities import alias_reason, entity_merges, entity_types
from .nlp import extraction_version
from .offsets import CharOffset

if TYPE_CHECKING:
    from .articles import Article
    from .entities import Mention
    from .extract import Rows
    from .figures import Figure
    from .quotes import Quote

ARTICLE_COLUMNS = {
    "id": int, "slug": str, "label": str, "title": str, "published": str, "byline": str, "outlet": str, "dateline": str,
    "body": str, "words": int, "sha256": str, "source_path": str, "encoding": str, "url": str, "record": int,
    "quotes": int, "figures": int, "unattributed": int, "claims": int, "extracted_by": str,
}
ENTITY_COLUMNS = {"id": int, "name": str, "type": str, "mentions": int, "quotes": int, "figures": int}
# A summary of figures by unit, remade after every build: the site's "what is counted" answers from it.
UNIT_COLUMNS = {"unit": str, "category": str, "figures": int, "claimants": int, "articles": int}
# Sources the articles do not name ("a senior official"), as written, lower-cased: remade for what each build
# touched, so the anonymous-sources query reads a summary instead of grouping every quote.
UNNAMED_SOURCE_COLUMNS = {"source": str, "statements": int, "figures": int, "articles": int, "example": str}
# Figures per (unit, claimant; 0 for the articles' own voice): what units.claimants counts, kept by difference.
UNIT_CLAIMANT_COLUMNS = {"unit": str, "claimant": int, "figures": int}
MENTION_COLUMNS = {
    "id": int, "article_id": int, "entity_id": int, "start": int, "end": int, "text": str, "vote": str, "evidence": str,
}
# Each spelling the articles use for an entity, and why it is folded into it (remade for what each build touched).
ALIAS_COLUMNS = {"entity_id": int, "alias": str, "mentions": int, "reason": str}
# Kept by difference, so types and aliases are settled without reading every mention of a common entity:
# how many mentions vote for each type (and why), and how many use each spelling.
VOTE_COLUMNS = {"entity_id": int, "vote": str, "evidence": str, "mentions": int}
SPELLING_COLUMNS = {"entity_id": int, "text": str, "mentions": int}
QUOTE_COLUMNS = {
    "id": int, "article_id": int, "start": int, "end": int, "text": str, "kind": str, "speaker_id": int,
    "speaker_start": int, "speaker_end": int, "cue": str,
    "speaker_text": str, "speaker_text_start": int, "speaker_text_end": int, "part_of": int, "cue_tag": str,
}
FIGURE_COLUMNS: dict[str, type | str] = {
    # NUMERIC affinity (declared ANY): whole values are stored as integers, 26000 and not 26000.0.
    "id": int, "article_id": int, "start": int, "end": int, "text": str, "value": "ANY", "low": "ANY",
    "high": "ANY", "qualifier": str, "unit": str, "category": str, "claimant_id": int, "quote_id": int,
    "claimant_text": str, "claimant_text_start": int, "claimant_text_end": int,
}
CHILD_TABLES = ("mentions", "quotes", "figures")
# The last id each table has handed out, so a deleted row's id is never given to another row:
# a published "check in text" link keeps meaning what it meant, or answers 404.
SEQUENCE_COLUMNS = {"table_name": str, "last_id": int}
# PRAGMA application_id of a newsclaims database ("NCLM"): another program's SQLite file is never written.
APPLICATION_ID = 0x4E434C4D


class BuildLocked(RuntimeError):
    """Another build holds the database."""


class NotOurDatabase(RuntimeError):
    """--db names a file that another program made: refused, never written."""


# table -> column -> its Python type, or "ANY"
TABLE_COLUMNS: dict[str, Mapping[str, type | str]] = {
    "articles": ARTICLE_COLUMNS, "entities": ENTITY_COLUMNS, "mentions": MENTION_COLUMNS,
    "quotes": QUOTE_COLUMNS, "figures": FIGURE_COLUMNS, "units": UNIT_COLUMNS, "aliases": ALIAS_COLUMNS,
    "unnamed_sources": UNNAMED_SOURCE_COLUMNS, "unit_claimants": UNIT_CLAIMANT_COLUMNS,
    "entity_votes": VOTE_COLUMNS, "spellings": SPELLING_COLUMNS,
}
# The phrase of a quote or figure whose source has no entity, and the rows that count for it.
UNNAMED_QUOTES = "speaker_id is null and speaker_text is not null and kind != 'scare' and part_of is null"
UNNAMED_FIGURES = "claimant_id is null and claimant_text is not null"
# Indexes the saved queries lean on at scale (checked with EXPLAIN QUERY PLAN in bench/).
QUERY_INDEXES = {
    "articles": [["claims"], ["published", "quotes", "figures"], ["outlet"]],
    "entities": [["quotes"], ["figures"], ["mentions"]],
    "mentions": [["entity_id", "article_id"], ["article_id", "entity_id"]],
    "quotes": [["speaker_id", DescIndex("article_id"), "start"]],
    "figures": [["claimant_id", DescIndex("article_id"), "start"],
                ["claimant_id", "category", "unit", DescIndex("value")], ["unit", DescIndex("value")]],
}


def add_missing_columns(db: Database) -> None:
    """Columns added since an older database was built, so updating it never needs --full."""
    for table, columns in TABLE_COLUMNS.items():
        have = db.table(table).columns_dict
        for name, type_ in columns.items():
            if name not in have:
                db.table(table).add_column(name, type_)


def create_schema(db: Database) -> None:
    """Create every table, column, foreign key, index and FTS table that is missing."""
    db.table("articles").create(ARTICLE_COLUMNS, pk="id", not_null={"slug", "body", "sha256"}, if_not_exists=True)
    db.table("articles").create_index(["slug"], unique=True, if_not_exists=True)
    db.table("articles").create_index(["published"], if_not_exists=True)
    db.table("entities").create(ENTITY_COLUMNS, pk="id", not_null={"name", "type"}, if_not_exists=True)
    db.table("entities").create_index(["name"], unique=True, if_not_exists=True)
    db.table("mentions").create(
        MENTION_COLUMNS, pk="id", if_not_exists=True,
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db.table("quotes").create(
        QUOTE_COLUMNS, pk="id", if_not_exists=True,
        foreign_keys=[("article_id", "articles", "id"), ("speaker_id", "entities", "id")],
    )
    db.table("figures").create(
        FIGURE_COLUMNS, pk="id", if_not_exists=True,
        foreign_keys=[("article_id", "articles", "id"), ("claimant_id", "entities", "id"),
                      ("quote_id", "quotes", "id")],
    )
    for table in CHILD_TABLES:
        for fk in db.table(table).foreign_keys:
            db.table(table).create_index(fk.columns, if_not_exists=True)  # each of ours is one column
    db.table("quotes").create_index(["kind"], if_not_exists=True)
    db.table("figures").create_index(["unit"], if_not_exists=True)
    db.table("entities").create_index(["type"], if_not_exists=True)
    db.table("units").create(UNIT_COLUMNS, pk="unit", if_not_exists=True)
    db.table("unnamed_sources").create(UNNAMED_SOURCE_COLUMNS, pk="source", if_not_exists=True)
    db.table("unit_claimants").create(UNIT_CLAIMANT_COLUMNS, pk=("unit", "claimant"), if_not_exists=True)
    db.table("aliases").create(ALIAS_COLUMNS, pk=("entity_id", "alias"), if_not_exists=True,
                         foreign_keys=[("entity_id", "entities", "id")])
    db.table("entity_votes").create(VOTE_COLUMNS, pk=("entity_id", "vote", "evidence"), if_not_exists=True)
    db.table("spellings").create(SPELLING_COLUMNS, pk=("entity_id", "text"), if_not_exists=True)
    db.table("id_sequence").create(SEQUENCE_COLUMNS, pk="table_name", if_not_exists=True)
    if db.execute("pragma application_id").fetchone()[0] != APPLICATION_ID:
        db.execute(f"pragma application_id = {APPLICATION_ID}")
    add_missing_columns(db)
    for table, indexes in QUERY_INDEXES.items():
        for columns in indexes:
            db.table(table).create_index(columns, if_not_exists=True)
    if not db.table("articles_fts").exists():
        db.table("articles").enable_fts(["title", "body"], tokenize="porter", create_triggers=True)
    if not db.table("quotes_fts").exists():
        db.table("quotes").enable_fts(["text"], tokenize="porter", create_triggers=True)
    db.execute("create index if not exists quotes_unnamed_source on quotes(lower(speaker_text)) "
               f"where {UNNAMED_QUOTES}")
    db.execute(f"create index if not exists figures_unnamed_source on figures(lower(claimant_text)) "
               f"where {UNNAMED_FIGURES}")
    # What this connection's writes touched: tidy recounts those alone, so an update costs what changed.
    db.execute("create temp table if not exists touched_entities (id integer primary key)")
    db.execute("create temp table if not exists touched_units (unit text primary key)")
    count_everything_once(db)


# One article's share of every summary count, by entity, unit, (unit, claimant) and unnamed source.
ARTICLE_SHARES = {
    "entities": """
        select id, sum(m), sum(q), sum(f) from (
          select entity_id as id, 1 as m, 0 as q, 0 as f from mentions where article_id = :article
          union all select speaker_id, 0, 1, 0 from quotes where article_id = :article and speaker_id is not null
            and kind != 'scare' and part_of is null
          union all select claimant_id, 0, 0, 1 from figures where article_id = :article and claimant_id is not null
        ) group by id""",
    "units": "select unit, max(category), count(*) from figures where article_id = :article and unit is not null "
             "group by unit",
    "entity_votes": "select m.entity_id, coalesce(m.vote, e.type), coalesce(m.evidence, 'model'), count(*) "
                    "from mentions m join entities e on e.id = m.entity_id where m.article_id = :article "
                    "group by 1, 2, 3",
    "spellings": "select entity_id, text, count(*) from mentions where article_id = :article group by 1, 2",
    "unit_claimants": "select unit, coalesce(claimant_id, 0), count(*) from figures "
                      "where article_id = :article and unit is not null group by 1, 2",
    "unnamed_sources": f"""
        select source, sum(said), sum(numbers), max(provenance) from (
          select lower(speaker_text) as source, 1 as said, 0 as numbers,
            printf('/-/provenance/quotes/%d', id) as provenance
          from quotes where article_id = :article and {UNNAMED_QUOTES}
          union all select lower(claimant_text), 0, 1, printf('/-/provenance/figures/%d', id)
          from figures where article_id = :article and {UNNAMED_FIGURES}
        ) group by source""",
}


def count_article(db: Database, article_id: int, sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) one article's share of the counts in entities, units and
    unnamed_sources, and note what it touched for tidy.

    An article's rows are written and deleted whole, so each count is kept by
    difference: an update costs what changed, however often an entity, unit or
    source appears in the archive.
    """
    article = {"article": article_id}
    for entity, mentions, quotes, figures in db.execute(ARTICLE_SHARES["entities"], article).fetchall():
        db.execute("update entities set mentions = mentions + ?, quotes = quotes + ?, figures = figures + ? "
                   "where id = ?", [sign * mentions, sign * quotes, sign * figures, entity])
        db.execute("insert or ignore into temp.touched_entities values (?)", [entity])
    for unit, category, figures in db.execute(ARTICLE_SHARES["units"], article).fetchall():
        db.execute("insert or ignore into units (unit, category, figures, claimants, articles) values (?, ?, 0, 0, 0)",
                   [unit, category])
        db.execute("update units set figures = figures + ?, articles = articles + ? where unit = ?",
                   [sign * figures, sign, unit])
        db.execute("insert or ignore into temp.touched_units values (?)", [unit])
    for entity, vote, evidence, mentions in db.execute(ARTICLE_SHARES["entity_votes"], article).fetchall():
        db.execute("insert or ignore into entity_votes values (?, ?, ?, 0)", [entity, vote, evidence])
        db.execute("update entity_votes set mentions = mentions + ? where entity_id = ? and vote = ? and evidence = ?",
                   [sign * mentions, entity, vote, evidence])
    for entity, text, mentions in db.execute(ARTICLE_SHARES["spellings"], article).fetchall():
        db.execute("insert or ignore into spellings values (?, ?, 0)", [entity, text])
        db.execute("update spellings set mentions = mentions + ? where entity_id = ? and text = ?",
                   [sign * mentions, entity, text])
    for unit, claimant, figures in db.execute(ARTICLE_SHARES["unit_claimants"], article).fetchall():
        db.execute("insert or ignore into unit_claimants (unit, claimant, figures) values (?, ?, 0)", [unit, claimant])
        db.execute("update unit_claimants set figures = figures + ? where unit = ? and claimant = ?",
                   [sign * figures, unit, claimant])
    for source, statements, figures, example in db.execute(ARTICLE_SHARES["unnamed_sources"], article).fetchall():
        db.execute("insert or ignore into unnamed_sources (source, statements, figures, articles) values (?, 0, 0, 0)",
                   [source])
        db.execute("update unnamed_sources set statements = statements + ?, figures = figures + ?, "
                   "articles = articles + ?, example = ? where source = ?",
                   [sign * statements, sign * figures, sign, example if sign > 0 else None, source])


def known_articles(db: Database) -> dict[str, str]:
    """slug -> sha256 of every article already stored."""
    return {row["slug"]: row["sha256"] for row in db.query("select slug, sha256 from articles")}


def extracted_before(db: Database) -> set[str]:
    """Slugs of the stored articles another version of newsclaims extracted (see nlp.extraction_version)."""
    rows = db.query("select slug from articles where extracted_by is not :now", {"now": extraction_version()})
    return {row["slug"] for row in rows}


def known_sources(db: Database) -> dict[str, str]:
    """slug -> source_path of every article already stored: which file owns each slug."""
    return {row["slug"]: row["source_path"] for row in db.query("select slug, source_path from articles")}


def next_ids(db: Database, table: str, count: int = 1) -> int:
    """The first of ``count`` fresh ids for ``table``; no id is ever handed out twice.

    A database from before this table starts from its highest id.
    """
    row = db.execute("select last_id from id_sequence where table_name = ?", [table]).fetchone()
    last = row[0] if row else db.execute(f"select coalesce(max(id), 0) from [{table}]").fetchone()[0]
    db.execute(
        "insert into id_sequence (table_name, last_id) values (?, ?) "
        "on conflict(table_name) do update set last_id = excluded.last_id",
        [table, last + count],
    )
    return last + 1


def entity_id(db: Database, pair: tuple[str, str] | None, known: dict[str, int]) -> int | None:
    """The id of a canonical (name, type), created on first sight; ``known`` caches name -> id."""
    if pair is None:
        return None
    name, type_ = pair
    if name not in known:
        row = db.execute("select id from entities where name = ?", [name]).fetchone()
        if row is None:
            row = [next_ids(db, "entities")]
            db.table("entities").insert(
                {"id": row[0], "name": name, "type": type_, "mentions": 0, "quotes": 0, "figures": 0})
        known[name] = row[0]
    return known[name]


def delete_article(db: Database, slug: str) -> int | None:
    """Remove an article and every row that points at it; returns its id (or None), which its next version keeps."""
    row = db.execute("select id from articles where slug = ?", [slug]).fetchone()
    if row is None:
        return None
    count_article(db, row[0], -1)
    for table in ("figures", "quotes", "mentions"):
        db.execute(f"delete from {table} where article_id = ?", [row[0]])
    db.execute("delete from articles where id = ?", [row[0]])
    return row[0]


def fresh_ids(db: Database, table: str, count: int) -> range:
    """``count`` ids of ``table`` that no row has ever had, in order."""
    first = next_ids(db, table, count) if count else 0
    return range(first, first + count)


def write_rows(db: Database, rows: "Rows", entity_ids: dict[str, int] | None = None) -> None:
    """Replace one article's rows with ``rows`` (an extract.Rows).

    Pass the same ``entity_ids`` dict to every call of one build: it saves a
    lookup per mention.
    """
    known = {} if entity_ids is None else entity_ids
    article = rows.article
    article_id = delete_article(db, article.slug) or next_ids(db, "articles")
    said = sum(quote.kind != "scare" and quote.part_of is None for quote in rows.quotes)
    unattributed = sum(figure.claimant is None and figure.claimant_text_start is None for figure in rows.figures)
    db.table("articles").insert({
        **columns(article, ARTICLE_COLUMNS), "id": article_id, "label": article.label, "words": article.words,
        "sha256": article.sha256, "quotes": said, "figures": len(rows.figures), "unattributed": unattributed,
        "claims": said + len(rows.figures), "extracted_by": extraction_version(),
    })
    db.table("mentions").insert_all(
        {**columns(m, MENTION_COLUMNS), "id": mention_id, "article_id": article_id,
         "entity_id": entity_id(db, (m.name, m.type), known), "vote": m.vote or m.type}
        for mention_id, m in zip(fresh_ids(db, "mentions", len(rows.mentions)), rows.mentions, strict=True)
    )
    quote_ids = dict(zip(map(id, rows.quotes), fresh_ids(db, "quotes", len(rows.quotes)), strict=True))

    def quote_id(quote: "Quote | None") -> int | None:
        """The id given to one of these rows' quotes, or None."""
        return None if quote is None else quote_ids[id(quote)]

    db.table("quotes").insert_all(
        {**columns(quote, QUOTE_COLUMNS), "id": quote_id(quote), "article_id": article_id,
         "speaker_id": entity_id(db, quote.speaker, known), "part_of": quote_id(quote.part_of),
         "speaker_text": written(article.body, quote.speaker_text_start, quote.speaker_text_end)}
        for quote in rows.quotes
    )
    db.table("figures").insert_all(
        {**columns(f, FIGURE_COLUMNS), "id": figure_id, "article_id": article_id,
         "claimant_id": entity_id(db, f.claimant, known), "quote_id": quote_id(f.quote),
         "claimant_text": written(article.body, f.claimant_text_start, f.claimant_text_end)}
        for figure_id, f in zip(fresh_ids(db, "figures", len(rows.figures)), rows.figures, strict=True)
    )
    count_article(db, article_id, 1)


def columns(item: "Article | Mention | Quote | Figure", table_columns: Collection[str]) -> dict[str, Any]:
    """The fields of a row's dataclass that its table stores as they are: each column named once, in the schema."""
    return {f.name: getattr(item, f.name) for f in fields(item) if f.name in table_columns}


def written(body: str, start: CharOffset | None, end: CharOffset | None) -> str | None:
    """The source phrase as the article wrote it: searchable when it names no one."""
    return None if start is None else body[start:end]


def merge_entity(db: Database, old_id: int, new_id: int) -> None:
    """Repoint every row from one entity to another, add up what they count, and drop the old one."""
    db.execute("update mentions set entity_id = ? where entity_id = ?", [new_id, old_id])
    db.execute("update quotes set speaker_id = ? where speaker_id = ?", [new_id, old_id])
    db.execute("update figures set claimant_id = ? where claimant_id = ?", [new_id, old_id])
    db.execute("""
        update entities set mentions = entities.mentions + old.mentions, quotes = entities.quotes + old.quotes,
          figures = entities.figures + old.figures
        from (select mentions, quotes, figures from entities where id = ?) as old where entities.id = ?
    """, [old_id, new_id])
    db.execute("delete from aliases where entity_id = ?", [old_id])
    db.execute("delete from entities where id = ?", [old_id])
    for table, key in (("entity_votes", ("vote", "evidence")), ("spellings", ("text",))):
        same = " and ".join(f"old.{column} = {table}.{column}" for column in key)
        columns = ", ".join(key)
        db.execute(f"insert or ignore into {table} (entity_id, {columns}, mentions) "
                   f"select ?, {columns}, 0 from {table} where entity_id = ?", [new_id, old_id])
        db.execute(f"update {table} set mentions = mentions + (select old.mentions from {table} old "
                   f"where old.entity_id = :old and {same}) where entity_id = :new and ({columns}) in "
                   f"(select {columns} from {table} where entity_id = :old)", {"old": old_id, "new": new_id})
        db.execute(f"delete from {table} where entity_id = ?", [old_id])
    db.execute("insert or ignore into unit_claimants (unit, claimant, figures) "
               "select unit, ?, 0 from unit_claimants where claimant = ?", [new_id, old_id])
    db.execute("""
        update unit_claimants set figures = figures + (
          select old.figures from unit_claimants old where old.claimant = :old and old.unit = unit_claimants.unit)
        where claimant = :new and unit in (select unit from unit_claimants where claimant = :old)
    """, {"old": old_id, "new": new_id})
    db.execute("insert or ignore into temp.touched_units select unit from unit_claimants where claimant = ?", [old_id])
    db.execute("delete from unit_claimants where claimant = ?", [old_id])
    db.execute("insert or ignore into temp.touched_entities values (?)", [new_id])


def merge_entities(db: Database) -> None:
    """Apply entities.entity_merges: repoint and drop the entities that are one thing, then rename the kept ones."""
    entities = list(db.query("select id, name, type, mentions from entities"))  # counts kept by difference
    merges, renames = entity_merges(entities)
    for old_id, new_id in merges.items():
        merge_entity(db, old_id, new_id)
    for entity_id, name in renames.items():
        db.execute("update entities set name = ? where id = ?", [name, entity_id])
        db.execute("insert or ignore into temp.touched_entities values (?)", [entity_id])


def settle_types(db: Database) -> None:
    """Apply entities.entity_types: each entity this build touched takes the weighted vote of all its mentions."""
    votes: dict[int, dict[tuple[str, str], int]] = {}
    for row in db.query(
        "select entity_id, vote, evidence, mentions as n from entity_votes "
        "where mentions > 0 and entity_id in (select id from temp.touched_entities)"
    ):
        votes.setdefault(row["entity_id"], {})[row["vote"], row["evidence"]] = row["n"]
    current = {row["id"]: row["type"] for row in db.query(
        "select id, type from entities where id in (select id from temp.touched_entities)")}
    for entity_id, type_ in entity_types(votes).items():
        if current.get(entity_id) != type_:
            db.execute("update entities set type = ? where id = ?", [type_, entity_id])


def write_aliases(db: Database) -> None:
    """Remake the aliases of the entities this build touched: every spelling that names one other than its own
    name, and why."""
    db.execute("delete from aliases where entity_id in (select id from temp.touched_entities)")
    db.table("aliases").insert_all(
        {"entity_id": row["entity_id"], "alias": row["alias"], "mentions": row["mentions"],
         "reason": alias_reason(row["alias"], row["name"])}
        for row in db.query(
            "select s.entity_id, s.text as alias, e.name, s.mentions from spellings s "
            "join entities e on e.id = s.entity_id where s.text != e.name and s.mentions > 0 "
            "and s.entity_id in (select id from temp.touched_entities)"
        )
    )


def tidy(db: Database) -> None:
    """Of the entities this build touched: settle their types, merge those that are one thing, drop those nothing
    refers to any more, remake their aliases; drop the units and sources nothing counts, recount claimants."""
    settle_types(db)  # merges read the types: "Putin" joins a person, "IAEA" an organisation
    merge_entities(db)
    settle_types(db)
    db.execute("""
        delete from entities where id in (select id from temp.touched_entities)
        and mentions = 0 and quotes = 0 and figures = 0
        and not exists (select 1 from mentions where entity_id = entities.id)
        and not exists (select 1 from quotes where speaker_id = entities.id)
        and not exists (select 1 from figures where claimant_id = entities.id)
    """)
    write_aliases(db)
    db.execute("delete from entity_votes where mentions <= 0")
    db.execute("delete from spellings where mentions <= 0")
    db.execute("delete from unit_claimants where figures <= 0")
    db.execute("""
        update units set claimants = (select count(*) from unit_claimants where unit = units.unit)
        where unit in (select unit from temp.touched_units)
    """)
    db.execute("delete from units where figures <= 0")
    db.execute("delete from unnamed_sources where statements <= 0 and figures <= 0")
    db.execute(f"""
        update unnamed_sources set example = coalesce(
          (select '/-/provenance/quotes/' || max(id) from quotes where lower(speaker_text) = unnamed_sources.source
           and {UNNAMED_QUOTES}),
          (select '/-/provenance/figures/' || max(id) from figures where lower(claimant_text) = unnamed_sources.source
           and {UNNAMED_FIGURES}))
        where example is null
    """)
    db.execute("delete from temp.touched_entities")
    db.execute("delete from temp.touched_units")


def count_everything_once(db: Database) -> None:
    """A database built before the summaries were kept by difference gets them counted in full, once."""
    db.execute("""
        update entities set
          mentions = (select count(*) from mentions where entity_id = entities.id),
          quotes = (select count(*) from quotes where speaker_id = entities.id and kind != 'scare' and part_of is null),
          figures = (select count(*) from figures where claimant_id = entities.id)
        where mentions is null
    """)
    db.execute("""
        update articles set
          quotes = (select count(*) from quotes where article_id = articles.id and kind != 'scare' and part_of is null),
          figures = (select count(*) from figures where article_id = articles.id),
          unattributed = (select count(*) from figures where article_id = articles.id and claimant_id is null
                          and claimant_text is null)
        where quotes is null
    """)
    db.execute("update articles set claims = quotes + figures where claims is null")
    if not db.execute("select 1 from unit_claimants limit 1").fetchone():
        db.execute("delete from units")
        db.execute("""
            insert into units (unit, category, figures, claimants, articles)
            select unit, max(category), count(*), count(distinct coalesce(claimant_id, 0)), count(distinct article_id)
            from figures where unit is not null group by unit
        """)
        db.execute("insert into unit_claimants (unit, claimant, figures) "
                   "select unit, coalesce(claimant_id, 0), count(*) from figures where unit is not null group by 1, 2")
    if not db.execute("select 1 from unnamed_sources limit 1").fetchone():
        db.execute(f"""
            insert into unnamed_sources (source, statements, figures, articles, example)
            select source, sum(said), sum(numbers), count(distinct article_id), max(provenance)
            from (
              select lower(speaker_text) as source, 1 as said, 0 as numbers, article_id,
                '/-/provenance/quotes/' || id as provenance
              from quotes where {UNNAMED_QUOTES}
              union all
              select lower(claimant_text), 0, 1, article_id, '/-/provenance/figures/' || id
              from figures where {UNNAMED_FIGURES}
            )
            group by source
        """)
    if not db.execute("select 1 from entity_votes limit 1").fetchone():
        db.execute("insert into entity_votes select m.entity_id, coalesce(m.vote, e.type), "
                   "coalesce(m.evidence, 'model'), count(*) from mentions m join entities e on e.id = m.entity_id "
                   "group by 1, 2, 3")
        db.execute("insert into spellings select entity_id, text, count(*) from mentions group by 1, 2")
        db.execute("insert or ignore into temp.touched_entities select id from entities")


@contextmanager
def build_lock(path: str | Path, wait: float = 60.0, on_wait: Callable[[], object] | None = None) -> Iterator[None]:
    """Hold an exclusive lock beside the database while a build writes it."""
    lock_path = Path(f"{path}.lock")
    handle = open(lock_path, "w")
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(f"another build is writing {path}; try again when it has finished") from None
                if on_wait and not told:
                    on_wait()
                    told = True
                time.sleep(0.2)
        yield
    finally:
        handle.close()


def read_only_uri(path: str | Path) -> str:
    """A URI that opens ``path`` read-only; '#', '?' and '%' in the name are escaped, not read as URI syntax."""
    return Path(path).resolve().as_uri() + "?mode=ro"


def database_path(path: str | Path) -> Path:
    """The file that --db names: a symbolic link is followed, so the file it points at is the one updated.

    Another program's SQLite file, or a file that is no database, is refused
    with NotOurDatabase before anything (even a lock file) is written beside it.
    """
    check_ours(path)
    return Path(os.path.realpath(path))


def check_ours(path: str | Path) -> None:
    """Refuse a file that is not a newsclaims database (or empty, or missing): we must never write it."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = [row[0] for row in
                      conn.execute("select name from sqlite_master where type = 'table' order by name")]
            application_id = conn.execute("pragma application_id").fetchone()[0]
            columns = {row[1] for row in conn.execute("pragma table_info(articles)")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotOurDatabase(f"{path} is not a newsclaims database ({error}); choose another --db") from None
    built_before_the_mark = {"slug", "sha256", "body"} <= columns
    if tables and application_id != APPLICATION_ID and not built_before_the_mark:
        shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
        raise NotOurDatabase(f"{path} is not a newsclaims database (it holds the tables {shown}); choose another --db")


@contextmanager
def build_transaction(path: str | Path, fresh: bool = False) -> Iterator[Database]:
    """``path`` (from database_path) open for one build, which commits whole or not at all.

    ``fresh`` empties every table first (``--full``); ids still never repeat.
    """
    db = Database(path)
    try:
        db.execute("pragma journal_mode = wal")
        with db.atomic():
            create_schema(db)
            if fresh:
                for table in ("aliases", "figures", "quotes", "mentions", "articles", "entities", "units"):
                    db.execute(f"delete from [{table}]")
            yield db
        db.execute("pragma wal_checkpoint(truncate)")  # fold the build into the file; readers never wait for it
    finally:
        db.close()

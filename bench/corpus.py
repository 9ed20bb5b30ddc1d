"""Make N realistic news articles offline, for benchmarks.

Sentences are recombined from templates with names, places, units and numbers
drawn from a seeded random generator, so a corpus is the same on every run and
every machine. Articles carry what the real ones do: a headline, a byline,
quotes in every order, reported speech, figures with qualifiers, narration.

    python bench/corpus.py OUT_DIR --articles 1000 --words 400
"""
import argparse
import random
from pathlib import Path

PEOPLE = [
    ("President", "Anna Kowalska"), ("Defence Minister", "Pieter de Vries"), ("General", "Mark Holloway"),
    ("Foreign Minister", "Elena Marchetti"), ("spokesman", "Jonas Berg"), ("Secretary General", "Karl Lindqvist"),
    ("Prime Minister", "Tomasz Nowicki"), ("President", "Oleh Hrytsenko"), ("Admiral", "Sarah Whitfield"),
    ("analyst", "Michael Osei"), ("ambassador", "Ingrid Solberg"), ("Interior Minister", "Andrei Volkov"),
]
ORGS = ["the defence ministry", "the Pentagon", "the Kremlin", "NATO", "the United Nations", "the interior ministry",
        "the general staff", "the European Union", "the foreign ministry", "the border guard service"]
PLACES = ["Kyiv", "Kharkiv", "Odesa", "Bakhmut", "Kherson", "Warsaw", "Brussels", "Berlin", "Vilnius", "Donetsk",
          "Zaporizhzhia", "Mykolaiv", "Lviv", "Minsk", "Geneva", "Washington", "Moscow", "Riga", "Tallinn"]
# Village names, many and each rare, as in real war reporting: what a selective search looks for.
VILLAGES = [f"{a}{b}" for a in ("Novo", "Staro", "Verkhnio", "Nyzhnio", "Velyko", "Mala ", "Krasno", "Pisky", "Dobro",
                                 "Zoloto", "Bilo", "Chorno", "Yasno", "Sviato", "Kamiano", "Lysy", "Pishcha", "Zeleno",
                                 "Myro", "Vysoko")
            for b in ("pillia", "mykhailivka", "dmytrivka", "oleksandrivka", "hrad", "polia", "marivka", "selivka",
                      "vodyane", "pavlivka", "stepove", "vilne", "hirske", "luhove", "ivanivka", "yarivka", "rivne",
                      "kuts", "bahatyr", "lyman")]
COUNTRIES = ["Ukraine", "Russia", "Poland", "Germany", "the United States", "Lithuania", "Belarus", "France"]
UNITS = ["tanks", "soldiers", "drones", "artillery shells", "missiles", "armoured vehicles", "civilians",
         "aircraft", "troops", "mercenaries", "air defence systems", "helicopters"]
WEAPONS = ["HIMARS", "Leopard 2", "F-16", "Patriot", "Bradley", "Storm Shadow", "IRIS-T", "Abrams"]
QUALIFIERS = ["", "", "more than ", "about ", "nearly ", "over ", "at least ", "up to ", "roughly ", "close to "]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
QUOTES = [
    "We will not give up a single metre of our land",
    "The situation on the front line remains difficult but under control",
    "Our partners understand that time matters",
    "This is a decisive moment for the security of the whole continent",
    "We need more air defence, and we need it now",
    "Nobody should doubt our resolve",
    "The enemy has suffered heavy losses and is regrouping",
    "There can be no talks while the shelling goes on",
]
VERBS = ["said", "told reporters", "added", "warned", "stressed", "noted", "claimed"]
HEADLINES = [
    "{country} says it destroyed {n} {unit} near {place}",
    "{name} warns of long war as talks stall",
    "Allies pledge new aid for {country} at {place} meeting",
    "Fighting intensifies around {place}",
    "{org_title} reports heavy losses near {place}",
]


def number(rng):
    """A number as a reporter writes it: digits with thousands commas, or a word."""
    kind = rng.random()
    if kind < 0.2:
        return rng.choice(["two", "three", "five", "eight", "a dozen", "ten"])
    if kind < 0.3:
        return f"${rng.randint(1, 900)} million"
    if kind < 0.4:
        return f"{rng.randint(1, 99)}%"
    return f"{rng.randint(2, 90_000):,}"


def sentence(rng):
    title, name = rng.choice(PEOPLE)
    org = rng.choice(ORGS)
    fill = {
        "title": title, "name": name, "surname": name.split()[-1], "org": org, "Org": org[0].upper() + org[1:],
        "place": rng.choice(PLACES), "country": rng.choice(COUNTRIES), "unit": rng.choice(UNITS),
        "weapon": rng.choice(WEAPONS), "q": rng.choice(QUALIFIERS), "n": number(rng), "day": rng.choice(DAYS),
        "month": rng.choice(MONTHS), "quote": rng.choice(QUOTES), "verb": rng.choice(VERBS),
        "year": rng.randint(2014, 2024), "village": rng.choice(VILLAGES),
    }
    templates = [
        "“{quote},” {title} {name} {verb} on {day}.",
        "“{quote},” {verb} {name}.",
        "{name} {verb}: “{quote}.”",
        "{title} {name} said {country} had lost {q}{n} {unit} since {month}.",
        "According to {org}, {q}{n} {unit} were destroyed near {place} in the past week.",
        "{Org} said {q}{n} {unit} had been sent to {place}.",
        "Shelling hit {place} on {day}, killing {n} people, local officials said.",
        "The package includes {weapon} systems and {q}{n} {unit}, {org} said.",
        "{place} has been under attack since {month} {year}.",
        "Talks in {place} ended without agreement, and {surname} called the offer “unacceptable”.",
        "{country} has spent {q}{n} on the war so far, according to {org}.",
        "Residents of {place} queued for water as temperatures fell.",
        "Troops retook the village of {village} after a week of fighting, {org} said.",
        "Drone footage showed burned-out {unit} outside {village}.",
        "“We are holding {village},” a commander told reporters.",
    ]
    return rng.choice(templates).format(**fill)


def article(rng, words):
    title, name = rng.choice(PEOPLE)
    headline = rng.choice(HEADLINES).format(
        country=rng.choice(COUNTRIES), n=number(rng), unit=rng.choice(UNITS), place=rng.choice(PLACES),
        name=name, org_title=rng.choice(ORGS).removeprefix("the ").capitalize(),
    )
    dated = f"date 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {headline}"
    lines = [dated if rng.random() < 0.7 else headline, f"By {rng.choice(PEOPLE)[1]}", ""]
    count = 0
    while count < words:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
        lines.append(paragraph)
        count += len(paragraph.split())
    return "\n".join(lines) + "\n"


def write_corpus(folder, articles, words=400, seed=1):
    """Write ``articles`` files of about ``words`` words each into folder; returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for index in range(articles):
        path = folder / f"bench_{index:06d}.txt"
        path.write_text(article(rng, words), encoding="utf-8")
        paths.append(path)
    return paths


def write_long_article(path, chars, seed=1):
    """One article of about ``chars`` characters: paragraphs of generated stories run on, as in a long transcript."""
    rng = random.Random(seed)
    lines = ["A very long report", ""]
    size = 0
    while size < chars:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
        lines.append(paragraph)
        size += len(paragraph) + 1
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Path(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.articles, args.words, args.seed)
    print(f"wrote {len(paths)} articles to {args.out}")


if __name__ == "__main__":
    main()

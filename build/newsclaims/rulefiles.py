"""The YAML rule files (data/cues.yml, units.yml, ...): read, and checked against the schema each declares.

A renamed or mistyped key would otherwise surface as a KeyError in the
extraction of every article. Checked at load, it stops the build before any
article is read, with one message naming the file and the key (exit status 3).

A schema is written in Python values: ``str``, ``int`` or ``bool`` for a value
of that type; ``[spec]`` for a list of such values; ``{str: spec}`` for a
mapping whose keys are free (of that type); ``{"key": spec, ...}`` for exactly
those keys.
"""
import difflib
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable  # Python 3.11 on; importlib.abc's before

# A folder to read the rule files from instead of the packaged data/: an edited copy, for trying a change.
DATA_DIR_VARIABLE = "NEWSCLAIMS_DATA_DIR"
# libyaml's safe loader reads the lookup files ten times faster than the pure-Python one, when installed.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

WORDS = [str]
SCHEMAS = {
    "aliases.yml": {str: WORDS},  # canonical name: its other spellings
    "cues.yml": {
        "verbs": {str: str}, "irregular_forms": {str: WORDS},
        "reporting_nouns": WORDS, "account_nouns": WORDS, "audience_nouns": WORDS, "document_nouns": WORDS,
        "government_nouns": WORDS, "representative_nouns": WORDS,
        "org_nouns": WORDS, "person_nouns": WORDS, "role_nouns": WORDS, "title_words": WORDS,
        "person_pronouns": WORDS, "group_pronouns": WORDS, "relative_pronouns": WORDS,
        "term_openers": WORDS, "scare_openers": WORDS,
        "scare_max_words": int, "max_quote_chars": int, "continuation_paragraphs": int,
        "female_words": WORDS, "male_words": WORDS, "female_pronouns": WORDS, "male_pronouns": WORDS,
        "indirect_with_quotes": bool,
    },
    "dates.yml": {"months": {int: WORDS}, "weekdays": WORDS, "date_labels": WORDS, "time_zones": WORDS},
    "gazetteer.yml": {"WEAPON": WORDS, "GPE": WORDS, "ORG": WORDS, "LOC": WORDS},
    "metadata.yml": {
        "section_labels": WORDS, "not_places": WORDS, "narration_words": WORDS, "minor_words": WORDS,
        "furniture": WORDS, "articles": WORDS, "name_particles": WORDS,
    },
    "names.yml": {
        "org_heads": WORDS, "place_heads": {"GPE": WORDS, "LOC": WORDS, "FAC": WORDS}, "honorifics": WORDS,
        "honorific_titles": {str: str}, "person_titles": WORDS, "title_modifiers": WORDS, "media_heads": WORDS,
        "given_names": WORDS, "event_heads": WORDS, "lesser_office_words": WORDS,
    },
    "places.yml": {"GPE": WORDS, "LOC": WORDS},
    "units.yml": {
        "number_words": {str: int}, "scale_words": {str: int}, "scale_suffixes": {str: int},
        "vague_plurals": {str: [int]}, "qualifiers": {str: str}, "range_joiners": WORDS, "currencies": {str: str},
        "percent_words": WORDS, "area_words": {str: str}, "adjective_units": {str: str},
        "determiner_numbers": WORDS, "focus_words": WORDS, "elided_nouns": WORDS, "measure_nouns": {str: str},
        "measuring_subjects": WORDS, "irregular_plurals": {str: str}, "categories": {str: WORDS},
        "casualty_verbs": WORDS, "time_units": WORDS, "calibre_words": WORDS, "months": WORDS,
        "label_words": WORDS, "blocked_patterns": WORDS,
    },
}
TYPE_NAMES = {str: "text", int: "a whole number", bool: "true/false", float: "a decimal number", list: "a list",
              dict: "a mapping", type(None): "empty"}


class RuleFileError(Exception):
    """A rule file that cannot be read or does not follow its schema; the message names the file and the key."""


def load_data(name: str) -> Any:
    """Rule file ``name`` parsed, or a RuleFileError naming every key that breaks its schema."""
    path = data_folder().joinpath(name)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(f"rule file {path} cannot be read: {getattr(error, 'strerror', None) or error}") from None
    except yaml.YAMLError as error:
        raise RuleFileError(f"rule file {path} is not valid YAML: {error}") from None
    problems = list(mismatches(data, SCHEMAS[name]))
    if problems:
        raise RuleFileError(f"rule file {path}: {'; '.join(problems)}")
    return data


def data_folder() -> "Traversable":
    """$NEWSCLAIMS_DATA_DIR when set, else the data/ folder that ships in the package."""
    folder = os.environ.get(DATA_DIR_VARIABLE)
    return Path(folder) if folder else resources.files("newsclaims").joinpath("data")


def check_rule_files() -> None:
    """Load every rule file once, so a broken one stops a build before its first article, not in each."""
    for name in SCHEMAS:
        load_data(name)


def mismatches(value: Any, spec: Any, where: str = "") -> Iterator[str]:
    """Each way ``value`` differs from ``spec``, as a line naming the key; ``where`` is the key path so far."""
    if isinstance(spec, list):
        yield from list_mismatches(value, spec[0], where)
    elif isinstance(spec, dict) and isinstance(next(iter(spec)), type):
        yield from mapping_mismatches(value, *next(iter(spec.items())), where)
    elif isinstance(spec, dict):
        yield from record_mismatches(value, spec, where)
    elif type(value) is not spec:  # not isinstance: true/false is no whole number here
        yield wrong_type(where, spec, value)


def list_mismatches(value: Any, item_spec: Any, where: str) -> Iterator[str]:
    if not isinstance(value, list):
        yield wrong_type(where, list, value)
        return
    for index, item in enumerate(value):
        yield from mismatches(item, item_spec, f"{where}[{index}]")


def mapping_mismatches(value: Any, key_type: type, value_spec: Any, where: str) -> Iterator[str]:
    """Mismatches of a mapping whose keys are free but of ``key_type``: "yes:" would make a true/false key."""
    if not isinstance(value, dict):
        yield wrong_type(where, dict, value)
        return
    for key, item in value.items():
        if type(key) is not key_type:
            yield f"key {at(where, key)} should be {TYPE_NAMES[key_type]}, not {TYPE_NAMES.get(type(key))}"
        yield from mismatches(item, value_spec, at(where, key))


def record_mismatches(value: Any, spec: dict[str, Any], where: str) -> Iterator[str]:
    """Mismatches of a mapping with exactly the keys of ``spec``: a missing or unknown key is named."""
    if not isinstance(value, dict):
        yield wrong_type(where, dict, value)
        return
    missing = [key for key in spec if key not in value]
    for key in missing:
        yield f"missing key {at(where, key)}"
    for key in value:
        if key not in spec:
            close = difflib.get_close_matches(str(key), missing or list(spec), n=1)
            yield f"unknown key {at(where, key)}" + (f" (did you mean {close[0]!r}?)" if close else "")
    for key, item_spec in spec.items():
        if key in value:
            yield from mismatches(value[key], item_spec, at(where, key))


def at(where: str, key: Any) -> str:
    """The path of ``key`` inside ``where``: 'verbs', then verbs['say']."""
    return f"{where}[{key!r}]" if where else repr(key)


def wrong_type(where: str, expected: type, value: Any) -> str:
    described = TYPE_NAMES.get(type(value), type(value).__name__)
    shown = "" if value is None or isinstance(value, (list, dict)) else f" ({value!r})"
    return f"{where or 'the file'} should be {TYPE_NAMES[expected]}, not {described}{shown}"

"""The YAML rule files are checked against their schemas before any article: a typo stops the build with exit 3."""
import shutil

import pytest
from click.testing import CliRunner

from newsclaims import rulefiles
from newsclaims.cli import cli
from newsclaims.rulefiles import DATA_DIR_VARIABLE, SCHEMAS, RuleFileError, check_rule_files, load_data

STORY = "Bridge reopens\n\nThe bridge reopened on Monday, the city council said.\n"


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the packaged rule files that the build reads instead: edit(name, old, new) changes one."""
    folder = tmp_path / "data"
    shutil.copytree(rulefiles.data_folder(), folder)
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(folder))

    def edit(name, old, new):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return edit


def test_every_packaged_rule_file_has_a_schema_and_follows_it():
    names = {path.name for path in rulefiles.data_folder().iterdir() if path.name.endswith(".yml")}
    assert names == set(SCHEMAS)
    check_rule_files()


@pytest.mark.parametrize("name, old, new, expected", [
    ("cues.yml", "scare_openers:", "scare_opener:",
     ["cues.yml", "missing key 'scare_openers'", "unknown key 'scare_opener' (did you mean 'scare_openers'?)"]),
    ("cues.yml", "scare_max_words: 5", "scare_max_words: five",
     ["cues.yml", "'scare_max_words' should be a whole number, not text ('five')"]),
    ("cues.yml", "scare_max_words: 5", "scare_max_words: 5\naccording_phrases: [according to]",
     ["cues.yml", "unknown key 'according_phrases'"]),
    ("units.yml", "scale_words:", "scale_word:", ["units.yml", "missing key 'scale_words'"]),
    ("cues.yml", "indirect_with_quotes: true", "indirect_with_quotes: always",
     ["cues.yml", "'indirect_with_quotes' should be true/false, not text ('always')"]),
    ("names.yml", "given_names:", "given_names: 3\nfirst_names:",
     ["names.yml", "'given_names' should be a list, not a whole number (3)", "unknown key 'first_names'"]),
])
def test_a_broken_rule_file_stops_the_build_with_exit_3_before_any_article(
        corpus, tmp_path, data_copy, name, old, new, expected):
    data_copy(name, old, new)
    corpus("bridge.txt", STORY)
    db_path = tmp_path / "out.db"
    result = CliRunner().invoke(cli, ["build", str(corpus.folder), "--db", str(db_path)])
    assert result.exit_code == 3
    assert result.output.startswith("Error: rule file ")
    for words in expected:
        assert words in result.output
    assert "bridge" not in result.output and "extraction failed" not in result.output
    assert not db_path.exists()


def test_extract_stops_the_same_way(corpus, tmp_path, data_copy):
    data_copy("dates.yml", "weekdays:", "week_days:")
    corpus("bridge.txt", STORY)
    result = CliRunner().invoke(cli, ["extract", str(corpus.folder), "--out", str(tmp_path / "shards")])
    assert result.exit_code == 3
    assert "dates.yml" in result.output and "missing key 'weekdays'" in result.output
    assert not (tmp_path / "shards").exists()


def test_a_nested_value_of_the_wrong_type_is_named_by_its_path(data_copy):
    data_copy("units.yml", "money: [", "money: [5, ")
    expected = r"units\.yml: 'categories'\['money'\]\[0\] should be text, not a whole number \(5\)"
    with pytest.raises(RuleFileError, match=expected):
        load_data("units.yml")


def test_a_yaml_boolean_word_is_caught(data_copy):
    data_copy("aliases.yml", "Kyiv:", "yes: [Kiev]\nKyiv:")
    with pytest.raises(RuleFileError, match=r"aliases\.yml: key True should be text, not true/false"):
        load_data("aliases.yml")


def test_a_file_that_is_not_yaml_names_the_file(data_copy):
    data_copy("places.yml", "GPE:", "GPE: [unclosed")
    with pytest.raises(RuleFileError, match=r"places\.yml is not valid YAML"):
        load_data("places.yml")

from __future__ import annotations

import pytest

from newslint.config import Config, ConfigError, find_config_file
from newslint.plugins import get_registry

from conftest import SEED


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_nearest_config_wins(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.newslint]\nselect = ["NL1"]\n')
    write(tmp_path / "desk" / "newslint.toml", 'select = ["NL2"]\n')
    article = write(tmp_path / "desk" / "story" / "a.txt", "x")
    assert find_config_file(article) == tmp_path / "desk" / "newslint.toml"
    assert Config.discover(article.parent).select == ("NL2",)
    assert Config.discover(tmp_path).select == ("NL1",)


def test_pyproject_without_newslint_table_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname='x'\n")
    assert find_config_file(tmp_path) is None


def test_unknown_key_names_file_and_suggests(tmp_path):
    config = write(tmp_path / "newslint.toml", 'selct = ["NL1"]\n')
    with pytest.raises(ConfigError) as error:
        Config.from_file(config)
    assert str(error.value) == f"{config}: unknown key 'selct' (did you mean 'select'?)"


def test_unknown_code_is_an_error(tmp_path):
    config = Config.from_file(write(tmp_path / "newslint.toml", 'ignore = ["NL1O1"]\n'))
    with pytest.raises(ConfigError, match="unknown rule code 'NL1O1'"):
        config.validate(get_registry(autoload=False))


def test_malformed_toml_names_the_line(tmp_path):
    config = write(tmp_path / "newslint.toml", 'select = ["NL1"]\nfail-on = warning\n')
    with pytest.raises(ConfigError, match=r"invalid TOML: .*line 2"):
        Config.from_file(config)


def test_unknown_option_is_an_error(tmp_path):
    config = Config.from_file(
        write(tmp_path / "newslint.toml", "[options.NL105]\nlast-paragraph = 2\n")
    )
    with pytest.raises(ConfigError, match=r"has no option 'last-paragraph'.*last-paragraphs"):
        config.validate(get_registry(autoload=False))


def test_cli_reports_config_errors_with_exit_2(run_cli, tmp_path):
    write(tmp_path / "newslint.toml", "fail_on = 'error'\n")
    article = write(tmp_path / "a.txt", "Loading Now\n")
    code, _, err = run_cli(str(article))
    assert code == 2
    assert "unknown key 'fail_on' (did you mean 'fail-on'?)" in err


def test_per_file_ignores_severity_and_options(run_cli, tmp_path):
    write(
        tmp_path / "newslint.toml",
        'select = ["NL1"]\n'
        '[per-file-ignores]\n"wire/*.txt" = ["NL101"]\n'
        '[severity]\nNL102 = "error"\n',
    )
    write(tmp_path / "wire" / "a.txt", SEED.read_text())
    write(tmp_path / "b.txt", SEED.read_text())
    _, out, _ = run_cli(str(tmp_path), "--format", "json")
    import json

    found = {(d["path"].split("/")[-2], d["code"], d["severity"]) for d in json.loads(out)}
    assert ("wire", "NL101", "warning") not in found
    assert ("wire", "NL102", "error") in found
    assert (tmp_path.name, "NL101", "warning") in found


def test_rule_options_change_behaviour(tmp_path):
    import newslint

    text = (
        "Story.\n\nMore story.\n\nDana Whitfield is a reporter based in Leeds with a degree."
        "\n\nA closing line of the page.\n"
    )
    default = Config(select=["NL105"])
    assert [d.code for d in newslint.lint_text(text, config=default)] == ["NL105"]
    narrow = Config(select=["NL105"], options={"NL105": {"last_paragraphs": 1}})
    assert newslint.lint_text(text, config=narrow) == []


def test_config_flag_and_isolated(run_cli, tmp_path):
    write(tmp_path / "newslint.toml", 'select = ["NL102"]\n')
    article = write(tmp_path / "a.txt", SEED.read_text())
    _, out, _ = run_cli(str(article))
    assert {line.split()[1] for line in out.splitlines()} == {"NL102"}
    other = write(tmp_path / "other" / "cfg.toml", 'select = ["NL105"]\n')
    _, out, _ = run_cli(str(article), "--config", str(other))
    assert {line.split()[1] for line in out.splitlines()} == {"NL105"}
    _, out, _ = run_cli(str(article), "--isolated", "--select", "NL1")
    assert "NL101" in out


def test_user_pack_from_config(run_cli, tmp_path):
    write(
        tmp_path / "packs" / "house.toml",
        '[pack]\nname = "house"\n[[rule]]\ncode = "HS101"\nname = "house-banned-word"\n'
        'category = "style"\nsummary = "Banned word"\nphrases = ["synergy"]\n'
        'fire = ["The synergy was real."]\nquiet = ["The merger was real."]\n',
    )
    write(tmp_path / "newslint.toml", 'packs = ["packs/house.toml"]\nselect = ["HS"]\n')
    article = write(tmp_path / "a.txt", "The synergy of the merger was praised.\n")
    code, out, _ = run_cli(str(article))
    assert code == 1
    assert out.strip() == f"{article}:1:5: HS101 warning: Banned word"


def test_a_pack_rule_may_skip_sentences_that_name_their_own_speaker(run_cli, tmp_path):
    rule = (
        '[[rule]]\ncode = "HS201"\nname = "house-hedge"\ncategory = "hedging"\n'
        'summary = "Hedge"\nphrases = ["could potentially"]\nskip_attributed = {}\n'
        'fire = ["It could potentially rain."]\nquiet = ["Rain fell."]\n'
    )
    write(tmp_path / "newslint.toml", 'packs = ["house.toml"]\nselect = ["HS"]\n')
    article = write(
        tmp_path / "a.txt",
        "The ward could potentially close.\n\nPark said the beds could potentially reopen.\n",
    )
    write(tmp_path / "house.toml", rule.format("true"))
    _, out, _ = run_cli(str(article))
    assert [line.split(":")[1] for line in out.splitlines()] == ["1"]
    write(tmp_path / "house.toml", rule.format("false"))
    _, out, _ = run_cli(str(article))
    assert [line.split(":")[1] for line in out.splitlines()] == ["1", "3"]


def test_broken_pack_is_a_clear_error(run_cli, tmp_path):
    write(tmp_path / "bad.toml", '[[rule]]\ncode = "HS101"\nname = "x"\nkind = "magic"\n')
    write(tmp_path / "newslint.toml", 'packs = ["bad.toml"]\n')
    article = write(tmp_path / "a.txt", "Text.\n")
    code, _, err = run_cli(str(article))
    assert code == 2
    assert err.strip().splitlines()[0] == (
        f"newslint: error: {tmp_path / 'bad.toml'}: rule HS101: kind 'magic' is not one of "
        "phrases, regex, line"
    )


def test_cli_select_may_name_a_pack_that_the_linted_folders_config_loads(run_cli, tmp_path):
    desk = tmp_path / "desk"
    write(
        desk / "house.toml",
        '[[rule]]\ncode = "HS101"\nname = "house-banned-word"\ncategory = "style"\n'
        'summary = "Banned word"\nphrases = ["synergy"]\nfire = ["synergy"]\nquiet = ["merger"]\n',
    )
    write(desk / "newslint.toml", 'packs = ["house.toml"]\n')
    write(desk / "a.txt", "The synergy was praised.\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, out, err = run_cli("--select", "HS", str(desk), cwd=elsewhere)
    assert code == 1, err
    assert out.strip().endswith("HS101 warning: Banned word")


@pytest.mark.parametrize(
    ("value", "shown"),
    [('"two"', "'two'"), ("inf", "inf"), ("nan", "nan"), ("[1]", "[1]"), ("true", "true")],
)
def test_an_option_of_the_wrong_kind_is_a_config_error_at_load(run_cli, tmp_path, value, shown):
    config = write(tmp_path / "newslint.toml", f"[options.NL105]\nlast-paragraphs = {value}\n")
    article = write(tmp_path / "a.txt", "The council met.\n")
    code, out, err = run_cli(str(article))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"newslint: error: {config}: options.NL105.last-paragraphs: must be a whole number, "
        f"not {shown}"
    ]


def test_a_float_option_must_be_finite(tmp_path):
    config = Config.from_file(
        write(tmp_path / "newslint.toml", "[options.NL501]\nmax-grade = inf\n")
    )
    with pytest.raises(
        ConfigError, match=r"options.NL501.max-grade: must be a finite number, not inf"
    ):
        config.validate(get_registry(autoload=False))


def test_option_names_are_kebab_case_with_a_did_you_mean(tmp_path):
    path = write(tmp_path / "newslint.toml", "[options.NL105]\nlast_paragraphs = 2\n")
    with pytest.raises(
        ConfigError, match=r"kebab-case: 'last_paragraphs' \(did you mean 'last-paragraphs'\?\)"
    ):
        Config.from_file(path)


def test_a_deeply_nested_toml_array_is_a_one_line_config_error(run_cli, tmp_path):
    config = write(tmp_path / "newslint.toml", "ignore = " + "[" * 5000 + "]" * 5000 + "\n")
    article = write(tmp_path / "a.txt", "The council met.\n")
    code, _, err = run_cli(str(article))
    assert code == 2
    assert err.splitlines() == [
        f"newslint: error: {config}: invalid TOML: arrays or tables nested too deeply"
    ]


def test_a_command_line_typo_is_a_command_line_error(run_cli, tmp_path):
    write(tmp_path / "newslint.toml", 'ignore = ["NL105"]\n')
    article = write(tmp_path / "a.txt", "The council met.\n")
    code, _, err = run_cli(str(article), "--ignore", "NL1O1")
    assert code == 2
    assert err.splitlines() == [
        "newslint: error: --ignore: unknown rule code or name 'NL1O1' (did you mean 'NL101'?)"
    ]


HOUSE_PACK = (
    '[pack]\nname = "house"\n[[rule]]\ncode = "HS101"\nname = "house-banned-word"\n'
    'category = "style"\nsummary = "Banned word"\nphrases = ["synergy"]\n'
    'fire = ["The synergy was real."]\nquiet = ["The merger was real."]\n'
)


def test_explain_knows_the_rules_of_the_configs_packs(run_cli, tmp_path):
    write(tmp_path / "packs" / "house.toml", HOUSE_PACK)
    config = write(tmp_path / "newslint.toml", 'packs = ["packs/house.toml"]\n')
    code, out, _ = run_cli("explain", "HS101", cwd=tmp_path)
    assert code == 0 and out.startswith("# house-banned-word (HS101)")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, out, _ = run_cli("explain", "house-banned-word", "--config", str(config), cwd=elsewhere)
    assert code == 0 and out.startswith("# house-banned-word (HS101)")


def test_explain_names_options_in_kebab_case(run_cli):
    code, out, _ = run_cli("explain", "NL105", "--format", "json")
    assert code == 0
    import json

    assert json.loads(out)["options"] == {"last-paragraphs": 3}


def test_check_pack_runs_the_examples_of_a_pack(run_cli, tmp_path):
    good = write(tmp_path / "good.toml", HOUSE_PACK)
    code, out, err = run_cli("check-pack", str(good))
    assert (code, out) == (0, "")
    assert f"{good}: 1 rules, 2 examples: all behave" in err
    bad = write(tmp_path / "bad.toml", HOUSE_PACK.replace("The merger was real.", "Synergy!"))
    code, out, err = run_cli("check-pack", str(bad))
    assert code == 1
    assert out.startswith(f"{bad}: False positive: HS101 quiet[0]")
    broken = write(tmp_path / "broken.toml", '[[rule]]\ncode = "HS101"\n')
    code, _, err = run_cli("check-pack", str(broken))
    assert code == 2 and err.startswith("newslint: error: ")


def test_check_pack_checks_a_shipped_pack_edited_in_a_checkout(run_cli):
    from newslint.lexicon import builtin_packs_dir

    pack = builtin_packs_dir() / "hedging.toml"
    code, out, err = run_cli("check-pack", str(pack))
    assert (code, out) == (0, "")
    assert err.startswith(f"{pack}: 3 rules, ") and err.rstrip().endswith("all behave")


def test_rules_lists_whether_each_rule_has_a_fix(run_cli):
    _, out, _ = run_cli("rules")
    header, *rows = out.splitlines()
    assert "  fix  " in header
    row = next(r for r in rows if r.startswith("NL101"))
    assert row.split()[5] == "safe"


def test_a_deeply_nested_pack_is_a_one_line_error_naming_it(run_cli, tmp_path):
    pack = write(tmp_path / "p.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n")
    write(tmp_path / "newslint.toml", 'packs = ["p.toml"]\n')
    article = write(tmp_path / "a.txt", "The council met.\n")
    code, _, err = run_cli(str(article))
    assert code == 2
    assert err.splitlines() == [
        f"newslint: error: {pack}: invalid TOML: arrays or tables nested too deeply"
    ]

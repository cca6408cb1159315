"""`mentorlog config`: defaults in config.toml, validated; the editor they choose."""

from __future__ import annotations

import json
import shlex
import sys
import tomllib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mentorlog.cli.editor import editor_command
from mentorlog.core.config import SETTINGS, Config
from mentorlog.storage.codecs.config import config_from_dict, config_to_dict


def test_list_shows_every_setting_with_its_default(run, home: Path) -> None:
    result = run("config", "list", "--json")
    assert result.exit_code == 0, result
    rows = json.loads(result.stdout)
    assert [r["key"] for r in rows] == ["editor", "meeting_privacy", "week_start",
                                       "sync_autocommit", "checkin_weeks", "encrypt",
                                       "encrypt_to"]
    assert rows[1] == {
        "key": "meeting_privacy", "value": "normal", "default": "normal", "set": False,
        "choices": ["normal", "private", "confidential"],
        "help": "Default privacy of meeting notes: normal, private or confidential.",
    }
    assert not home.exists()  # reading writes nothing
    text = run("config", "list")
    assert text.exit_code == 0
    assert "meeting_privacy  normal (default)" in text.stdout


def test_set_get_and_unset(run, home: Path) -> None:
    result = run("config", "set", "week_start", "SUN")
    assert result.exit_code == 0, result
    assert result.stdout.startswith("week_start = sun (in ")
    assert tomllib.loads((home / "config.toml").read_text()) == {
        "schema_version": 1, "week_start": "sun"}
    assert (home / "config.toml").stat().st_mode & 0o777 == 0o600
    assert run("config", "get", "week_start").stdout == "sun\n"
    assert run("config", "get", "meeting-privacy").stdout == "normal\n"
    assert run("config", "set", "editor", "code --wait").exit_code == 0
    assert run("config", "get", "editor").stdout == "code --wait\n"
    result = run("config", "unset", "week_start")
    assert result.stdout == "week_start is back to its default (mon).\n"
    assert tomllib.loads((home / "config.toml").read_text()) == {
        "schema_version": 1, "editor": "code --wait"}
    assert run("config", "unset", "week_start").stdout == (
        "week_start is not set; it is mon by default.\n")


def test_bad_key_or_value_is_refused_and_nothing_is_written(run, home: Path) -> None:
    result = run("config", "set", "week_strt", "sun")
    assert result.exit_code == 1
    assert result.stderr == ("Error: unknown setting 'week_strt': did you mean 'week_start'? "
                             "known: editor, meeting_privacy, week_start, sync_autocommit, "
                             "checkin_weeks, encrypt, encrypt_to\n")
    assert not home.exists()
    result = run("config", "set", "meeting_privacy", "secret")
    assert result.exit_code == 1
    assert result.stderr == ("Error: meeting_privacy: expected one of normal, private, "
                             "confidential, got 'secret'\n")
    result = run("config", "set", "editor", "vim 'unclosed")
    assert result.exit_code == 1
    assert "editor: " in result.stderr
    assert not home.exists()
    assert run("config", "get", "colour").exit_code == 1
    assert run("config", "set", "week_start", "sun").exit_code == 0
    before = (home / "config.toml").read_bytes()
    assert run("config", "set", "week_start", "tue").exit_code == 1
    assert (home / "config.toml").read_bytes() == before


def test_usage_errors_exit_2(run, home: Path) -> None:
    assert run("config", "set", "week_start").exit_code == 2
    assert run("config", "frobnicate").exit_code == 2


def test_a_hand_broken_config_is_reported_not_rewritten(run, home: Path) -> None:
    home.mkdir()
    (home / "config.toml").write_text('schema_version = 1\nweek_start = "tue"\ncolour = "x"\n')
    before = (home / "config.toml").read_bytes()
    result = run("config", "list")
    assert result.exit_code == 1
    assert "config.toml: " in result.stderr
    assert run("config", "set", "editor", "nano").exit_code == 1
    assert (home / "config.toml").read_bytes() == before
    assert run("check").exit_code == 1


def test_visual_then_editor_then_config_then_vi() -> None:
    assert editor_command({"VISUAL": "code -w", "EDITOR": "nano"}, "emacs") == ["code", "-w"]
    assert editor_command({"EDITOR": "nano"}, "emacs") == ["nano"]
    assert editor_command({"VISUAL": " ", "EDITOR": ""}, "emacs -nw") == ["emacs", "-nw"]
    assert editor_command({}, "") == ["vi"]


def test_the_configured_editor_is_used(run, initialized: Path, tmp_path: Path) -> None:
    marker = tmp_path / "edited"
    script = tmp_path / "fake-editor.py"
    script.write_text(f"import sys; open({str(marker)!r}, 'w').write(sys.argv[1])\n")
    assert run("config", "set", "editor", f"{sys.executable} {script}").exit_code == 0
    result = run("agreement", "edit")
    assert result.exit_code == 0, result
    assert result.stdout == "No change.\n"
    assert marker.read_text().endswith("drafts/agreement.toml")
    # $EDITOR wins over the configured one.
    result = run("agreement", "edit", env={"EDITOR": "true"})
    assert result.exit_code == 0
    marker.unlink()
    run("agreement", "edit", env={"EDITOR": "true"})
    assert not marker.exists()


VALUES = {
    # Any text a setting accepts (no NUL: config refuses it), quoted as a shell word: emoji,
    # quotes, `+++`, `"""`, CRLF.
    "editor": st.one_of(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                       blacklist_characters="\x00")),
                        st.sampled_from(['+++', '"""', "a\r\nb", "é 🚀"]))
    .map(lambda s: "ed " + shlex.quote(s)),
    "meeting_privacy": st.sampled_from(["normal", "private", "confidential"]),
    "week_start": st.sampled_from(["mon", "sun"]),
    "sync_autocommit": st.sampled_from(["on", "off"]),
}


@given(st.fixed_dictionaries({}, optional=VALUES))
def test_config_toml_round_trips(values: dict[str, str]) -> None:
    import tomli_w

    config = Config()
    for key, value in values.items():
        config = config.set(key, value)
    text = tomli_w.dumps(config_to_dict(config))
    assert config_from_dict(tomllib.loads(text)) == config
    assert set(values) <= {s.key for s in SETTINGS}

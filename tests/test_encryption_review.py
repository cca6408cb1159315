"""Encryption at rest, reviewed (issue 16): with `encrypt` on, what is being typed — the
answers `week`, `goals review` and `end` keep in `drafts/`, an editor's draft (`note`,
`agreement edit`, `week --edit`) — is stored as age messages too, opened on resume, and
reported (never written over) without the key; a resumed `week` keeps the level it was
begun at. A normal meeting's file repeats the text of the task it reviewed, the questions
it answered and the follow-ups it closed, so it is sealed when one of those is. Check-ins
are sealed and opened by `encrypt apply` and `encrypt off`. `mentorlog check` names an
encrypted text that is damaged. `encrypt init` prints the key whole at 60 columns;
`config set encrypt` needs a key to encrypt to. Every read command works without the key,
and the `age` lines of docs/sharing.md decrypt as written.
"""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest
from conftest import INIT_ARGS, run_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sealed_store import sealed_store
from test_encryption import ARMOR, pieces
from tmux import Terminal

from mentorlog.core.drafts import Draft
from mentorlog.storage.codecs.drafts import draft_from_dict, draft_to_dict
from mentorlog.storage.toml import dump_toml_data, parse_toml

pyrage = pytest.importorskip("pyrage")
tmux_only = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

TYPED = {"went_well": "Xyzzyqpl wentwell plovrk", "could_improve": "Qwertzzm betterhq"}
NOW = "2026-12-01T19:10:00+01:00"


def setup(home: Path, tmp_path: Path) -> dict[str, str]:
    env = {"MENTORLOG_HOME": str(home), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "NO_COLOR": "1"}
    for args in (INIT_ARGS, ["encrypt", "init", "--no-input"],
                 ["config", "set", "encrypt", "private"]):
        done = run_process(*args, env=env)
        assert done.returncode == 0, (args, done.stderr)
    return env


def identity(env: dict[str, str]) -> object:
    key = Path(env["XDG_CONFIG_HOME"]) / "mentorlog" / "identity.txt"
    return pyrage.x25519.Identity.from_str(next(
        line for line in key.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-")))


def in_clear(env: dict[str, str], texts: list[str]) -> list[Path]:
    """Files of the data folder and the cache that hold an 8-letter piece of a text."""
    found = []
    for folder in (Path(env["MENTORLOG_HOME"]), Path(env["XDG_CACHE_HOME"])):
        for path in (p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes().decode("utf-8", "replace").lower()
            if any(p.lower() in data for t in texts for p in pieces(t)):
                found.append(path)
    return found


@tmux_only
def test_week_stopped_with_ctrl_c_keeps_its_answers_sealed(home: Path, tmp_path: Path) -> None:
    env = setup(home, tmp_path)
    draft = home / "drafts" / "week.toml"
    term = Terminal(["week", "--private"], {**env, "MENTORLOG_NOW": NOW}, width=60)
    try:
        term.answer("Was it completed", f"done: {TYPED['went_well']}")
        term.answer("could have gone better", TYPED["could_improve"])
        term.answer("Ship a PR", "")  # kept with the other two before Ctrl-C
        term.wait_for("Give a talk")
        term.interrupt()
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=130" in screen and "Traceback" not in screen
    # Nothing typed is in clear in the data folder or the cache: the draft is one age message.
    assert in_clear(env, list(TYPED.values())) == []
    assert draft.read_text().startswith(ARMOR)
    kept = tomllib.loads(pyrage.decrypt(draft.read_bytes(), [identity(env)]).decode())
    assert kept["answers"]["task"] == f"done: {TYPED['went_well']}"
    assert kept["answers"]["could_improve"] == TYPED["could_improve"]

    # In a pipe, the waiting draft is said without decrypting it (no key needed).
    piped = run_process("week", "--no-input", env={**env, "MENTORLOG_NOW": NOW,
                                                    "MENTORLOG_IDENTITY": str(tmp_path / "no")})
    assert "kept (encrypted) in" in piped.stderr and "Traceback" not in piped.stderr
    # Without the key, a terminal run reports it and never writes over it.
    before = draft.read_bytes()
    term = Terminal(["week"], {**env, "MENTORLOG_NOW": NOW,
                               "MENTORLOG_IDENTITY": str(tmp_path / "no")}, width=60)
    try:
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    words = " ".join(screen.split())
    assert "EXIT=1" in screen and "Traceback" not in screen
    assert words.count("Error:") == 1 and "cannot use" in words, screen
    assert draft.read_bytes() == before

    # With the key: resumed (without --private: the draft keeps the level it was begun
    # at), and the meeting holds what was typed before Ctrl-C, sealed.
    term = Terminal(["week"], {**env, "MENTORLOG_NOW": NOW}, width=120)
    try:
        term.answer("answers). Resume it?", "y")
        term.answer("Give a talk", "")
        term.answer("Lead a feature", "")
        term.answer("Anything else you asked", "")
        term.answer("doing for the next week", "Write the parser tests")
        term.answer("opportunities-wise", "")
        term.answer("When and where is the next meeting", "")
        screen = term.wait_for("EXIT=")
    finally:
        term.close()
    assert "EXIT=0" in screen, screen
    assert not draft.exists()
    meeting = (home / "meetings" / "2026-12-01.md").read_text()
    assert 'privacy = "private"' in meeting and ARMOR in meeting
    shown = run_process("show", "2026-12-01", env={**env, "MENTORLOG_NOW": NOW})
    assert shown.returncode == 0
    assert TYPED["went_well"] in shown.stdout and TYPED["could_improve"] in shown.stdout
    assert in_clear(env, list(TYPED.values())) == []


def editor(tmp_path: Path, name: str, script: str) -> str:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return str(path)


def test_a_note_in_the_editor_is_never_in_clear_in_the_data_folder(home: Path,
                                                                   tmp_path: Path) -> None:
    env = setup(home, tmp_path)
    seen = tmp_path / "seen"
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    # The editor dies after writing: what it wrote is kept in the data folder, sealed.
    dies = editor(tmp_path, "dies", f'echo "$1" > {seen}; stat -c %a "$(dirname "$1")" >> {seen}; '
                  'printf "Half a Blorptqx thought" > "$1"; kill -9 $$\n')
    result = run_process("note", "--edit", "--private", env={**env, "EDITOR": dies})
    assert result.returncode == 1 and result.stderr.startswith("Error: the editor")
    assert result.stderr.count("\n") == 1 and "your draft is kept at" in result.stderr
    worked_on, mode = seen.read_text().split()
    assert Path(worked_on).parent.parent == runtime and mode == "700"  # outside the data folder
    assert list(runtime.iterdir()) == []  # the clear copy is gone
    draft = home / "drafts" / "note.md"
    assert draft.read_text().startswith(ARMOR)
    assert pyrage.decrypt(draft.read_bytes(), [identity(env)]).decode() == \
        "Half a Blorptqx thought"
    assert in_clear(env, ["Half a Blorptqx thought"]) == []
    # The next run opens it again, in clear for the editor only; the note is saved sealed.
    finishes = editor(tmp_path, "finishes", 'printf " finished Snarglew." >> "$1"\n')
    result = run_process("note", "--edit", "--private", env={**env, "EDITOR": finishes})
    assert result.returncode == 0, result.stderr
    assert "Recovered an unsaved note" in result.stderr
    assert not draft.exists() and list(runtime.iterdir()) == []
    assert in_clear(env, ["Half a Blorptqx thought finished Snarglew."]) == []
    assert "Half a Blorptqx thought finished Snarglew." in run_process("log", env=env).stdout


def test_apply_seals_a_waiting_draft_and_off_opens_it(home: Path, tmp_path: Path) -> None:
    env = {"MENTORLOG_HOME": str(home), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    assert run_process(*INIT_ARGS, env=env).returncode == 0
    drafts = home / "drafts"
    drafts.mkdir()
    clear = 'schema_version = 1\ncommand = "week"\n\n[answers]\ntask = "done: Gzqvwkpt"\n'
    (drafts / "week.toml").write_text(clear)
    (drafts / "note.md").write_text("Typed before Hwqzkvxp")
    for args in (["encrypt", "init", "--no-input"], ["config", "set", "encrypt", "private"],
                 ["encrypt", "apply"]):
        assert run_process(*args, env=env).returncode == 0, args
    assert in_clear(env, ["Gzqvwkpt", "Hwqzkvxp"]) == []
    assert pyrage.decrypt((drafts / "week.toml").read_bytes(),
                          [identity(env)]).decode() == clear
    assert run_process("encrypt", "off", env=env).returncode == 0
    assert (drafts / "week.toml").read_text() == clear
    assert (drafts / "note.md").read_text() == "Typed before Hwqzkvxp"


def test_check_names_a_damaged_encrypted_text(home: Path, tmp_path: Path) -> None:
    env = setup(home, tmp_path)
    for args in (["ask", "Wqzkvxpl sealed question", "--private"],
                 ["note", "Zqvxkwpl sealed note", "--confidential"]):
        assert run_process(*args, env=env).returncode == 0
    assert run_process("check", env=env).returncode == 0
    questions = home / "questions.toml"
    data = questions.read_text()
    armor = tomllib.loads(data)["questions"][0]["text"]
    # Damaged armor (its END line lost; letters that are not base64): reported with and
    # without the key.
    broken = armor.split("-----END")[0].replace("\n", "\\n")
    questions.write_text(data.replace(armor.replace("\n", "\\n"), broken))
    [note] = (home / "notes").glob("*.md")
    text = note.read_text()
    body = text.split("+++\n", 2)[2]
    lines = body.split("\n")
    lines[-3] = "!!" + lines[-3][2:]  # the last line of base64 before the END line
    note.write_text(text.replace(body, "\n".join(lines)))
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    for extra in ({}, {"MENTORLOG_IDENTITY": str(tmp_path / "no-key")}):
        result = run_process("check", env={**env, **extra})
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert re.search(rf"^{re.escape(str(questions))}: q1 text: damaged age message",
                         result.stderr, re.M), result.stderr
        assert re.search(rf"^{re.escape(str(note))}: body: damaged age message",
                         result.stderr, re.M), result.stderr
        assert "2 problem(s)" in result.stderr
        # read commands still show it as [encrypted], exit 0
        log = run_process("log", env={**env, **extra})
        assert log.returncode == 0 and "[encrypted]" in log.stdout
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before


def test_check_names_a_text_the_key_cannot_open(home: Path, tmp_path: Path) -> None:
    """An age message whose armor is whole but that the key cannot decrypt (a changed
    payload, or encrypted to another key only) is a problem where the key is, not where
    there is none."""
    env = setup(home, tmp_path)
    assert run_process("ask", "Wqzkvxpl sealed question", "--private", env=env).returncode == 0
    other = str(pyrage.x25519.Identity.generate().to_public())
    foreign = pyrage.encrypt(b"someone else's", [pyrage.x25519.Recipient.from_str(other)],
                             armored=True).decode()
    questions = home / "questions.toml"
    data = questions.read_text()
    armor = tomllib.loads(data)["questions"][0]["text"]
    questions.write_text(data.replace(armor.replace("\n", "\\n"), foreign.replace("\n", "\\n")))
    result = run_process("check", env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{questions}: q1 text: cannot be decrypted with" in result.stderr
    without = run_process("check", env={**env, "MENTORLOG_IDENTITY": str(tmp_path / "no")})
    assert without.returncode == 0, without.stderr


def test_encrypt_init_prints_the_key_whole_at_60_columns(home: Path, tmp_path: Path) -> None:
    env = {"MENTORLOG_HOME": str(home), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "COLUMNS": "60"}
    assert run_process(*INIT_ARGS, env=env).returncode == 0
    made = run_process("encrypt", "init", "--no-input", env=env)
    assert made.returncode == 0
    key = (tmp_path / "config" / "mentorlog" / "identity.txt.pub").read_text().strip()
    assert key in made.stdout.splitlines()  # a line of its own, never folded
    assert os.environ.get("COLUMNS") == "100"  # the run above had its own width


@given(st.sampled_from(["week", "goals review", "end"]),
       st.none() | st.dates(date(2000, 1, 1), date(2100, 1, 1)),
       st.dictionaries(st.text(min_size=1), st.text()),
       st.sampled_from(["normal", "private", "confidential"]))
def test_a_draft_with_its_level_reads_back(command: str, day: date | None,
                                           answers: dict[str, str], privacy: str) -> None:
    draft = Draft(command, day, answers, privacy)
    data = dump_toml_data(draft_to_dict(draft))
    assert draft_from_dict(parse_toml(data, "d")) == draft
    # a normal draft is written as before the key existed: older versions read it
    assert ("privacy" in tomllib.loads(data)) == (privacy != "normal")


def test_a_meeting_that_repeats_private_text_is_sealed(home: Path, tmp_path: Path) -> None:
    """The meeting after a private one prints "t2: <the private task>" in its body, the
    questions it answered and the follow-ups it closed: never in clear on disk."""
    env = setup(home, tmp_path)
    secret = {"task": "Tzqkvwxp bvlrmo", "question": "Qzwkvxpm ytrhjg",
              "watch": "Wzqkvxpn cdfeuq"}  # nonsense: no 8 letters of them are elsewhere

    def ok(*args: str, now: str) -> None:
        done = run_process(*args, env={**env, "MENTORLOG_NOW": now})
        assert done.returncode == 0, (args, done.stderr)

    ok("ask", secret["question"], "--private", now="2026-11-25T10:00:00+01:00")
    ok("week", "--no-input", "--date", "2026-12-01", "--private", "--task-status", "done",
       "--next-task", secret["task"], "--mentor-watch", secret["watch"],
       now="2026-12-01T19:10:00+01:00")
    ok("week", "--no-input", "--date", "2026-12-08", "--task-status", "done",
       "--next-task", "A normal task", "--answer", "q1=answered at a normal meeting",
       "--followup-done", "o1=done at a normal meeting", now="2026-12-08T19:10:00+01:00")
    normal = home / "meetings" / "2026-12-08.md"
    assert "privacy" not in normal.read_text().split("+++")[1]  # a normal meeting
    assert in_clear(env, list(secret.values())) == []
    shown = run_process("show", "2026-12-08", env=env).stdout
    assert all(text in shown for text in secret.values()), shown
    # Nothing waits: `encrypt status` counts it with the level it is sealed at.
    status = run_process("encrypt", "status", env=env).stdout
    assert "Waiting" not in status, status
    # The shared outputs still show the normal meeting, without the private texts.
    export = run_process("export", "--format", "md", env=env)
    assert "A normal task" in export.stdout
    assert not any(text in export.stdout for text in secret.values())


def test_check_ins_are_sealed_and_opened_with_the_rest(home: Path, tmp_path: Path) -> None:
    env = setup(home, tmp_path)
    checkins = home / "checkins.toml"
    assert run_process("checkin", "--no-input", "--working", "4", "--time", "right",
                       "--boundaries", "yes", "--keep", "Kzqvxwpl the walks",
                       env=env).returncode == 0
    assert b"Kzqvxwpl" not in checkins.read_bytes()
    status = run_process("encrypt", "status", "--json", env=env).stdout
    assert '"check-ins": 1' in status
    assert run_process("encrypt", "off", env=env).returncode == 0
    assert b"Kzqvxwpl" in checkins.read_bytes() and b"BEGIN AGE" not in checkins.read_bytes()
    assert run_process("config", "set", "encrypt", "private", env=env).returncode == 0
    waiting = run_process("encrypt", "status", env=env).stdout
    assert "1 check-in to encrypt" in " ".join(waiting.split())
    assert run_process("encrypt", "apply", env=env).returncode == 0
    assert b"Kzqvxwpl" not in checkins.read_bytes()


def test_an_outcome_given_at_a_private_meeting_is_sealed(home: Path, tmp_path: Path) -> None:
    """A normal follow-up closed at a private meeting: its outcome was said there, so it is
    as private as that meeting (the export already leaves it out), on disk too."""
    env = setup(home, tmp_path)
    for args, now in ((["week", "--no-input", "--date", "2026-12-01", "--task-status", "done",
                        "--next-task", "A normal task", "--mentor-watch", "A normal cfp"],
                       "2026-12-01T19:10:00+01:00"),
                      (["week", "--no-input", "--date", "2026-12-08", "--private",
                        "--task-status", "done", "--next-task", "Another task",
                        "--followup-done", "o1=Okzqvxwp ghbnml"], "2026-12-08T19:10:00+01:00")):
        done = run_process(*args, env={**env, "MENTORLOG_NOW": now})
        assert done.returncode == 0, done.stderr
    assert in_clear(env, ["Okzqvxwp ghbnml"]) == []
    row = tomllib.loads((home / "opportunities.toml").read_text())["followups"][0]
    assert row["text"] == "A normal cfp" and row["sealed"] == ["outcome"]
    assert "Okzqvxwp ghbnml" in run_process("followup", "--all", env=env).stdout
    status = run_process("encrypt", "status", env=env).stdout
    assert "Waiting" not in status, status


READ_COMMANDS = (
    ["status"], ["agenda"], ["agenda", "--format", "md", "--include-private",
                             "--include-confidential"], ["agenda", "--json"], ["remind"],
    ["goals"], ["goals", "--json"], ["goals", "--timeline"], ["skills"], ["task"],
    ["task", "history"], ["followup", "--all"], ["followup", "--json"], ["log"],
    ["log", "--json"], ["log", "--grep", "zqvx"], ["show", "n1"], ["show", "q1"],
    ["show", "t2"], ["show", "2026-12-01"], ["schedule"], ["contact"], ["gap"], ["helped"],
    ["checkin", "--json"], ["people"], ["report"], ["report", "--json"], ["checklist"],
    ["config", "list"], ["agreement"], ["mentorships"], ["check"], ["encrypt", "status"],
    *(["export", "--format", f, "--include-private", "--include-confidential"]
      for f in ("md", "json", "html", "ics")),
)


def test_every_read_command_without_the_key(home: Path, tmp_path: Path) -> None:
    """A machine with the journal but not its key: every read command exits 0, shows
    [encrypted] where the text is, and never a piece of it."""
    env = setup(home, tmp_path)
    secret = ["Nzqvxwkp bdfgrl", "Azqvxwkp tyhjmo", "Mzqvxwkp cveurn", "Tzqvxwkp ilobaq",
              "Czqvxwkp sduemf"]  # nonsense: no 8 letters of them come up otherwise
    for args, now in ((["note", secret[0], "--private"], "2026-11-26T10:00:00+01:00"),
                      (["ask", secret[1], "--confidential"], "2026-11-26T11:00:00+01:00"),
                      (["week", "--no-input", "--date", "2026-12-01", "--private",
                        "--task-status", "done", "--went-well", secret[2],
                        "--next-task", secret[3], "--mentor-watch", "Wzqvxwkp"],
                       "2026-12-01T19:10:00+01:00"),
                      (["checkin", "--no-input", "--working", "4", "--time", "right",
                        "--boundaries", "yes", "--keep", secret[4]],
                       "2026-12-02T10:00:00+01:00")):
        done = run_process(*args, env={**env, "MENTORLOG_NOW": now})
        assert done.returncode == 0, (args, done.stderr)
    without = {**env, "MENTORLOG_IDENTITY": str(tmp_path / "no-key.txt"),
               "MENTORLOG_NOW": "2026-12-03T10:00:00+01:00", "COLUMNS": "60"}
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    for args in READ_COMMANDS:
        shown = run_process(*args, env=without)
        assert shown.returncode == 0, (args, shown.stdout, shown.stderr)
        assert "Traceback" not in shown.stderr, (args, shown.stderr)
        words = shown.stdout.lower()
        assert not [p for t in secret for p in pieces(t) if p.lower() in words], args
    assert "[encrypted]" in run_process("log", env=without).stdout
    assert "[encrypted]" in run_process("show", "2026-12-01", env=without).stdout
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before


def test_encryption_needs_a_key_to_encrypt_to(run, home: Path) -> None:
    """`config set encrypt private` before `encrypt init` used to be accepted, and then every
    private entry was refused; now the setting is refused, with what to run."""
    assert run(*INIT_ARGS).exit_code == 0
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    refused = run("config", "set", "encrypt", "private")
    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1
    assert refused.stderr.startswith("Error: ") and "mentorlog encrypt init" in refused.stderr
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before
    assert run("encrypt", "init", "--no-input").exit_code == 0
    assert run("config", "set", "encrypt", "private").exit_code == 0
    for args in (["config", "set", "encrypt_to", ""], ["config", "unset", "encrypt_to"]):
        assert run(*args).exit_code == 1, args
    assert run("config", "set", "editor", "nano").exit_code == 0  # other settings as before
    assert run("note", "Pzqkvxwl", "--private").exit_code == 0


@pytest.mark.skipif(not shutil.which("age"), reason="the age command line is not installed")
def test_the_documented_age_commands_decrypt(home: Path, tmp_path: Path) -> None:
    """docs/sharing.md's "Decrypting by hand" lines, run as written (in the data folder, the
    key's path and the file names put in): the note's body and a task's text come back."""
    import subprocess

    env = setup(home, tmp_path)
    for args, now in ((["note", "Dzqkvxwp body line", "--private"], "2026-11-26T10:00:00+01:00"),
                      (["week", "--no-input", "--date", "2026-12-01", "--private",
                        "--task-status", "done", "--next-task", "Ezqkvxwp the task"],
                       "2026-12-01T19:10:00+01:00")):
        assert run_process(*args, env={**env, "MENTORLOG_NOW": now}).returncode == 0
    docs = (Path(__file__).parent.parent / "docs" / "sharing.md").read_text()
    key = Path(env["XDG_CONFIG_HOME"]) / "mentorlog" / "identity.txt"
    sed = next(line for line in docs.splitlines() if line.startswith("sed -n '/^-----BEGIN"))
    python = re.search(r"\(`(python3 -c .*? > t2\.age)`\)", docs)
    assert python, "the python3 line of docs/sharing.md"
    [note] = (home / "notes").glob("*.md")
    shell = {"cwd": home, "capture_output": True, "text": True, "check": True}
    body = subprocess.run(["bash", "-c", sed.replace("notes/2026-11-25-note.md",
                                                     f"notes/{note.name}").replace(
        "~/.config/mentorlog/identity.txt", str(key))], **shell).stdout
    assert body.strip() == "Dzqkvxwp body line"
    subprocess.run(["bash", "-c", python.group(1)], **shell)
    task = subprocess.run(["age", "-d", "-i", str(key), "t2.age"], **shell).stdout
    assert task == "Ezqkvxwp the task"


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.dictionaries(st.text(min_size=1, max_size=20),
                               st.text(st.characters(blacklist_categories=("Cs",)),
                                       max_size=80), max_size=4),
       privacy=st.sampled_from(["normal", "private", "confidential"]))
def test_a_sealed_draft_reads_back(tmp_path: Path, answers: dict[str, str],
                                   privacy: str) -> None:
    """load(save(x)) == x for a draft saved while encryption is on: the file is one age
    message (emoji, quotes, +++ and \"\"\" included) and no answer is in it in clear."""
    from mentorlog.cli.drafts import load
    from mentorlog.storage.formats import WEEK_DRAFT
    from mentorlog.storage.store import Store

    with sealed_store(tmp_path, "private") as store:
        draft = Draft("week", date(2026, 12, 1), answers, privacy)
        with store.lock():
            store.save(WEEK_DRAFT, draft)
        raw = (store.root / "drafts" / "week.toml").read_text()
        assert raw.startswith(ARMOR) and raw.strip().endswith("-----END AGE ENCRYPTED FILE-----")
        assert load(Store(store.root), WEEK_DRAFT) == draft

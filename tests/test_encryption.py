"""Encryption at rest (issue 16): private and confidential entries sealed with age, synced to
a remote, and never found in clear in the data folder, the caches or the remote; shown in
clear where the key is, as [encrypted] where it is not; decryptable with pyrage itself and
the `age` command line."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import INIT_ARGS, run_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from machines import Machine as OneMachine
from machines import bare_remote
from sealed_store import sealed_store

pyrage = pytest.importorskip("pyrage")

ARMOR = "-----BEGIN AGE ENCRYPTED FILE-----"

# Distinctive texts: nonsense words, so an 8-character piece of one is found nowhere else.
TEXTS = {
    "private_note": "Wqzkvrpl xjtmnbqe hzvoyfuk",
    "conf_note": "Gyvuwqhl pzcbnroj tfkeqxam",
    "question": "Brvqzoxt lwejkqdu ymncfhpg",
    "answer": "Jhqzplwx vnkrbtue daqmcyso",
    "went_well": "Kxcvbqzp nmyrtwol ujgefhsd",
    "notes": "Pqlzkwvx tbrnmyeo chfjgsdu",
    "task": "Fwzqxkvj lyprmbto segnuhcd",
    "watch": "Mzxqvkjw bpltoryn dfeuacgh",
    "todo": "Vjqzxwkp rymlobtn ecsghuda",
    "where": "Qzvxkwjp ycbnmtrl",
    "goal": "Xwqjzkvp hbtlrmny gsuoeadc",
}
PIECE = 8


def pieces(text: str) -> set[str]:
    return {text[i:i + PIECE] for i in range(len(text) - PIECE + 1)}


def leaks(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace")
    lowered = text.lower()
    return [p for t in TEXTS.values() for p in pieces(t) if p.lower() in lowered]


class Machine(OneMachine):
    def run(self, *args: str, now: str | None = None,
            **env: str) -> subprocess.CompletedProcess[str]:
        result = super().run(*args, now=now, **env)
        assert "Traceback" not in result.stderr, result.stderr
        return result

    @property
    def identity(self) -> Path:
        return self.config / "mentorlog" / "identity.txt"


def all_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def git_objects(repo: Path) -> bytes:
    return subprocess.run(["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch"],
                          check=True, capture_output=True).stdout


def write_everything(m: Machine) -> None:
    m.ok("note", TEXTS["private_note"], "--private", now="2026-11-26T10:00:00+01:00")
    m.ok("note", TEXTS["conf_note"], "--confidential", now="2026-11-26T11:00:00+01:00")
    m.ok("ask", TEXTS["question"], "--confidential", now="2026-11-26T12:00:00+01:00")
    m.ok("week", "--no-input", "--date", "2026-12-01", "--private", "--task-status", "done",
         "--went-well", TEXTS["went_well"], "--notes", TEXTS["notes"],
         "--next-task", TEXTS["task"], "--mentor-watch", TEXTS["watch"],
         "--todo", TEXTS["todo"], "--where", TEXTS["where"],
         "--answer", f"q1={TEXTS['answer']}", "--goal", f"g1={TEXTS['goal']}",
         now="2026-12-01T19:10:00+01:00")


@pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")
def test_sealed_everywhere_and_shown_in_clear(tmp_path: Path) -> None:
    bare = bare_remote(tmp_path)
    m = Machine(tmp_path, "a")
    m.ok(*INIT_ARGS, now="2026-11-25T20:00:00+01:00")
    m.ok("sync", "--init", str(bare))
    out = m.ok("encrypt", "init", "--no-input")
    recipient = re.search(r"age1[0-9a-z]{58}", out)
    assert recipient and "Back it up" in out
    assert m.identity.stat().st_mode & 0o777 == 0o600
    assert not list(m.home.rglob("identity*"))  # never in the data folder
    m.ok("config", "set", "encrypt", "private")
    write_everything(m)
    for _ in range(2):  # every read command, twice: the second run reads its caches
        for args in (["log"], ["log", "--grep", "xjtmnbqe"], ["agenda"], ["status"],
                     ["show", "t2"], ["task", "history"], ["schedule"], ["remind"]):
            m.ok(*args)
    m.ok("sync")

    # Nothing in clear: the data folder, the caches, every object of both repositories.
    for path in [*all_files(m.home), *all_files(m.cache)]:
        assert not leaks(path.read_bytes()), path
    assert not leaks(git_objects(bare))
    assert not leaks(git_objects(m.home))
    assert not [p for p in all_files(m.home) if leaks(str(p).encode())]  # nor in a name

    # What needs no key stays in clear: the meeting's date, privacy and ids.
    meta = tomllib.loads((m.home / "meetings" / "2026-12-01.md").read_text().split("+++")[1])
    assert meta["privacy"] == "private" and meta["new_task"] == "t2"
    assert meta["sealed"] == ["where", "body"]

    # Shown in clear where the key is.
    log = m.ok("log")
    for key in ("private_note", "conf_note", "question", "task"):
        assert TEXTS[key].split()[0] in log, key
    assert "xjtmnbqe" in m.ok("log", "--grep", "XJTMNBQE").lower()
    meeting = m.ok("show", "2026-12-01")
    for key in ("went_well", "notes", "task", "watch", "todo", "goal"):
        assert TEXTS[key] in meeting, key
    assert TEXTS["goal"].split()[0] in m.ok("goals")
    assert TEXTS["task"] in m.ok("show", "t2")
    agenda = m.ok("agenda")
    for key in ("watch", "todo", "where"):
        assert TEXTS[key] in agenda, key
    confidential = m.ok("export", "--format", "md", "--include-confidential")
    assert TEXTS["conf_note"].split()[0] in confidential
    assert TEXTS["question"] in confidential
    everything = m.ok("export", "--format", "md", "--include-confidential", "--include-private")
    for key in ("private_note", "conf_note", "question", "went_well", "task", "watch"):
        assert TEXTS[key].split()[0] in everything, key

    # The files decrypt with pyrage's own decrypt, and with `age -d -i KEY`.
    secret = next(line for line in m.identity.read_text().splitlines()
                  if line.startswith("AGE-SECRET-KEY-"))
    identity = pyrage.x25519.Identity.from_str(secret)
    tasks = tomllib.loads((m.home / "tasks.toml").read_text())["tasks"]
    t2 = next(t for t in tasks if t["id"] == "t2")
    assert t2["sealed"] == ["text"]
    assert pyrage.decrypt(t2["text"].encode(), [identity]).decode() == TEXTS["task"]
    body = (m.home / "meetings" / "2026-12-01.md").read_text().split("+++\n", 2)[2]
    assert TEXTS["went_well"] in pyrage.decrypt(body.encode(), [identity]).decode()
    if shutil.which("age"):
        (tmp_path / "t2.age").write_text(t2["text"])
        clear = subprocess.run(["age", "-d", "-i", str(m.identity), str(tmp_path / "t2.age")],
                               check=True, capture_output=True, text=True).stdout
        assert clear == TEXTS["task"]

    # A second machine that synced but has no key: every read exits 0 with [encrypted].
    b = Machine(tmp_path, "b", identity=tmp_path / "no-key-here.txt")
    subprocess.run(["git", "clone", "-q", str(bare), str(b.home)], check=True)
    for args in (["log"], ["agenda"], ["status"], ["show", "t2"], ["show", "2026-12-01"],
                 ["task", "history"], ["schedule"], ["remind"], ["encrypt", "status"],
                 ["export", "--format", "md", "--include-private", "--include-confidential"],
                 ["export", "--format", "json", "--include-private", "--include-confidential"],
                 ["export", "--format", "html", "--include-private", "--include-confidential"],
                 ["export", "--format", "ics"], ["log", "--json"], ["check"], ["goals"],
                 ["goals", "--json"], ["agenda", "--json"], ["status", "--json"],
                 ["agenda", "--format", "md", "--include-private", "--include-confidential"],
                 ["checklist"], ["config", "list"], ["agreement"], ["mentorships"]):
        shown = b.run(*args)
        assert shown.returncode == 0, (args, shown.stdout, shown.stderr)
        assert not leaks(shown.stdout.encode()), args
    assert "[encrypted]" in b.ok("log")
    assert "[encrypted]" in b.ok("show", "t2")
    assert "[encrypted]" in b.ok("agenda")
    grep = b.run("log", "--grep", "xjtmnbqe")
    assert grep.returncode == 0
    assert re.search(r"\d+ encrypted entr(y|ies) could not be searched", grep.stderr)
    assert "Key: none on this machine" in b.ok("encrypt", "status")


def init_with_key(run, home: Path) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    assert run("encrypt", "init", "--no-input").exit_code == 0
    assert run("config", "set", "encrypt", "private").exit_code == 0


def test_level_confidential_seals_only_confidential(run, home: Path) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    assert run("encrypt", "init", "--no-input").exit_code == 0
    assert run("config", "set", "encrypt", "confidential").exit_code == 0
    assert run("ask", "Yqzvxkpl private question", "--private").exit_code == 0
    assert run("ask", "Hzqvxkpw confidential question", "--confidential").exit_code == 0
    text = (home / "questions.toml").read_text()
    assert "Yqzvxkpl" in text and "Hzqvxkpw" not in text
    shown = run("log")
    assert "Yqzvxkpl" in shown.stdout and "Hzqvxkpw" in shown.stdout


def test_apply_and_off_are_whole(run, home: Path) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    assert run("note", "Qwzxv plain before\nbody", "--private").exit_code == 0
    assert run("ask", "Plmqz asked before", "--private").exit_code == 0
    before = {p: p.read_bytes() for p in home.rglob("*.md")}
    assert any(b"Qwzxv" in data for data in before.values())
    # Turning on says what waits; apply seals it and moves the note's name off its title.
    assert run("encrypt", "init", "--no-input").exit_code == 0
    assert run("config", "set", "encrypt", "private").exit_code == 0
    assert "to encrypt" in run("encrypt", "status").stdout
    assert run("encrypt", "apply").exit_code == 0
    assert not [p for p in home.rglob("*") if p.is_file() and b"Qwzxv" in p.read_bytes()]
    assert not [p for p in home.rglob("*") if "qwzxv" in p.name]
    assert b"Plmqz" not in (home / "questions.toml").read_bytes()
    assert "Qwzxv" in run("log").stdout
    status = json.loads(run("encrypt", "status", "--json").stdout)
    assert status["encrypted"] == {"notes": 1, "questions": 1} and status["to_encrypt"] == {}
    # Off: everything back in clear, the level off.
    assert run("encrypt", "off").exit_code == 0
    assert b"Plmqz" in (home / "questions.toml").read_bytes()
    assert not [p for p in home.rglob("*") if p.is_file() and b"BEGIN AGE" in p.read_bytes()]
    assert run("config", "get", "encrypt").stdout.strip() == "off"


def test_without_the_key_nothing_is_lost_by_a_write(run, home: Path, monkeypatch) -> None:
    init_with_key(run, home)
    assert run("ask", "Vbnzq sealed question", "--private").exit_code == 0
    assert run("ask", "An open question").exit_code == 0
    sealed = tomllib.loads((home / "questions.toml").read_text())["questions"][0]["text"]
    monkeypatch.setenv("MENTORLOG_IDENTITY", str(home.parent / "missing.txt"))
    # A write to the same file keeps the sealed text as it was.
    assert run("answer", "q2", "answered without the key").exit_code == 0
    assert tomllib.loads((home / "questions.toml").read_text())["questions"][0]["text"] == sealed
    # encrypt off cannot decrypt: one Error line, exit 1, nothing changed.
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    off = run("encrypt", "off")
    assert off.exit_code == 1 and off.stderr.startswith("Error: ")
    assert off.stderr.count("\n") == 1
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == before
    monkeypatch.delenv("MENTORLOG_IDENTITY")
    assert "Vbnzq" in run("log").stdout


def test_passphrase_key_and_wrong_passphrase(run, home: Path, tmp_path: Path) -> None:
    """A protected key, made as `encrypt init` makes one with a passphrase: a wrong
    passphrase is one Error line; the right one opens the text (asked once)."""
    from mentorlog.storage.crypto import Keyring, create_identity, forget_keys, seal

    key = tmp_path / "protected.txt"
    recipient = create_identity(key, "correct horse", datetime(2026, 1, 1))
    assert key.read_text().startswith(ARMOR)  # age's scrypt: `age -d -i` asks for it too
    armor = seal("Zqxvw secret", [recipient])
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return "correct horse"

    os.environ["MENTORLOG_IDENTITY"] = str(key)
    try:
        keyring = Keyring(ask)
        assert keyring.open(armor) == "Zqxvw secret"
        assert keyring.open(armor) == "Zqxvw secret"
        assert len(asked) == 1
        from mentorlog.core.errors import MentorlogError

        forget_keys()
        with pytest.raises(MentorlogError, match="wrong passphrase"):
            Keyring(lambda prompt: "wrong").open(armor)
        forget_keys()
        assert Keyring(None).open(armor) is None  # nobody to ask: as without a key
        assert Keyring(ask).open("-----BEGIN AGE ENCRYPTED FILE-----\nbroken\n") is None
    finally:
        del os.environ["MENTORLOG_IDENTITY"]
        forget_keys()


def test_never_fewer_recipients(run, home: Path) -> None:
    init_with_key(run, home)
    other = str(pyrage.x25519.Identity.generate().to_public())
    assert run("encrypt", "init", "--recipient", other).exit_code == 0
    assert run("ask", "Kqzvx two keys", "--private").exit_code == 0
    mine = run("config", "get", "encrypt_to").stdout.split()[0]
    assert run("config", "set", "encrypt_to", mine).exit_code == 0
    before = (home / "questions.toml").read_bytes()
    changed = run("answer", "q1", "now with one key")
    assert changed.exit_code == 1 and "never encrypts to fewer" in changed.stderr
    assert (home / "questions.toml").read_bytes() == before


def test_a_key_inside_the_data_folder_is_refused(run, home: Path) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    inside = run("encrypt", "init", "--no-input",
                 env={"MENTORLOG_IDENTITY": str(home / "key.txt")})
    assert inside.exit_code == 1 and inside.stderr.startswith("Error: ")
    assert not (home / "key.txt").exists()


def test_bad_recipient_is_a_usage_error(run, home: Path) -> None:
    assert run(*INIT_ARGS).exit_code == 0
    result = run("encrypt", "init", "--no-input", "--recipient", "age1nope")
    assert result.exit_code == 2
    assert run("config", "set", "encrypt", "sometimes").exit_code == 1


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_text, outcome=_text, privacy=st.sampled_from(["normal", "private",
                                                             "confidential"]))
def test_sealed_question_round_trip(tmp_path: Path, text: str, outcome: str,
                                    privacy: str) -> None:
    """load(save(x)) == x for a sealed record, emoji, quotes, +++ and \"\"\" included; the file
    holds the text only when its level is not sealed."""
    from datetime import date

    from mentorlog.core.questions import ParkedQuestion, QuestionBook
    from mentorlog.storage.formats import QUESTIONS
    from mentorlog.storage.store import Store

    with sealed_store(tmp_path, "confidential") as store:
        book = QuestionBook((ParkedQuestion("q1", text, date(2026, 11, 24), "answered",
                                            date(2026, 11, 25), outcome, privacy),), 2)
        with store.lock():
            store.save(QUESTIONS, book)
        assert Store(store.root).load(QUESTIONS) == book
        raw = tomllib.loads((store.root / "questions.toml").read_text())["questions"][0]
        if privacy == "confidential" and text:
            assert raw["text"].startswith(ARMOR) and "text" in raw["sealed"]
        else:
            assert raw.get("text", "") == text


@settings(max_examples=25, deadline=None)
@given(text=_text)
def test_seal_open_round_trip(text: str) -> None:
    from mentorlog.storage import crypto

    identity = pyrage.x25519.Identity.generate()
    armor = crypto.seal(text, [str(identity.to_public())])
    assert crypto.is_armored(armor) and crypto.recipients_in(armor) == 1
    assert pyrage.decrypt(armor.encode(), [identity]).decode() == text


def test_passphrase_in_a_terminal(home: Path, tmp_path: Path) -> None:
    """`encrypt init` in a terminal asks a passphrase twice; a command that shows encrypted
    text asks for it once; a wrong one is one Error line and exit 1; `age` reads the key
    file (an age-encrypted identity) with the same passphrase."""
    from reliability.support import Terminal

    assert run_process(*INIT_ARGS).returncode == 0
    made = Terminal(home, "encrypt", "init")
    made.answer("Passphrase for the new key (empty: none): ", "Tqzv horse")
    made.answer("The same passphrase again: ", "Tqzv horse")
    assert made.wait() == 0, made.transcript
    assert "Tqzv" not in made.transcript  # typed without echo
    key = Path(os.environ["XDG_CONFIG_HOME"]) / "mentorlog" / "identity.txt"
    assert key.read_text().startswith(ARMOR)
    assert b"AGE-SECRET-KEY-" in pyrage.passphrase.decrypt(key.read_bytes(), "Tqzv horse")
    for args in (["config", "set", "encrypt", "private"],
                 ["note", "Hqzvx kept secret\nbody", "--private"],
                 ["ask", "Yzqxw parked secret", "--private"]):
        assert run_process(*args).returncode == 0  # writing needs no passphrase
    shown = Terminal(home, "log")
    shown.answer("Passphrase for ", "Tqzv horse")
    assert shown.wait() == 0, shown.transcript
    assert "Hqzvx kept secret" in shown.transcript and "Yzqxw parked secret" in shown.transcript
    assert shown.transcript.count("Passphrase for ") == 1
    wrong = Terminal(home, "log")
    wrong.answer("Passphrase for ", "not it")
    assert wrong.wait() == 1
    errors = [line for line in wrong.transcript.splitlines() if "Error:" in line]
    assert len(errors) == 1 and "wrong passphrase" in errors[0], wrong.transcript
    assert "Traceback" not in wrong.transcript
    # Without a terminal to ask in (cron, a pipe): [encrypted], exit 0, and why on stderr.
    piped = run_process("log")
    assert piped.returncode == 0 and "[encrypted]" in piped.stdout
    assert "no terminal to ask it in" in piped.stderr and "Hqzvx" not in piped.stdout


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_text, body=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
       .map(lambda b: b + "\n+++\n\"\"\"\n## Notes\n🔒"),
       privacy=st.sampled_from(["normal", "private", "confidential"]))
def test_sealed_note_round_trip(tmp_path: Path, title: str, body: str, privacy: str) -> None:
    """A note saved with `encrypt = private` reads back equal, its body and title sealed
    when it is private or confidential (and never in the file)."""
    from mentorlog.core.notes import Note
    from mentorlog.storage.codecs.notes import note_from_doc, note_to_doc
    from mentorlog.storage.store import Store

    with sealed_store(tmp_path, "private") as store:
        note = Note(created=datetime(2026, 11, 24, 17, tzinfo=UTC), title=title,
                    body=body, privacy=privacy, id="n1")
        with store.lock():
            store.save_doc("notes/2026-11-24-note.md", note_to_doc(note))
        fresh = Store(store.root)
        assert note_from_doc(fresh.load_doc("notes/2026-11-24-note.md")) == note
        raw = (store.root / "notes" / "2026-11-24-note.md").read_text()
        if privacy != "normal":
            assert "🔒" not in raw and ARMOR in raw
        else:
            assert ARMOR not in raw


@pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")
def test_two_machines_with_one_key_merge_sealed_records(tmp_path: Path) -> None:
    """The key copied to a second machine: private questions parked on both are merged record
    by record (sealed fields are strings to the merge driver), read in clear on both, and an
    unchanged sealed text keeps its bytes, so syncing twice changes nothing."""
    bare = bare_remote(tmp_path)
    a = Machine(tmp_path, "a")
    a.ok(*INIT_ARGS, now="2026-11-25T20:00:00+01:00")
    a.ok("encrypt", "init", "--no-input")
    a.ok("config", "set", "encrypt", "private")
    a.ok("sync", "--init", str(bare))
    b = Machine(tmp_path, "b", identity=a.identity)  # the same key file
    b.ok("sync", "--init", str(bare))
    a.ok("ask", "Qzxvkw asked on a", "--private")
    b.ok("ask", "Wkzqvx asked on b", "--confidential")
    for m in (a, b, a):
        m.ok("sync")
    for m in (a, b):
        log = m.ok("log")
        assert "Qzxvkw asked on a" in log and "Wkzqvx asked on b" in log
        assert b"Qzxvkw" not in (m.home / "questions.toml").read_bytes()
    before = (a.home / "questions.toml").read_bytes()
    a.ok("answer", "q1", "answered on a")  # another record changes; q2 keeps its bytes
    sealed_q2 = tomllib.loads(before.decode())["questions"][1]["text"]
    after = tomllib.loads((a.home / "questions.toml").read_text())["questions"]
    assert after[1]["text"] == sealed_q2
    a.ok("sync")
    objects = git_objects(bare)
    assert b"Qzxvkw" not in objects and b"Wkzqvx" not in objects and b"answered on" not in objects

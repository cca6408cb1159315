"""Which text is stored encrypted, at the storage boundary: a codec's dict or document is
sealed on its way to the file and opened on its way back, so core stays pure and every
command gets it (docs/sharing.md#encryption-at-rest).

With `encrypt = private` (private and confidential) or `encrypt = confidential`, the free
text of every record at that level is replaced by an ASCII-armored age message, and the
record lists which fields are sealed (`sealed = ["text", "outcome"]`); a document's
sealed body is the armor itself. Dates, kinds, privacy levels, ids and statuses stay in
clear: commands list and count with them without a key. A record's level is its own, or
the meeting's it came from (core/privacy.py): a task set at a private meeting is private,
its outcome as private as the meeting that reviewed it; the retrospective counts as
private.

Without a key a sealed field reads as PLACEHOLDER; the armor is kept, so a record changed
on that machine is written back with its sealed text untouched. An unchanged text keeps
its armor (no new ciphertext on every save, no needless sync conflicts), and a text is
never sealed again to fewer recipients than it had.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from msgspec.structs import replace

from mentorlog.core.errors import MentorlogError
from mentorlog.core.privacy import LEVELS, Inherited, inherited, stricter
from mentorlog.storage.documents import Document
from mentorlog.storage.specs import TomlFile

if TYPE_CHECKING:
    from mentorlog.core.meetings import Meeting
    from mentorlog.storage.crypto import Keyring

T = TypeVar("T")


class Files(Protocol):
    """What sealing reads of the store whose files it seals (storage/store.py's Store)."""

    def display(self, rel: str) -> str: ...
    def read_text(self, rel: str) -> str | None: ...
    def list_docs(self, folder: str) -> list[str]: ...
    def load(self, spec: TomlFile[T]) -> T: ...
    def load_doc(self, rel: str, opened: bool = True) -> Document: ...
    def summaries(self, folder: str, summarize: Callable[[str], Any],
                  kind: str) -> list[Any]: ...

PLACEHOLDER = "[encrypted]"
SEALED = "sealed"
BODY = "body"
# The levels each setting of `encrypt` seals.
SEALED_LEVELS = {"off": frozenset[str](), "confidential": frozenset({"confidential"}),
                 "private": frozenset({"private", "confidential"})}
# The free text of each TOML file: list of records -> its text fields.
TOML_TEXT: dict[str, dict[str, tuple[str, ...]]] = {
    "questions.toml": {"questions": ("text", "answer")},
    "tasks.toml": {"tasks": ("text", "outcome")},
    "opportunities.toml": {"followups": ("text", "outcome"),
                           "opportunities": ("text", "outcome")},
    "checkins.toml": {"checkins": ("keep", "change", "feedback")},
    "goals.toml": {},  # only what was said of a goal at a meeting: NESTED
}
# Records inside records: (file, list, inner list, its text fields). What was said of a goal
# at a weekly meeting is as private as that meeting (the meeting of its day).
NESTED = {"goals.toml": ("goals", "progress", ("text",))}
# The free text of each kind of document, besides its body.
DOC_TEXT: dict[str, tuple[str, ...]] = {
    "meetings": ("where", "reason"),
    "notes": ("title",),
    "retrospective.md": ("went_well", "could_improve", "next"),
}
MEETINGS_KIND = "meeting-privacy-2"  # the cache of what records inherit from meetings

Key = tuple[str, str, str]  # (file, record id or "", field)


def doc_kind(rel: str) -> str:
    if rel == "drafts/retrospective.md":  # kept by `reopen` for the next `end`: as private
        return "retrospective.md"
    return rel.split("/", 1)[0] if "/" in rel else rel


def level_setting(values: Any) -> str:
    return str(values.get("encrypt")) if hasattr(values, "get") else "off"


class Sealer:
    """The sealing of one store's files, for one run."""

    def __init__(self, store: Files) -> None:
        self.store = store
        self.ask: Callable[[str], str] | None = None  # asks for the key's passphrase
        self.notice: Callable[[str], None] | None = None  # a line on stderr
        self.fresh = False  # `encrypt apply`: seal every text again, to every recipient
        self.kept: dict[Key, tuple[str, str]] = {}  # what was opened -> (text, its armor)
        self.unopened: set[tuple[str, str]] = set()  # (file, id) shown as PLACEHOLDER
        self.opened = 0  # fields opened: a summary that opened one is not cached
        # (file, record id, field, why) of encrypted texts that did not open for another
        # reason than a missing key: `mentorlog check` reports them
        self.damaged: list[tuple[str, str, str, str]] = []
        self._keyring: Keyring | None = None
        self._policy: tuple[str, list[str]] | None = None
        self._inherited: Inherited | None = None
        self._meetings: dict[str, list[Any]] = {}  # meetings written in this run
        self._floors: dict[str, int] = {}  # file -> the most recipients a text of it had
        self._days: dict[str, str] = {}  # a day -> the level of its held meeting
        self._clear: dict[str, tuple[str, list[dict[str, Any]]]] = {}  # file -> (text, rows)
        self._answers: dict[str, str] = {}  # a question -> the level of the meeting it was
        # answered at (with _inherited)

    # --- settings ---------------------------------------------------------------------

    @property
    def keyring(self) -> Keyring:
        if self._keyring is None:
            from mentorlog.storage.crypto import Keyring

            self._keyring = Keyring(self.ask, self.notice)
        return self._keyring

    def policy(self) -> tuple[str, list[str]]:
        """(the `encrypt` setting, the recipients) from config.toml."""
        if self._policy is None:
            from mentorlog.storage.formats import CONFIG

            config = self.store.load(CONFIG)
            self._policy = (config.get("encrypt"), config.get("encrypt_to").split())
        return self._policy

    def forget(self) -> None:
        """config.toml or a meeting changed: read the settings and levels again."""
        self._policy = None
        self._inherited = None

    def sealed_levels(self) -> frozenset[str]:
        return SEALED_LEVELS.get(self.policy()[0], frozenset())

    def recipient_floor(self, name: str) -> int:
        """The most recipients a text of `name` opened in this run was encrypted to: none
        of its text is encrypted again to fewer."""
        return self._floors.get(name, 0)

    def note_stem(self, privacy: str, stem: str) -> str:
        """A note's file name without the words of its title when it is sealed: names are
        in clear, in the data folder and in git's trees (`2026-11-25-note`)."""
        return f"{stem[:10]}-note" if privacy in self.sealed_levels() else stem

    def expect_meeting(self, rel: str, meta: dict[str, Any]) -> None:
        """A meeting about to be written in this change: the tasks, follow-ups, answers and
        goal progress saved before it are sealed at its level (never written in clear first).
        A meeting saved without this still reseals what was saved before it (Store.save_doc)."""
        self.meeting_written(rel, meta)

    def meeting_written(self, rel: str, meta: dict[str, Any]) -> None:
        self._meetings[rel] = meeting_facts(meta)
        self._inherited = None

    def inherited(self) -> Inherited:
        """The levels tasks and follow-ups inherit from meetings, from their clear front
        matter (never opened: no key needed), and the meetings written in this run."""
        if self._inherited is None:
            from mentorlog.core.meetings import Meeting

            def facts(rel: str) -> list[Any]:
                return meeting_facts(self.store.load_doc(rel, opened=False).meta)

            found = dict(zip(self.store.list_docs("meetings"),
                             self.store.summaries("meetings", facts, MEETINGS_KIND),
                             strict=True))
            found.update(self._meetings)
            self._days = {rel.removeprefix("meetings/")[:10]: f[1] for rel, f in found.items()
                          if f[0] == "held"}
            meetings = [Meeting(day=date(2000, 1, 1), status=s, privacy=p, new_task=n, task=t,
                                opportunities=tuple(o), answered=tuple(a))
                        for s, p, n, t, o, a in found.values()]
            self._inherited = inherited(meetings)
            self._answers = {}
            for m in meetings:  # an answer typed at a private meeting is private
                for q in m.answered if m.held else ():
                    self._answers[q] = stricter(m.privacy, self._answers.get(q, "normal"))
        return self._inherited

    # --- TOML files -------------------------------------------------------------------

    def seal_toml(self, name: str, data: dict[str, Any]) -> dict[str, Any]:
        texts = TOML_TEXT.get(name)
        if texts is None:
            return data
        levels = self.sealed_levels()
        if not levels and not any(k[0] == name for k in self.kept):
            return data
        out = dict(data)
        for list_key, fields in texts.items():
            rows = data.get(list_key)
            if not isinstance(rows, list):
                continue
            sealed_rows = []
            for row in rows:
                if not isinstance(row, dict):
                    sealed_rows.append(row)
                    continue
                rid = str(row.get("id", ""))
                row = dict(row)
                sealed = []
                for field in fields:
                    value = row.get(field)
                    if not isinstance(value, str) or not value:
                        continue
                    level = self.record_level(name, row, field)
                    row[field] = self._seal_field((name, rid, field), value,
                                                  level in levels)
                    if row[field] is not value:
                        sealed.append(field)
                if sealed:
                    row[SEALED] = sealed
                sealed_rows.append(row)
            out[list_key] = sealed_rows
        if name in NESTED:
            out = self._seal_nested(name, out, levels)
        return out

    def _seal_nested(self, name: str, data: dict[str, Any],
                     levels: frozenset[str]) -> dict[str, Any]:
        outer, inner, fields = NESTED[name]
        rows = data.get(outer)
        if not isinstance(rows, list):
            return data
        days = self.day_levels() if levels else {}
        new_rows = []
        for row in rows:
            items = row.get(inner) if isinstance(row, dict) else None
            if not isinstance(items, list):
                new_rows.append(row)
                continue
            new_items = []
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    new_items.append(item)
                    continue
                item = dict(item)
                on = item.get("on")
                level = days.get(on.isoformat() if isinstance(on, date) else "", "normal")
                sealed = []
                for field in fields:
                    value = item.get(field)
                    if isinstance(value, str) and value:
                        item[field] = self._seal_field((name, f"{row.get('id', '')}/{i}", field),
                                                       value, level in levels)
                        if item[field] is not value:
                            sealed.append(field)
                if sealed:
                    item[SEALED] = sealed
                new_items.append(item)
            new_rows.append({**row, inner: new_items})
        return {**data, outer: new_rows}

    def day_levels(self) -> dict[str, str]:
        """The level of the held meeting of each day (YYYY-MM-DD)."""
        self.inherited()
        return self._days

    def record_level(self, name: str, row: dict[str, Any], field: str) -> str:
        rid = str(row.get("id", ""))
        if name == "checkins.toml":  # a check-in's own level: private when not given
            own = row.get("privacy", "private")
            return own if own in LEVELS else "private"
        if name == "questions.toml":
            own = row.get("privacy", "normal")
            own = own if own in LEVELS else "normal"
            if field == "answer":
                self.inherited()
                return stricter(own, self._answers.get(rid, "normal"))
            return own
        found = self.inherited()
        if name == "tasks.toml":
            level = found.task(rid)
            return stricter(level, found.outcomes.get(rid, "normal")) if field == "outcome" \
                else level
        if field == "outcome":  # as private as the meeting of the day it was closed (export too)
            on = row.get("closed_on")
            closed_at = self.day_levels().get(on.isoformat() if isinstance(on, date) else "",
                                              "normal")
            return stricter(found.followup(rid), closed_at)
        return found.followup(rid)

    def open_toml(self, name: str, data: Any) -> tuple[Any, int]:
        """The data with every sealed field opened, and how many records were sealed."""
        if not isinstance(data, dict) or name not in TOML_TEXT:
            return data, 0
        out = dict(data)
        count = 0
        for list_key, rows in data.items():
            if not isinstance(rows, list) or not any(
                    isinstance(r, dict) and SEALED in r for r in rows):
                continue
            opened_rows = []
            for row in rows:
                if isinstance(row, dict) and SEALED in row:
                    count += 1
                    row = self._open_fields(name, str(row.get("id", "")), row)
                opened_rows.append(row)
            out[list_key] = opened_rows
        if name in NESTED:
            count += self._open_nested(name, out)
        return out, count

    def _open_nested(self, name: str, out: dict[str, Any]) -> int:
        outer, inner, _ = NESTED[name]
        rows = out.get(outer)
        if not isinstance(rows, list):
            return 0
        count = 0
        opened = []
        for row in rows:
            items = row.get(inner) if isinstance(row, dict) else None
            if isinstance(items, list) and any(isinstance(x, dict) and SEALED in x
                                               for x in items):
                count += 1
                row = {**row, inner: [
                    self._open_fields(name, f"{row.get('id', '')}/{i}", x)
                    if isinstance(x, dict) and SEALED in x else x
                    for i, x in enumerate(items)]}
            opened.append(row)
        out[outer] = opened
        return count

    # --- documents --------------------------------------------------------------------

    def seal_doc(self, rel: str, doc: Document) -> Document:
        kind = doc_kind(rel)
        fields = DOC_TEXT.get(kind)
        if fields is None:
            return doc
        if kind == "meetings":
            self.meeting_written(rel, doc.meta)
        levels = self.sealed_levels()
        if not levels and not any(k[0] == rel for k in self.kept):
            return doc
        seal = self.doc_level(rel, doc.meta) in levels
        meta = dict(doc.meta)
        sealed = []
        for field in fields:
            value = meta.get(field)
            if isinstance(value, str) and value:
                meta[field] = self._seal_field((rel, "", field), value, seal)
                if meta[field] is not value:
                    sealed.append(field)
        body = doc.body
        if body.strip():
            body = self._seal_field((rel, "", BODY), doc.body, seal)
            if body is not doc.body:
                sealed.append(BODY)
        if sealed:
            meta[SEALED] = sealed
        return Document(meta, body)

    def doc_level(self, rel: str, meta: dict[str, Any]) -> str:
        """The level a document's text is sealed at: its own (the retrospective counts as
        private); a meeting's is also that of every record whose text its body repeats —
        the task it reviewed ("t3: ..."), the questions it answered, the follow-ups closed
        that day — so a normal meeting after a private one never holds the private task's
        text in clear. From what stays in clear: no key needed."""
        kind = doc_kind(rel)
        if kind == "retrospective.md":
            return "private"
        own = meta.get("privacy", "normal")
        level = own if own in LEVELS else "normal"
        if kind != "meetings" or not self.sealed_levels():
            return level
        task = meta.get("task")
        if isinstance(task, str) and task:
            level = stricter(level, self.inherited().task(task))
        answered = meta.get("answered")
        questions = {str(r.get("id", "")): r["privacy"] for r in self._clear_rows(
            "questions.toml") if r.get("privacy") in LEVELS}  # a question's own level
        for qid in answered if isinstance(answered, list) else []:
            level = stricter(level, questions.get(str(qid), "normal"))
        day = meta.get("date")
        raised = meta.get("opportunities")
        if isinstance(day, date):
            found = self.inherited()
            for row in self._clear_rows("opportunities.toml"):
                fid = str(row.get("id", ""))
                if row.get("closed_on") == day and fid not in (raised or []):
                    level = stricter(level, found.followup(fid))
        return level

    def _clear_rows(self, name: str) -> list[dict[str, Any]]:
        """The records of a TOML file as they are on disk (sealed text not opened), kept
        while the file's text is the same."""
        text = self.store.read_text(name) or ""
        cached = self._clear.get(name)
        if cached is not None and cached[0] == text:
            return cached[1]
        from mentorlog.storage.toml import parse_toml

        data = parse_toml(text, self.store.display(name)) if text else {}
        rows = [row for key in TOML_TEXT.get(name, {}) for row in data.get(key, [])
                if isinstance(row, dict)]
        self._clear[name] = (text, rows)
        return rows

    def open_doc(self, rel: str, doc: Document) -> Document:
        if SEALED not in doc.meta:
            return doc
        opened = self._open_fields(rel, "", {**doc.meta, BODY: doc.body})
        body = opened.pop(BODY)
        return replace(doc, meta=opened, body=body)

    def open_meeting(self, meeting: Meeting) -> Meeting:
        """A meeting read from its cached facts, its place and reason opened (the facts
        cache keeps them as they are in the file: encrypted)."""
        from mentorlog.storage.crypto import is_armored

        if not (is_armored(meeting.where) or is_armored(meeting.reason)):
            return meeting
        fields = [f for f in ("where", "reason") if is_armored(getattr(meeting, f))]
        opened = self._open_fields(meeting.rel, "", {
            SEALED: fields, "where": meeting.where, "reason": meeting.reason})
        return replace(meeting, where=opened["where"], reason=opened["reason"])

    # --- one field ----------------------------------------------------------------------

    def _open_fields(self, name: str, rid: str, row: dict[str, Any]) -> dict[str, Any]:
        row = dict(row)
        fields = row.pop(SEALED)
        from mentorlog.storage.crypto import is_armored

        for field in fields if isinstance(fields, list) else []:
            armor = row.get(field)
            if not isinstance(field, str) or not isinstance(armor, str) or not is_armored(armor):
                continue
            text = self.keyring.open(armor)
            self.opened += 1
            if text is None:
                self.unopened.add((name, rid))
                self._damaged(name, rid, field, armor)
                text = PLACEHOLDER
            self.kept[(name, rid, field)] = (text, armor)
            from mentorlog.storage.crypto import recipients_in

            self._floors[name] = max(self._floors.get(name, 0), recipients_in(armor))
            row[field] = text
        return row

    def _damaged(self, name: str, rid: str, field: str, armor: str) -> None:
        """Keep why an encrypted text did not open, when it is not only a missing key:
        `mentorlog check` reports it with its file."""
        from mentorlog.storage.crypto import armor_problem

        why = armor_problem(armor)
        if why is None and self.keyring.identities():  # read already: asks nothing again
            why = (f"cannot be decrypted with {self.keyring.path} (a damaged age message, "
                   "or one encrypted to other keys only)")
        if why is not None:
            self.damaged.append((name, rid, field, why))

    # --- drafts -------------------------------------------------------------------------

    def seal_draft(self, text: str) -> str:
        """A draft's whole text (`drafts/`: answers being typed), one age message to the
        journal's recipients while encryption is on; `age -d` gives back the file."""
        if not self.sealed_levels() or not text.strip():
            return text
        from mentorlog.storage.crypto import seal

        return seal(text, self._recipients())

    def open_draft(self, rel: str, text: str) -> str:
        """A draft's text, opened when it is sealed. One this machine cannot decrypt is an
        error (the file is kept: never written over)."""
        from mentorlog.storage.crypto import is_armored

        if not is_armored(text):
            return text
        opened = self.keyring.open(text)
        if opened is None:
            raise MentorlogError(
                f"{self.store.display(rel)} holds unfinished answers encrypted with a key "
                f"this machine cannot use ({self.keyring.path}); it is kept as it is: copy "
                "your key here (docs/sharing.md), or delete that file to discard them")
        return opened

    def _seal_field(self, key: Key, value: str, wanted: bool) -> str:
        """The armor to store for `value`, or `value` itself when it stays in clear."""
        old = self.kept.get(key)
        unreadable = old is not None and old[0] == PLACEHOLDER and value == PLACEHOLDER \
            and (key[0], key[1]) in self.unopened
        if not wanted:
            if unreadable:
                raise MentorlogError(
                    f"{key[0]} holds encrypted text this machine cannot decrypt, so it "
                    "cannot be written in clear (copy your key here: docs/sharing.md)")
            return value
        if old is not None and old[0] == value and (not self.fresh or unreadable):
            return old[1]
        recipients = self._recipients()
        floor = self.recipient_floor(key[0])  # none is sealed to fewer than the file had
        if len(recipients) < floor:
            raise MentorlogError(
                f"{key[0]} holds text encrypted to {floor} keys and encrypt_to now lists "
                f"{len(recipients)}; mentorlog never encrypts to fewer (add the missing keys "
                "back with 'mentorlog encrypt init --recipient')")
        from mentorlog.storage.crypto import seal

        armor = seal(value, recipients)
        self.kept[key] = (value, armor)
        return armor

    def _recipients(self) -> list[str]:
        """The keys text is sealed to; none while encryption is on is an error."""
        recipients = self.policy()[1]
        if not recipients:
            raise MentorlogError("encryption is on but this journal has no key to encrypt "
                                 "to: run 'mentorlog encrypt init'")
        return recipients


def meeting_facts(meta: dict[str, Any]) -> list[Any]:
    """[status, privacy, new task, task reviewed, follow-ups, questions answered] from a
    meeting's front matter:
    what records inherit, all in clear."""
    def text(key: str, default: str = "") -> str:
        value = meta.get(key, default)
        return value if isinstance(value, str) else default

    def ids(key: str) -> list[str]:
        value = meta.get(key, [])
        return [i for i in value if isinstance(i, str)] if isinstance(value, list) else []

    privacy = text("privacy", "normal")
    return [text("status", "held"), privacy if privacy in LEVELS else "normal",
            text("new_task"), text("task"), ids("opportunities"), ids("answered")]

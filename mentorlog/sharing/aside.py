"""The versions `sync` sets aside in `conflicts/`, and how `sync resolve` settles them.

When both machines changed the same thing, the live journal keeps one version and the other
is copied to `conflicts/` (which `.gitignore` keeps out of git: it is never committed or
pushed). Names never repeat: a second conflict on the same record gets `-2`, and so on.
`conflicts/_index.toml` says, for each copy, what it belongs to:

- `kind = "record"`: one record of a TOML file (a goal, a task, an entry of helped.toml...)
  or one value that is in no record (a setting, a tick, a field of the agreement). The copy
  is a small TOML document holding it at the same place (`unit`); keeping it puts it back in
  the live file;
- `kind = "file"`: a whole file (a note or a meeting changed on both machines, a TOML file
  that did not read);
- `kind = "meeting"`: the other machine's record of a meeting on the same date as this one,
  with the task it set (`task`), which the live tasks.toml does not hold (one meeting, one
  next task); keeping it swaps the two meetings and their tasks;
- `copy_from = "other"`: the copy is the other machine's version and the live one this
  machine's; `"this"`: the copy is this machine's own edit, replaced by the other machine's
  version in a merge made over there (sync learns it from that merge's commit message).

A copy without an entry (an older mentorlog's, or the index deleted) is a whole file named
after the live one (`notes__2026-11-25-title.md` for `notes/2026-11-25-title.md`).
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from mentorlog.core.errors import FileProblem, MentorlogError, SchemaError
from mentorlog.core.log_ids import next_number
from mentorlog.sharing.merge import (
    ABSENT,
    SameText,
    Unit,
    read_toml,
    read_unit,
    same_value,
    unit_doc,
    unit_get,
    unit_label,
    unit_set,
)
from mentorlog.storage.conflicts import FOLDER, waiting
from mentorlog.storage.conflicts import INDEX as INDEX_NAME
from mentorlog.storage.documents import Document, dump_document, parse_document
from mentorlog.storage.sealing import BODY, PLACEHOLDER, SEALED
from mentorlog.storage.store import Store

if TYPE_CHECKING:
    from mentorlog.storage.crypto import Keyring

INDEX = f"{FOLDER}/{INDEX_NAME}"
KINDS = ("record", "file", "meeting")


class Aside(Struct, frozen=True):
    """One copy waiting in conflicts/."""

    file: str  # conflicts/NAME
    live: str  # the live file it belongs to, relative to the data folder
    kind: str = "file"
    copy_from: str = "other"  # "other": the other machine's version; "this": this machine's
    unit: Unit | None = None  # kind "record": where the record or value is
    detail: str = ""  # what differed, as sync said it
    task: dict[str, Any] | None = None  # kind "meeting": the task the copy's meeting set
    indexed: bool = True  # False: a copy the index does not know (its live file is a guess)

    @property
    def what(self) -> str:
        """`goals.toml: goals g2`, `notes/2026-11-25-plan.md`: what the copy is of."""
        if self.kind == "record" and self.unit:
            return f"{self.live}: {unit_label(self.unit)}"
        return self.live

    @property
    def mine_is_copy(self) -> bool:
        return self.copy_from == "this"


# --- the index --------------------------------------------------------------------------


def _read_index(store: Store) -> dict[str, dict[str, Any]]:
    text = store.read_text(INDEX)
    if not text:
        return {}
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}  # the copies stay; each reads as a whole file
    rows = data.get("copies", [])
    if not isinstance(rows, list):
        return {}
    return {r["file"]: r for r in rows if isinstance(r, dict) and isinstance(r.get("file"), str)}


def _write_index(store: Store, rows: dict[str, dict[str, Any]]) -> None:
    import tomli_w

    present = {name for name in rows if store.exists(f"{FOLDER}/{name}")}
    kept = [rows[name] for name in sorted(present)]
    if not kept:
        store.remove(INDEX)
        return
    store.write_text(INDEX, "# mentorlog sync: what each copy in this folder belongs to\n"
                     + tomli_w.dumps({"schema_version": 1, "copies": kept}))


def _entry(path: str, row: dict[str, Any] | None) -> Aside:
    name = path.removeprefix(f"{FOLDER}/")
    if row is None or not isinstance(row.get("live"), str) or not inside(row["live"]):
        return Aside(path, _live_from_name(name), indexed=False)
    kind = str(row["kind"]) if row.get("kind") in KINDS else "file"
    unit = read_unit(_json(row.get("unit")))
    if kind == "record" and unit is None:
        kind = "file"
    task = row.get("task")
    return Aside(
        path, row["live"], kind, "this" if row.get("copy_from") == "this" else "other",
        unit, str(row.get("detail", "")), task if isinstance(task, dict) else None,
    )


def _json(raw: Any) -> Any:
    try:
        return json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def inside(rel: str) -> bool:
    """A live file's path a copy may name: in the data folder, not in conflicts/ or .git/."""
    parts = rel.split("/")
    return (bool(rel) and not rel.startswith("/") and "\\" not in rel
            and all(p not in ("", ".", "..") for p in parts)
            and parts[0] not in (FOLDER, ".git"))


def _live_from_name(name: str) -> str:
    """An older copy's live file: `notes__x.md` -> `notes/x.md`."""
    return name.replace("__", "/")


def entries(store: Store) -> list[Aside]:
    """Every copy waiting, oldest name first."""
    rows = _read_index(store)
    return [_entry(path, rows.get(path.removeprefix(f"{FOLDER}/"))) for path in waiting(store)]


def _flat(live: str) -> str:
    return live.replace("/", "__")


def _safe(name: str, limit: int = 100) -> str:
    """`name` as a file name the store accepts: letters, digits, `._-`, not starting with
    `.` or `-`."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "-", name).lstrip(".-")
    return cleaned[:limit] or "file"


def _free_name(store: Store, stem: str, suffix: str) -> str:
    """conflicts/STEM.SUFFIX, or STEM-2.SUFFIX, ...: never a name already there."""
    taken = set(_read_index(store))
    for n in range(1, 100_000):
        name = f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}"
        if name not in taken and name != INDEX_NAME and not store.exists(f"{FOLDER}/{name}"):
            return name
    raise MentorlogError(f"too many conflicts named {stem}{suffix} in {FOLDER}/")


def set_aside(
    store: Store, live: str, data: bytes, *, kind: str = "file", copy_from: str = "other",
    unit: Unit | None = None, detail: str = "", task: dict[str, Any] | None = None,
) -> str | None:
    """Keep `data` in conflicts/ under a new name (call it with the lock held); the path, or
    None when the same copy of the same thing already waits."""
    for known in entries(store):
        if (known.live, known.kind, known.unit, known.copy_from) == (live, kind, unit, copy_from) \
                and store.read_bytes(known.file) == data:
            return None
    stem, dot, ext = live.rpartition("/")[2].rpartition(".")
    suffix = f".{_safe(ext, 10)}" if dot else ""
    base = _flat(live.rpartition("/")[0] + "/" + (stem if dot else ext)).lstrip("_")
    if unit:
        base += "-" + unit_label(unit).replace(" ", "-").removeprefix(
            str(unit[0]) + "-" if len(unit) > 1 and isinstance(unit[1], dict) else "")
    name = _free_name(store, _safe(base), suffix)
    store.write_bytes(f"{FOLDER}/{name}", data)
    row: dict[str, Any] = {"file": name, "live": live, "kind": kind, "copy_from": copy_from}
    if unit is not None:
        row["unit"] = json.dumps(list(unit))
    if detail:
        row["detail"] = detail
    if task is not None:
        row["task"] = task
    rows = _read_index(store)
    rows[name] = row
    _write_index(store, rows)
    return f"{FOLDER}/{name}"


def record_copy(live: str, unit: Unit, value: Any, copy_from: str, detail: str) -> bytes:
    """The text of a record's copy: a comment saying what it is, then the record in place."""
    import tomli_w

    if copy_from == "this":
        why = "a merge made on the other machine kept that machine's version"
        whose = "this machine's"
    else:
        why = "both machines changed it" + (f" ({detail})" if detail else "")
        whose = "the other machine's"
    lines = [f"# mentorlog sync: {whose} version of {unit_label(unit)} in {live},",
             f"# set aside because {why}.",
             "# Settle it with 'mentorlog sync resolve'; this file is never committed."]
    return ("\n".join(lines) + "\n" + tomli_w.dumps(unit_doc(unit, value))).encode()


def drop(store: Store, aside: Aside) -> None:
    """Remove a settled copy and its entry (call it with the lock held)."""
    store.remove(aside.file)
    rows = _read_index(store)
    rows.pop(aside.file.removeprefix(f"{FOLDER}/"), None)
    _write_index(store, rows)


# --- reading both versions ----------------------------------------------------------------


def live_value(store: Store, aside: Aside) -> Any:
    """The live version: the record or value (kind "record"), else the file's text (ABSENT
    when it is not there)."""
    return _version(store, aside, aside.live)


def copy_value(store: Store, aside: Aside) -> Any:
    """The copy's version, as live_value gives the live one."""
    return _version(store, aside, aside.file)


def _version(store: Store, aside: Aside, rel: str) -> Any:
    text = store.read_text(rel)
    if aside.kind == "record" and aside.unit:
        data = read_toml(text)
        return ABSENT if data is None else unit_get(data, aside.unit)
    return ABSENT if text is None else text


def differences(store: Store, aside: Aside, keyring: Keyring | None = None,
                limit: int = 40) -> list[str]:
    """What differs between the live version and the copy, briefly: `field: live / copy`
    lines for a record, a diff for a file. Encrypted text is opened with `keyring` and
    compared in clear; what it cannot open is never shown (no age message): one line says
    which texts are encrypted and why they stay so."""
    opener = _Opener(keyring)
    live, copy = live_value(store, aside), copy_value(store, aside)
    lines: list[str]
    if aside.kind == "record":
        if isinstance(live, dict) and isinstance(copy, dict):
            live, copy = opener.pair(live, copy)
            keys = [*live, *(k for k in copy if k not in live)]
            lines = [f"{k}: {_show(live.get(k, ABSENT))} / {_show(copy.get(k, ABSENT))}"
                     for k in keys if live.get(k, ABSENT) != copy.get(k, ABSENT)
                     and k not in opener.closed][:limit]
        else:
            lines = [f"{_show(live)} / {_show(copy)}"]
        return lines + opener.said()
    live, copy = opener.documents(live, copy)
    old = live.splitlines() if isinstance(live, str) else []
    new = copy.splitlines() if isinstance(copy, str) else []
    lines = list(difflib.unified_diff(old, new, "live", "copy", n=1, lineterm=""))[2:]
    if aside.task:
        lines.append(f"+ (the copy's task) {opener.task(aside.task).get('text', '')}")
    more = [f"... {len(lines) - limit} more lines"] if len(lines) > limit else []
    return lines[:limit] + more + opener.said()


class _Opener:
    """Opens the encrypted texts `differences` shows (the fields a record or document names
    in `sealed`), and keeps which differing ones did not open (`closed`)."""

    def __init__(self, keyring: Keyring | None) -> None:
        self.keyring = keyring
        self.closed: set[str] = set()

    def _open(self, value: Any, top: str | None) -> Any:
        if isinstance(value, list):
            return [self._open(v, top) for v in value]
        if not isinstance(value, dict):
            return value
        sealed = value.get(SEALED)
        names = {f for f in sealed if isinstance(f, str)} if isinstance(sealed, list) else set()
        return {k: self._text(v, top or k) if k in names and isinstance(v, str)
                else self._open(v, top or k) for k, v in value.items()}

    def _text(self, armor: str, top: str) -> str:
        from mentorlog.storage.crypto import is_armored

        opened = self.keyring.open(armor) if self.keyring is not None and is_armored(armor) \
            else None
        if opened is None:
            self.closed.add(top)
            return PLACEHOLDER
        return opened

    def pair(self, live: dict[str, Any], copy: dict[str, Any]
             ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Both versions with their encrypted texts opened; one that does not open reads
        PLACEHOLDER, and its key is in `closed` when the two versions differ there."""
        one, other = _Opener(self.keyring), _Opener(self.keyring)
        opened = one._open(live, None), other._open(copy, None)
        self.closed |= {k for k in one.closed | other.closed
                        if live.get(k, ABSENT) != copy.get(k, ABSENT)}
        return opened

    def documents(self, live: Any, copy: Any) -> tuple[Any, Any]:
        """Two versions of a meeting or note with their encrypted body and fields opened, as
        the editor shows them; a version that is not such a document stays as it is."""
        docs = [_sealed_document(v) for v in (live, copy)]
        if docs[0] is None and docs[1] is None:
            return live, copy
        tables = [{**d.meta, BODY: d.body} if d is not None else {} for d in docs]
        opened = self.pair(tables[0], tables[1])
        shown = [_dump_table(t) if d is not None else v
                 for t, d, v in zip(opened, docs, (live, copy), strict=True)]
        return shown[0], shown[1]

    def task(self, task: dict[str, Any]) -> dict[str, Any]:
        opener = _Opener(self.keyring)
        opened: dict[str, Any] = opener._open(task, None)
        if opener.closed:
            self.closed.add("the copy's task")
        return opened

    def said(self) -> list[str]:
        """The one line about the differing texts that stayed encrypted, if any."""
        if not self.closed:
            return []
        why = self.keyring.why_closed() if self.keyring is not None else \
            "this machine has no key to decrypt them"
        return [f"({', '.join(sorted(self.closed))}: encrypted, not shown: {why})"]


def _sealed_document(text: Any) -> Document | None:
    if not isinstance(text, str) or not text.lstrip().startswith("+++"):
        return None
    try:
        doc = parse_document(text, "copy")
    except MentorlogError:
        return None
    return doc if SEALED in doc.meta else None


def _dump_table(table: dict[str, Any]) -> str:
    meta = dict(table)
    body = meta.pop(BODY)
    return dump_document(Document(meta, body))


def _show(value: Any) -> str:
    if value is ABSENT:
        return "(none)"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


# --- settling -------------------------------------------------------------------------------


def settle_equal(store: Store, same_text: SameText | None = None) -> list[str]:
    """Drop the copies that hold what the live journal holds now (nothing to decide, nothing
    lost; with `same_text`, encrypted text compared in clear); the copies dropped. Call it
    with the lock held."""
    settled = []
    for aside in entries(store):
        copy = copy_value(store, aside)
        if copy is ABSENT:
            continue
        live = live_value(store, aside)
        if copy == live or _same_meeting(store, aside) or (same_text is not None and (
                same_value(copy, live, same_text) if aside.kind == "record"
                else not aside.task and same_document(copy, live, same_text))):
            drop(store, aside)
            settled.append(aside.file)
    return settled


def same_document(first: Any, second: Any, same_text: SameText) -> bool:
    """Whether two versions of a meeting or note (text or bytes) are the same, their
    encrypted texts compared in clear: one entry sealed on two machines."""
    docs = []
    for version in (first, second):
        try:
            text = version.decode("utf-8") if isinstance(version, bytes) else version
            if not isinstance(text, str):
                return False
            docs.append(parse_document(text, "version"))
        except (UnicodeDecodeError, MentorlogError):
            return False
    return same_value([docs[0].meta, docs[0].body], [docs[1].meta, docs[1].body], same_text)


def _same_meeting(store: Store, aside: Aside) -> bool:
    """A meeting's copy the live journal holds already, its task under another id (what
    keeping the copy on the other machine made)."""
    if aside.kind != "meeting" or not aside.task:
        return False
    copy_text, live_text = store.read_text(aside.file), store.read_text(aside.live)
    if copy_text is None or live_text is None:
        return False
    try:
        copy = parse_document(copy_text, aside.file)
        live = parse_document(live_text, aside.live)
    except MentorlogError:
        return False
    live_task = live.meta.get("new_task")
    if {**copy.meta, "new_task": live_task} != live.meta or copy.body != live.body:
        return False
    tasks = read_toml(store.read_text(f"{aside.live.rpartition('meetings/')[0]}tasks.toml"))
    record = unit_get(tasks, ("tasks", {"id": str(live_task)})) if tasks else ABSENT
    return isinstance(record, dict) and {**record, "id": aside.task.get("id")} == aside.task


def keep_copy(store: Store, aside: Aside) -> None:
    """Put the copy's version in place of the live one, checked as the file's codec reads
    it, and drop the copy: one transaction."""
    with store.lock():
        copy_text = store.read_text(aside.file)
        if copy_text is None:
            raise MentorlogError(f"{aside.file} is gone")
        live_text = store.read_text(aside.live)
        if not aside.indexed and live_text is None:
            raise MentorlogError(
                f"{aside.file}: cannot tell which file it is a copy of; merge it by hand, "
                "then keep this machine's version")
        writes: dict[str, str] = {}
        if aside.kind == "record" and aside.unit:
            copy = read_toml(copy_text)
            value = ABSENT if copy is None else unit_get(copy, aside.unit)
            live: dict[str, Any] | None = (
                read_toml(live_text) if live_text is not None else {"schema_version": 1})
            if value is ABSENT or live is None:
                raise MentorlogError(
                    f"{aside.file} or {aside.live} does not read: merge them by hand, then "
                    "keep this machine's version")
            writes[aside.live] = _dump(unit_set(live, aside.unit, value))
        elif aside.kind == "meeting":
            writes.update(_meeting_swap(store, aside, copy_text, live_text))
        else:
            writes[aside.live] = copy_text
        for rel, text in writes.items():
            try:
                check_text(store, rel, text)
            except MentorlogError as e:
                raise MentorlogError(f"keeping {aside.file} would leave {rel} unreadable ({e}): "
                                     "edit the live version instead") from None
        for rel, text in writes.items():
            store.write_text(rel, text)
        drop(store, aside)


def keep_live(store: Store, aside: Aside) -> None:
    with store.lock():
        drop(store, aside)


def _dump(data: dict[str, Any]) -> str:
    import tomli_w

    return tomli_w.dumps(data)


def _meeting_swap(store: Store, aside: Aside, copy_text: str,
                  live_text: str | None) -> dict[str, str]:
    """The meeting file and tasks.toml with the copy's meeting in place: the task the live
    meeting set (still open) leaves, the copy's task comes back under a new id."""
    where = store.display(aside.file)
    copy_doc = parse_document(copy_text, where)
    folder = aside.live.rpartition("/")[0]
    tasks_rel = f"{folder.rpartition('meetings')[0]}tasks.toml"
    tasks_text = store.read_text(tasks_rel)
    tasks: dict[str, Any] | None = (
        read_toml(tasks_text) if tasks_text is not None else {"schema_version": 1})
    if tasks is None:
        raise MentorlogError(f"{store.display(tasks_rel)} does not read: fix it first")
    if not aside.task:
        return {aside.live: copy_text}
    # The copy's meeting set its own task: it replaces the one the live meeting set.
    records = [r for r in tasks.get("tasks", []) if isinstance(r, dict)]
    n = max(_whole(tasks.get("next_id")), next_number([str(r.get("id", "")) for r in records],
                                                       "t"))
    if live_text is not None:
        live_new = parse_document(live_text, store.display(aside.live)).meta.get("new_task")
        records = [r for r in records
                   if not (r.get("id") == live_new and r.get("status", "open") == "open")]
    records.append({**aside.task, "id": f"t{n}"})
    meeting = dump_document(Document({**copy_doc.meta, "new_task": f"t{n}"}, copy_doc.body))
    return {tasks_rel: _dump({**tasks, "next_id": n + 1, "tasks": records}), aside.live: meeting}


def _whole(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 1


def check_text(store: Store, rel: str, text: str) -> None:
    """Refuse a text the file's codec would not read (the live file is never broken)."""
    from mentorlog.storage.formats import TOML_FILES
    from mentorlog.storage.toml import parse_toml

    name = rel.rpartition("/")[2]
    where = store.display(rel)
    try:
        if name.endswith(".toml"):
            data = parse_toml(text, where)
            spec = next((s for s in TOML_FILES if s.name == name), None)
            if spec is not None:
                spec.decode(data)
        elif name.endswith(".md"):
            check_document(rel, parse_document(text, where))
    except SchemaError as e:
        raise FileProblem(where, str(e)) from None


def check_document(rel: str, doc: Document) -> None:
    """Refuse a meeting, note, ... (`rel`: where it lives) its folder's codec would not read
    (SchemaError)."""
    from mentorlog.storage.formats import DOC_FOLDERS

    parent = rel.rpartition("/")[0].rpartition("/")[2]
    folder = next((f for f in DOC_FOLDERS if f.name == parent), None)
    if folder is not None:
        folder.decode(doc)

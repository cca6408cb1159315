"""What `mentorlog encrypt` shows: the key, the level and what is encrypted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct

from mentorlog.core.privacy import Census
from mentorlog.views.console import escape, out

_KINDS = ("notes", "meetings", "questions", "tasks", "follow-ups", "goal answers",
          "check-ins", "retrospective")
_ONE = {"notes": "note", "meetings": "meeting", "questions": "question", "tasks": "task",
        "follow-ups": "follow-up", "goal answers": "goal answer",
        "check-ins": "check-in", "retrospective": "retrospective"}


class Facts(Struct, frozen=True):
    level: str
    recipients: list[str]
    key: str
    key_found: bool
    passphrase: bool
    can_decrypt: bool | None
    census: Census


def _counts(counts: dict[str, int]) -> str:
    parts = [f"{counts[k]} {_ONE[k] if counts[k] == 1 else k}" for k in _KINDS if counts.get(k)]
    return ", ".join(parts) if parts else "nothing"


def status_json(f: Facts) -> dict[str, Any]:
    """`encrypt status --json` (docs/json.md)."""
    return {"level": f.level, "recipients": f.recipients, "key": f.key,
            "key_found": f.key_found, "passphrase": f.passphrase,
            "can_decrypt": f.can_decrypt, "encrypted": f.census.sealed,
            "to_encrypt": f.census.to_seal, "to_decrypt": f.census.to_open}


def show_status(f: Facts) -> None:
    c = out()
    what = {"off": "off", "confidential": "confidential entries",
            "private": "private and confidential entries"}.get(f.level, f.level)
    c.print(f"Encryption: {what}")
    c.print(f"Encrypted: {_counts(f.census.sealed)}")
    if f.census.to_seal or f.census.to_open:
        pending = [f"{_counts(f.census.to_seal)} to encrypt"] if f.census.to_seal else []
        pending += [f"{_counts(f.census.to_open)} to decrypt"] if f.census.to_open else []
        command = "mentorlog encrypt apply" if f.level != "off" else "mentorlog encrypt off"
        c.print(f"Waiting: {'; '.join(pending)} (run '{command}')")
    key = escape(f.key)
    if not f.key_found:
        c.print(f"Key: none on this machine ({key}); encrypted text shows as "
                f"{escape('[encrypted]')}")
    else:
        c.print(f"Key: {key}{' (protected by a passphrase)' if f.passphrase else ''}")
    c.print(f"Recipients: {len(f.recipients)}")
    if f.can_decrypt is not None:
        c.print("This machine can decrypt: " + ("yes" if f.can_decrypt else
                "no (its key is not among this journal's recipients)"))


def show_init(path: Path, created: str | None, mine: str | None, added: list[str],
              level: str, census: Census) -> None:
    c = out()
    where = escape(str(path))
    if created:
        c.print(f"Created your age key in {where} (readable by you only).")
        # A key is copied whole: on a line of its own, never folded (62 letters > 60 columns).
        c.print("Its public key (recipient):")
        c.print(created, soft_wrap=True)
        c.print("Back it up now, somewhere other than this journal and its git remote (a "
                "password manager, a USB stick): without it, encrypted entries cannot be "
                "read. Copy the same file to your other machines (docs/sharing.md).")
    else:
        c.print(f"Your age key is {where}" + (f" ({mine})." if mine else "."), soft_wrap=True)
    for r in added:
        c.print(f"Added recipient {r}.", soft_wrap=True)
    if level == "off":
        c.print("Next: mentorlog config set encrypt private   (or confidential), then "
                "mentorlog encrypt apply")
    elif added and census.sealed:
        c.print("Run 'mentorlog encrypt apply' to encrypt the existing entries to the new "
                "recipients too.")


def show_done(census: Census, level: str) -> None:
    if level == "off":
        out().print("Encryption is off; every entry is in plain text again.")
    else:
        out().print(f"Encrypted: {_counts(census.sealed)}.")

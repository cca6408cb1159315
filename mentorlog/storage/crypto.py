"""Encryption at rest in the age format (age-encryption.org/v1), through pyrage (the Python
binding of rage): the only module that imports it, so what mentorlog writes always decrypts
with the standard `age` and `rage` tools (docs/sharing.md#encryption-at-rest).

The identity (an X25519 secret key) lives in the user's config folder, never in the data
folder: `identity.txt` as `age-keygen` writes it, or, with a passphrase, that same text
age-encrypted with the passphrase (age's scrypt), which `age -d -i` also reads. Its
public recipient is kept beside it in `identity.txt.pub`, so nothing needs the passphrase
to say which key this is.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.files import OPEN_FLAGS, replace_atomically, write_all

ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----"
ARMOR_END = "-----END AGE ENCRYPTED FILE-----"
IDENTITY_NAME = "identity.txt"
RECIPIENT_RE = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")


class CryptoError(MentorlogError):
    """A key that cannot be read, a wrong passphrase: one `Error:` line."""


def identity_path() -> Path:
    """`$MENTORLOG_IDENTITY`, else `identity.txt` in the user's config folder."""
    chosen = os.environ.get("MENTORLOG_IDENTITY")
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path

    return user_config_path("mentorlog") / IDENTITY_NAME


def is_armored(text: str) -> bool:
    return text.lstrip().startswith(ARMOR_BEGIN)


def is_recipient(text: str) -> bool:
    return bool(RECIPIENT_RE.match(text))


def recipients_in(armor: str) -> int:
    """How many X25519 recipients an armored age file was encrypted to: the `-> X25519`
    stanzas of its (public) header. 0 when it cannot be read."""
    lines = armor.strip().splitlines()
    try:
        data = base64.b64decode("".join(lines[1:-1]))
    except (ValueError, IndexError):
        return 0
    header = data.split(b"\n---", 1)[0]
    return sum(1 for line in header.split(b"\n") if line.startswith(b"-> X25519 "))


def armor_problem(armor: str) -> str | None:
    """What is wrong with an armored age message, seen without a key (its armor, base64,
    header and the length of its payload), or None when it looks whole. A change inside the
    encrypted payload shows only when it is decrypted."""
    lines = [line.strip() for line in armor.strip().splitlines()]
    if len(lines) < 3 or lines[0] != ARMOR_BEGIN or lines[-1] != ARMOR_END:
        return "damaged age message (its BEGIN/END lines are not as age writes them)"
    body = lines[1:-1]
    if any(len(line) != 64 for line in body[:-1]) or not 0 < len(body[-1]) <= 64:
        return "damaged age message (its lines are not 64 letters, as age writes them)"
    try:
        data = base64.b64decode("".join(body), validate=True)
    except ValueError:
        return "damaged age message (not base64 between its BEGIN and END lines)"
    header, mac_line, payload = data.partition(b"\n--- ")
    mac, newline, payload = payload.partition(b"\n")
    if not header.startswith(b"age-encryption.org/v1\n") or not mac_line:
        return "damaged age message (its header is not an age header)"
    if len(mac) != 43 or not newline or len(payload) < 32:  # nonce and one sealed chunk
        return "damaged age message (cut short)"
    return None


def seal(text: str, recipients: list[str]) -> str:
    """`text` age-encrypted to every recipient, ASCII-armored."""
    import pyrage

    try:
        keys = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
        return str(pyrage.encrypt(text.encode("utf-8"), keys, armored=True).decode("ascii"))
    except (pyrage.RecipientError, pyrage.EncryptError, ValueError) as e:
        raise CryptoError(f"could not encrypt: {e}") from None


def create_identity(path: Path, passphrase: str, now: datetime) -> str:
    """Write a new identity at `path` (0600, refusing to replace one); its recipient."""
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    text = (f"# created: {now.isoformat(timespec='seconds')}\n"
            f"# public key: {recipient}\n{identity}\n")
    data = text.encode("ascii")
    if passphrase:
        data = pyrage.passphrase.encrypt(data, passphrase, armored=True)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | OPEN_FLAGS, 0o600)
    except FileExistsError:
        raise CryptoError(f"{path} already exists; mentorlog never replaces a key") from None
    except OSError as e:
        raise CryptoError(f"cannot write {path}: {e.strerror}") from None
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    replace_atomically(public_path(path), f"{recipient}\n".encode())
    return recipient


def public_path(path: Path) -> Path:
    return path.with_name(path.name + ".pub")


def known_recipient(path: Path) -> str | None:
    """The identity's recipient, from `identity.txt.pub` or its `# public key:` line."""
    for candidate, prefix in ((public_path(path), ""), (path, "# public key: ")):
        try:
            with open(candidate, encoding="ascii", errors="replace") as f:
                for line in f:
                    word = line.strip().removeprefix(prefix)
                    if line.startswith(prefix) and is_recipient(word):
                        return word
        except OSError:
            continue
    return None


def needs_passphrase(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            start = f.read(64)
    except OSError:
        return False
    return start.lstrip().startswith(ARMOR_BEGIN.encode()) or start.startswith(
        b"age-encryption.org/v1")


_READ: dict[Path, list[Any]] = {}  # the keys this process has read, by file


def forget_keys() -> None:
    """Forget the keys read so far: the next text to open reads (and asks) again."""
    _READ.clear()


class Keyring:
    """The identity this machine decrypts with, read (and its passphrase asked) at most
    once, on the first text that needs it. `ask(prompt)` asks for a passphrase, or is None
    where nobody can answer (then a protected key opens nothing, as no key)."""

    def __init__(self, ask: Callable[[str], str] | None = None,
                 notice: Callable[[str], None] | None = None) -> None:
        self.ask = ask
        self.notice = notice  # says why encrypted text shows as [encrypted] (stderr)
        self.path = identity_path()
        self._identities: list[Any] | None = None
        self._opened: dict[str, str | None] = {}  # what same() opened, by armor

    def available(self) -> bool:
        return self.path.is_file()

    def identities(self) -> list[Any]:
        """The identities, [] when there is no identity file on this machine. A key read
        once serves every store of the run (its passphrase is asked once per command)."""
        if self._identities is None:
            self._identities = _READ.get(self.path) or self._read()
            if self._identities:
                _READ[self.path] = self._identities
        return self._identities

    def _read(self) -> list[Any]:
        import pyrage

        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as e:
            raise CryptoError(f"cannot read the key {self.path}: {e.strerror}") from None
        if needs_passphrase(self.path):
            if self.ask is None:  # cron, a pipe: shown as [encrypted], as without a key
                if self.notice is not None:
                    self.notice(f"The key {self.path} is protected by a passphrase and there "
                                "is no terminal to ask it in: encrypted text shows as "
                                "[encrypted].")
                return []
            secret = self.ask(f"Passphrase for {self.path}: ")
            try:
                data = pyrage.passphrase.decrypt(data, secret)
            except pyrage.DecryptError:
                raise CryptoError(f"wrong passphrase for {self.path}") from None
        found = []
        for line in data.decode("ascii", errors="replace").splitlines():
            line = line.strip()
            if line.startswith("AGE-SECRET-KEY-"):
                try:
                    found.append(pyrage.x25519.Identity.from_str(line))
                except pyrage.IdentityError:
                    raise CryptoError(f"{self.path} holds a damaged key") from None
        if not found:
            raise CryptoError(f"{self.path} holds no age key (AGE-SECRET-KEY-1...)")
        return found

    def open(self, armor: str) -> str | None:
        """The text sealed in `armor`, or None when this machine cannot decrypt it (no
        identity, another key, damaged armor)."""
        identities = self.identities()
        if not identities:
            return None
        import pyrage

        try:
            return str(pyrage.decrypt(armor.encode("ascii", errors="replace"),
                                      identities).decode("utf-8"))
        except (pyrage.DecryptError, UnicodeDecodeError, ValueError):
            return None

    def same(self, first: str, second: str) -> bool:
        """Whether two armored messages hold the same text: age is randomized, so one text
        sealed twice gives two messages. False when either does not open (no key, another
        key, a damaged message or key file): then they count as different, as stored."""
        if not (is_armored(first) and is_armored(second)):
            return False
        opened = []
        for armor in (first, second):
            if armor not in self._opened:
                try:
                    self._opened[armor] = self.open(armor)
                except CryptoError:
                    return False
            opened.append(self._opened[armor])
        return opened[0] is not None and opened[0] == opened[1]

    def why_closed(self) -> str:
        """Why a text this keyring did not open stays encrypted, as the end of a sentence
        ("... are encrypted and ...")."""
        if not self.available():
            return f"this machine has no key to decrypt them ({self.path} is missing)"
        try:
            read = bool(self.identities())
        except CryptoError as e:
            return f"this machine's key cannot be read ({e})"
        if not read:
            return (f"the key {self.path} is protected by a passphrase and there is no "
                    "terminal to ask it in")
        return f"the key {self.path} cannot decrypt them (encrypted to other keys, or damaged)"


def unattended() -> Keyring | None:
    """The key a merge may open encrypted text with: one that needs no passphrase (git's
    merge driver and sync's merge have nobody to ask), or None. Both decide alike, so a
    merge made by git and the same merge worked out again by sync agree."""
    keyring = Keyring()
    if not keyring.available() or needs_passphrase(keyring.path):
        return None
    return keyring

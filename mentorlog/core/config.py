"""Your defaults (config.toml): the known settings and their checks (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct, field

from mentorlog.core.agreement import PRIVACY_LEVELS
from mentorlog.core.checkins import DEFAULT_WEEKS as DEFAULT_CHECKIN_WEEKS
from mentorlog.core.checkins import check_weeks
from mentorlog.core.errors import MentorlogError

WEEK_STARTS = ("mon", "sun")
ON_OFF = ("off", "on")
ENCRYPT_LEVELS = ("off", "confidential", "private")  # private seals confidential too
RECIPIENT = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")  # an age X25519 recipient (bech32)


def _recipients(value: str) -> str:
    words = value.split()
    for word in words:
        if not RECIPIENT.match(word):
            raise MentorlogError(f"{word!r} is not an age recipient (age1 and 58 letters)")
    return " ".join(dict.fromkeys(words))


def _editor(value: str) -> str:
    import shlex

    value = value.strip()  # check what is kept: it must read back (U+2028 strips to "")
    try:
        words = shlex.split(value)
    except ValueError as e:
        raise MentorlogError(f"{value!r} is not a command line ({e})") from None
    if not words:
        raise MentorlogError("the editor cannot be empty (use 'mentorlog config unset editor')")
    if "\x00" in value:
        raise MentorlogError(f"{value!r} is not a command line (it holds a NUL character)")
    return value


def _choice(choices: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        word = value.strip().lower()
        if word not in choices:
            raise MentorlogError(f"expected one of {', '.join(choices)}, got {value!r}")
        return word

    return check


class Setting(Struct, frozen=True):
    """One key of config.toml: what it means, its default and how a typed value is checked."""

    key: str
    help: str
    default: str
    parse: Callable[[str], str]
    choices: tuple[str, ...] = ()


# The registry: add a Setting here and `config get|set|list`, `check` and the docs know it.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "editor",
        "Editor command for notes and edits, used when $VISUAL and $EDITOR are not set.",
        "",
        _editor,
    ),
    Setting(
        "meeting_privacy",
        "Default privacy of meeting notes: normal, private or confidential.",
        "normal",
        _choice(PRIVACY_LEVELS),
        PRIVACY_LEVELS,
    ),
    Setting(
        "week_start",
        "First day of the week (mon or sun): when weekly checklist ticks start over.",
        "mon",
        _choice(WEEK_STARTS),
        WEEK_STARTS,
    ),
    Setting(
        "sync_autocommit",
        "on: after every command that changed something, commit it to git "
        "(once 'mentorlog sync --init' made the data folder a repository).",
        "off",
        _choice(ON_OFF),
        ON_OFF,
    ),
    Setting(
        "checkin_weeks",
        "Weeks between relationship check-ins ('mentorlog checkin'); 'remind' says when one "
        "is due; 0 turns the reminder off.",
        str(DEFAULT_CHECKIN_WEEKS),
        check_weeks,
    ),
    Setting(
        "encrypt",
        "Store entries at this level and above encrypted with age: off, confidential, or "
        "private (private and confidential). See 'mentorlog encrypt'.",
        "off",
        _choice(ENCRYPT_LEVELS),
        ENCRYPT_LEVELS,
    ),
    Setting(
        "encrypt_to",
        "The age recipients (public keys, age1...) encrypted text is sealed to, separated "
        "by spaces; 'mentorlog encrypt init' adds them.",
        "",
        _recipients,
    ),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def setting(key: str) -> Setting:
    """The Setting for a key, or an error that names the close match and the known keys."""
    wanted = key.strip().lower().replace("-", "_")
    if wanted in _BY_KEY:
        return _BY_KEY[wanted]
    from difflib import get_close_matches

    close = get_close_matches(wanted, list(_BY_KEY), n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise MentorlogError(f"unknown setting {key!r}: {hint}known: {', '.join(_BY_KEY)}")


class Config(Struct, frozen=True):
    """The settings a user has set; any other key has its default."""

    values: Mapping[str, str] = field(default_factory=dict)

    def get(self, key: str) -> str:
        s = setting(key)
        return self.values.get(s.key, s.default)

    def is_set(self, key: str) -> bool:
        return setting(key).key in self.values

    def set(self, key: str, value: str) -> Config:
        s = setting(key)
        try:
            parsed = s.parse(value)
        except MentorlogError as e:
            raise MentorlogError(f"{s.key}: {e}") from None
        return Config({**self.values, s.key: parsed})

    def unset(self, key: str) -> Config:
        s = setting(key)
        return Config({k: v for k, v in self.values.items() if k != s.key})

    @property
    def editor(self) -> str:
        return self.get("editor")

    @property
    def meeting_privacy(self) -> str:
        return self.get("meeting_privacy")

    @property
    def week_start(self) -> str:
        return self.get("week_start")

    @property
    def sync_autocommit(self) -> bool:
        return self.get("sync_autocommit") == "on"

    @property
    def checkin_weeks(self) -> int:
        return int(self.get("checkin_weeks"))


def listing(config: Config) -> list[dict[str, Any]]:
    """`config list --json`: every known setting, its value, default and whether it is set."""
    return [
        {
            "key": s.key,
            "value": config.get(s.key),
            "default": s.default,
            "set": config.is_set(s.key),
            "choices": list(s.choices),
            "help": s.help,
        }
        for s in SETTINGS
    ]

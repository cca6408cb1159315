"""`mentorlog encrypt`: the age key, and private entries encrypted at rest
(docs/sharing.md#encryption-at-rest)."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import common
from mentorlog.core.config import RECIPIENT, Config
from mentorlog.core.errors import MentorlogError
from mentorlog.storage import crypto, encryption
from mentorlog.storage.formats import CONFIG
from mentorlog.views import encrypt as view
from mentorlog.views.console import print_json

app = typer.Typer(
    help="Keep private and confidential entries encrypted in the age format, readable with "
    "the standard age and rage tools.\n\nExample: mentorlog encrypt init",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _check_recipient(value: str) -> str:
    if not RECIPIENT.match(value.strip()):
        raise typer.BadParameter(f"{value!r} is not an age recipient (age1 and 58 letters)")
    return value.strip()


@app.command("init")
def init(
    ctx: typer.Context,
    recipient: Annotated[list[str] | None, typer.Option(
        "--recipient", metavar="AGE1...", callback=lambda v: [_check_recipient(r) for r in v or []],
        help="Also encrypt to this public key (another device's); repeatable.",
        show_default=False)] = None,
    no_input: Annotated[bool, typer.Option(
        "--no-input", help="Ask nothing: the key gets no passphrase.")] = False,
) -> None:
    """Create your age key (once per person) and add recipients to this journal.

    Example: mentorlog encrypt init --no-input
    """
    st = common.store(ctx)
    path = crypto.identity_path()
    if path.resolve().is_relative_to(st.root.resolve()):
        raise MentorlogError(f"{path} is inside the data folder, which sync sends to the "
                             "remote: keep the key elsewhere (MENTORLOG_IDENTITY)")
    created = None
    if not path.exists():
        passphrase = _new_passphrase() if common.can_prompt(no_input) else ""
        created = crypto.create_identity(path, passphrase, common.now())
    mine = crypto.known_recipient(path)
    added = [*([mine] if mine else []), *(recipient or [])]

    def add(config: Config) -> Config:
        return config.set("encrypt_to", " ".join([*config.get("encrypt_to").split(), *added]))

    with st.lock():
        before = st.load(CONFIG).get("encrypt_to").split()
        config = st.update(CONFIG, add)
    after = config.get("encrypt_to").split()
    view.show_init(path, created, mine, [r for r in after if r not in before],
                   config.get("encrypt"), encryption.census(st))


def _new_passphrase() -> str:
    from mentorlog.cli.session import ask_passphrase

    first = ask_passphrase("Passphrase for the new key (empty: none): ")
    if first and ask_passphrase("The same passphrase again: ") != first:
        raise MentorlogError("the two passphrases differ; no key was made")
    return first


@app.command("status")
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (docs/json.md).")] = False,
) -> None:
    """What is encrypted, at which level, where the key is, whether this machine can decrypt.

    Example: mentorlog encrypt status
    """
    st = common.store(ctx)
    level, recipients = st.sealer.policy()
    keyring = st.sealer.keyring
    facts = view.Facts(level, recipients, str(keyring.path), keyring.available(),
                       crypto.needs_passphrase(keyring.path),
                       encryption.can_decrypt(st, keyring), encryption.census(st))
    if as_json:
        print_json(view.status_json(facts))
    else:
        view.show_status(facts)


@app.command("apply")
def apply(ctx: typer.Context) -> None:
    """Encrypt every entry at or above the 'encrypt' level again, to every recipient (and
    decrypt the ones below it). All or nothing.

    Example: mentorlog encrypt apply
    """
    st = common.store(ctx)
    encryption.reseal(st)
    view.show_done(encryption.census(st), st.sealer.policy()[0])


@app.command("off")
def off(ctx: typer.Context) -> None:
    """Decrypt every encrypted entry back to plain text and set 'encrypt' to off.

    All or nothing; the key stays where it is.

    Example: mentorlog encrypt off
    """
    st = common.store(ctx)
    encryption.reseal(st, "off")
    view.show_done(encryption.census(st), "off")

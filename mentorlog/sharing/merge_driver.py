"""The git merge driver for mentorlog's TOML files:
`python -m mentorlog.sharing.merge_driver O A B P`.

git calls it with the common ancestor (O), this machine's version (A, also where the result
goes) and the other machine's (B). Records merge by id (helped.toml and contacts.toml of
version 1 get the ids their codec gives them, and the result is version 2). Two encrypted
texts that differ are opened when this machine's key needs no passphrase (nobody can be
asked here): the same text sealed on both machines is no conflict. Exit 0: merged
cleanly. Exit 1: a value differed on both sides or a version does not parse; A then holds
the best merge (or this machine's version), and `mentorlog sync` works out the same merge
from git's index (sharing/merge.py is pure) to set the other machine's record aside in
conflicts/.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path


def main(argv: list[str]) -> int:
    base_path, ours_path, theirs_path = (Path(p) for p in argv[:3])
    try:
        base_text = base_path.read_text(encoding="utf-8") if base_path.exists() else ""
        base = tomllib.loads(base_text) if base_text.strip() else None
        ours = tomllib.loads(ours_path.read_text(encoding="utf-8"))
        theirs = tomllib.loads(theirs_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return 1  # leave this machine's version in place; sync keeps the other
    import tomli_w

    from mentorlog.sharing.merge import merge_documents
    from mentorlog.storage.crypto import unattended

    keyring = unattended()
    merged, conflicts = merge_documents(base, ours, theirs,
                                        keyring.same if keyring is not None else None)
    ours_path.write_text(tomli_w.dumps(merged), encoding="utf-8")
    return 1 if conflicts else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

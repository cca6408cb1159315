"""A writer in a real process, for the crash, concurrency and fault tests.

    python -m reliability.driver write KIND[,KIND] N write version N of each KIND's file
    python -m reliability.driver loop KIND N         write N, N+1, ... printing each when done
    python -m reliability.driver add SPEC TAG        SPEC like tasks=50,goals=50,document=200
    python -m reliability.driver hold                hold the lock until stdin closes

Errors are reported as the CLI does: one `Error:` line on stderr, exit 1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mentorlog.core.errors import MentorlogError
from mentorlog.storage.store import Store
from reliability.kinds import kind


def main(argv: list[str]) -> int:
    st = Store(Path(os.environ["MENTORLOG_HOME"]))
    mode = argv[0]
    if mode == "write":
        with st.lock():
            for name in argv[1].split(","):
                kind(name).write(st, int(argv[2]))
    elif mode == "loop":
        k, n = kind(argv[1]), int(argv[2])
        while True:
            with st.lock():
                k.write(st, n)
            sys.stdout.write(f"{n}\n")
            sys.stdout.flush()
            n += 1
    elif mode == "add":
        todo = {kind(name): int(count) for name, count in
                (part.split("=") for part in argv[1].split(","))}
        tag = argv[2]
        for i in range(max(todo.values())):
            for k, count in todo.items():
                if i < count:
                    assert k.add is not None
                    k.add(st, i, f"{tag}-{k.name}-{i}")
    elif mode == "hold":
        with st.lock():
            sys.stdout.write(f"locked {os.getpid()}\n")
            sys.stdout.flush()
            sys.stdin.read()
    else:
        raise SystemExit(f"unknown mode {mode}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except MentorlogError as e:
        sys.stderr.write(f"Error: {e}\n")
        sys.exit(1)

"""Fault injection for a child process: put this folder first on PYTHONPATH and set

    MENTORLOG_FAULT=OP:WHAT[:NAME]

OP is write, fsync or replace; WHAT is an errno name (ENOSPC, EIO) raised instead of the
call, KILL (the process SIGKILLs itself just before the call: a crash at that point), or INT
(it sends itself SIGINT just before the call: Ctrl-C pressed at that point).
NAME limits the fault to files whose path contains it (default: any data temp file).
Only writes to mentorlog's temp files (`.~NAME.xxxx.tmp`) are hit: stdout and the lock are not.
"""

import errno
import os
import signal

_spec = os.environ.get("MENTORLOG_FAULT", "")
if _spec:
    _op, _what, *_rest = _spec.split(":")
    _name = _rest[0] if _rest else ""

    def _hit(path: str) -> bool:
        base = os.path.basename(path)
        return base.startswith(".~") and base.endswith(".tmp") and _name in base

    def _fd_hit(fd: int) -> bool:
        try:
            return _hit(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            return False

    def _fail(path: str) -> None:
        if _what == "KILL":
            os.kill(os.getpid(), signal.SIGKILL)
        if _what == "INT":
            os.kill(os.getpid(), signal.SIGINT)  # KeyboardInterrupt, unless it is ignored
            return
        code = getattr(errno, _what)
        raise OSError(code, os.strerror(code), path)

    def _wrap(real, test):
        def fake(*args, **kwargs):
            if test(args[0]):
                _fail(str(args[0]))
            return real(*args, **kwargs)

        return fake

    if _op == "write":
        os.write = _wrap(os.write, _fd_hit)
    elif _op == "fsync":
        os.fsync = _wrap(os.fsync, _fd_hit)
    elif _op == "replace":
        os.replace = _wrap(os.replace, lambda src: _hit(os.fspath(src)))
    else:
        raise SystemExit(f"MENTORLOG_FAULT: unknown operation {_op!r}")

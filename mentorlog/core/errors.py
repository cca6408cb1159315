"""The one error type the domain and the store raise; the CLI turns it into `Error: ...`."""

from __future__ import annotations


class MentorlogError(Exception):
    """A problem the user can fix: reported as one `Error:` line, exit 1."""


class NoAgreement(MentorlogError):
    def __init__(self) -> None:
        super().__init__("no mentorship yet — run 'mentorlog init'")


class SchemaError(MentorlogError):
    """A value in a data file has the wrong type or is missing.

    Raised by the pure decoders with the key path; the store adds the file path.
    """

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        self.message = message
        super().__init__(f"{key}: {message}" if key else message)


class FileProblem(MentorlogError):
    """A data file that cannot be read as what it should be: `path:line:col: what`."""

    def __init__(self, path: str, message: str, line: int | None = None, col: int | None = None):
        self.path = path
        self.line = line
        self.col = col
        self.message = message
        where = path if line is None else f"{path}:{line}:{col or 1}"
        super().__init__(f"{where}: {message}")

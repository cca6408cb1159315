"""mentorlog: a command-line journal for a mentee in a structured mentorship program."""

__version__ = "0.1.0"

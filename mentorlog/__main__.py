"""Lets `python -m mentorlog` run the command line."""

from mentorlog.cli import main

main()

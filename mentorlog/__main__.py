"""Lets `python -m mentorlog` run the command line."""

from mentorlog.fastpath import main

main()

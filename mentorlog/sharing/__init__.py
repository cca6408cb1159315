"""What leaves the machine: exports, the calendar, sync with git, import."""

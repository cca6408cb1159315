"""The mentorship: records, rules and the weekly cycle (pure: no files, no clock, no Rich)."""

#!/bin/bash
# How tests/data/journal-4d7d810 and retrospective-4d7d810.md were made: the code as it was
# before issues 16-18 (commit 4d7d810) run on a pinned clock. tests/test_old_journal.py reads
# them with today's code. To make them again:
#   git worktree add /tmp/old 4d7d810
#   tests/data/make_journal_4d7d810.sh /tmp/old /tmp/j   # then copy /tmp/j over the fixture
#   git worktree remove --force /tmp/old
set -e
OLD=$1; H=$2
PY=${PYTHON:-$(cd "$(dirname "$0")/../.." && pwd)/.venv/bin/python}
export MENTORLOG_HOME=$H HOME=$H.user XDG_CACHE_HOME=$H.cache XDG_CONFIG_HOME=$H.config NO_COLOR=1
cd "$(mktemp -d)"  # not the checkout: `python -m` would import today's mentorlog from there
O() { local now=$1; shift; MENTORLOG_NOW=$now PYTHONPATH=$OLD "$PY" -m mentorlog "$@" >/dev/null; }
O 2026-09-01T17:00:00+02:00 init --no-input --mentor "Ada Lovelace" --mentor-contact ada@example.org --tz Europe/Berlin --mentor-tz America/New_York --focus "skill: write better tests" --focus career --success "two PRs merged" --hours 1.5 --extra-time "pairing on weekends" --channel "slack: Mon-Fri 09:00-17:00" --channel "email: any, at most 2 a week" --off-limits crypto --slot "Tue 18:00" --duration 60 --gap "2026-12-21..2027-01-03: holidays" --gap-plan "tell each other a week ahead" --goal30 "Ship a PR" --goal60 "Give a talk" --goal90 "Lead a feature" --first-task "Read the contributing guide"
O 2026-09-03T20:00:00+02:00 note "Paired with Sam on the parser" --tag pairing
O 2026-09-04T20:00:00+02:00 note "What Ada told me about her team" --confidential
O 2026-09-05T20:00:00+02:00 note "My own worries" --private
O 2026-09-06T09:00:00+02:00 ask "How do I split a big PR?"
O 2026-09-08T20:00:00+02:00 week --no-input --date 2026-09-08 --task-status done --went-well "read it all" --next-task "Open a first PR" --mentor-watch "a conference talk" --answer "q1=one concern per PR" --todo "update my CV"
O 2026-09-10T09:00:00+02:00 helped "reviewed Sam's CV in #mentees" --time 30m
O 2026-09-10T10:00:00+02:00 contact log slack
O 2026-09-11T10:00:00+02:00 followup add "Ask Ada about the Berlin meetup" --kind intro
O 2026-09-15T20:00:00+02:00 week --no-input --date 2026-09-15 --duration 45 --task-status partly --next-task "Answer the review comments" --goal "g1=halfway there" --followup-done "o1=submitted a talk"
O 2026-09-20T20:00:00+02:00 skip --date 2026-09-22 --reason "I'm ill"
O 2026-09-29T20:00:00+02:00 week --no-input --date 2026-09-29 --task-status not-done --next-task "Write tests for the parser" --private
O 2026-09-30T10:00:00+02:00 gap add 2026-10-12..2026-10-18 "a conference"
O 2026-10-01T19:00:00+02:00 goals review --no-input --set "g1=done: merged" --set g2=on-track --went-well "a PR merged" --could-improve "pace" --next30 "Review two PRs"
O 2026-10-02T09:00:00+02:00 ask "Which conference first?"
O 2026-10-03T09:00:00+02:00 answer q2 "a local meetup"
O 2026-10-04T09:00:00+02:00 checklist tick resp-notify resp-conduct
O 2026-10-04T09:05:00+02:00 config set meeting_privacy private
O 2026-10-06T20:00:00+02:00 week --no-input --date 2026-10-06 --task-status done --next-task "Pair on the CLI" --confidential
O 2026-10-20T20:00:00+02:00 week --no-input --date 2026-10-20 --task-status done --next-task "Give the talk draft"
O 2026-10-21T09:00:00+02:00 ask "How do reviews work here?"
O 2026-11-03T20:00:00+01:00 week --no-input --date 2026-11-03 --duration 90 --task-status partly --next-task "Ship the feature"
O 2026-11-05T10:00:00+01:00 goals done g2
O 2026-11-06T10:00:00+01:00 goals add "Mentor a newcomer" --horizon 90
O 2026-11-10T20:00:00+01:00 week --no-input --date 2026-11-10 --task-status done --next-task "Write the retro"
O 2026-11-24T20:00:00+01:00 week --no-input --date 2026-11-24 --task-status done --next-task "Rest"
# The retrospective (retrospective-4d7d810.md): `end` on a copy; `reopen` moves the same file
# to drafts/retrospective.md.
cp -a "$H" "$H.ended"
MENTORLOG_HOME=$H.ended O 2026-12-01T20:00:00+01:00 end --no-input --went-well "weekly rhythm" --next "mentor others"

"""The guide's checklists in its own words: each section and item with a short stable ID."""

from __future__ import annotations

from msgspec import Struct


class Item(Struct, frozen=True):
    """One line of one of the guide's checklists."""

    id: str
    guide: str  # the item's number in its section of the guide, like "4b"
    text: str


class Section(Struct, frozen=True):
    """One of the guide's checklists."""

    id: str
    title: str
    items: tuple[Item, ...]
    weekly: bool = False  # hand ticks count for the current week only


SECTIONS: tuple[Section, ...] = (
    Section("requirements", "Requirements", (
        Item("req-hours", "1", "Minimum 1 hour/week availability."),
        Item("req-replies", "2", "Willingness to answer occasional emails, slack messages, and "
             "other such communications in a timeboxed and timely manner."),
        Item("req-months", "3", "Be able to participate for at least 3 months, preferably "
             "longer."),
        Item("req-support", "4", "While part of the program, help support other mentees in the "
             "#mentees channel."),
    )),
    Section("responsibilities", "Your Responsibilities", (
        Item("resp-conduct", "1", "Follow the WeAllJS Code of Conduct in all interactions."),
        Item("resp-time", "2", "Respect your mentor's valuable time by keeping time limits on "
             "interactions, being reasonable about tasks for weekly targets, making sure you "
             "make it to your arranged meetings on time, etc."),
        Item("resp-notify", "3", "Notify your mentor in a timely fashion about sudden schedule "
             "changes or conflicts that might affect your meetings."),
        Item("resp-respect", "4", "Communicate respectfully, openly, amicably, and "
             "professionally."),
        Item("resp-confidence", "5", "Respect the mentor's confidentiality. Don't share things "
             "they've told you unless you have been given clear, explicit permission."),
        Item("resp-education", "6", "Take charge of your own education: Work together with your "
             "mentor to promote your own growth and success."),
        Item("resp-power", "7", "Be aware of intersectional issues and power dynamics."),
        Item("resp-feedback", "8", "Be open but empathic in both receiving and giving feedback. "
             "Communicate about the relationship regularly."),
        Item("resp-help", "9", "Seek outside help when something isn't working right or you "
             "have a serious problem."),
    )),
    Section("signup", "Signing Up", (
        Item("signup-join", "1", "Join the #mentorship channel in the WeAllJS Slack and add "
             "yourself to the spreadsheet."),
        Item("signup-announce", "2", "Leave a message in the channel to let others know that "
             "you've signed up."),
        Item("signup-match", "3", "You will be contacted some time after if the program's "
             "mentors have found a potential match."),
        Item("signup-intro", "4", "If you both agree, you'll be invited to #mentees, introduced "
             "to your mentor, and then you should plan your First Meeting."),
    )),
    Section("first-meeting", "The First Meeting", (
        Item("first-schedule", "1", "Schedule the meeting directly with your mentor."),
        Item("first-timebox", "2", "Timeboxed to 1 hour with a hard stop."),
        Item("first-goals", "3", "Discuss with your mentor what the overall goals for the "
             "relationship will be."),
        Item("first-success", "3", "Discuss how you would measure success."),
        Item("first-time", "4a", "Apart from the 1hr/week, how much extra time will you "
             "dedicate, if any, and in what contexts?"),
        Item("first-channels", "4b", "What are appropriate mediums and times for "
             "communication?"),
        Item("first-boundaries", "4c", "Is there anything, such as discussing certain "
             "technologies, outside of the bounds of what you're willing to discuss?"),
        Item("first-slots", "5", "Agree on a general schedule for your weekly meetings: one or "
             "two times that can be blocked off on your calendars."),
        Item("first-gaps", "6", "Discuss any potential gaps in time commitment that might "
             "happen, and how to manage them."),
        Item("first-targets", "7", "Write down some general targets for the first 30/60/90 "
             "days."),
        Item("first-task", "8", "Discuss some task or goal that you can and would like to work "
             "on before the first regular weekly meeting."),
    )),
    Section("weekly", "The Weekly Meeting", (
        Item("weekly-timebox", "1", "Timeboxed to a minimum of 1 hour, respecting your "
             "agreed-upon time limits."),
        Item("weekly-task", "2", "Review and discuss last week's task and help answer any "
             "questions."),
        Item("weekly-monthly", "3", "Once a month: review the past month and any relevant "
             "30/60/90 goals; set the next set of 30/60/90 goals."),
        Item("weekly-talk", "4", "Ask questions, come up with something to work or pair on, "
             "talk about industry/career stuff, or just chat about general things and get to "
             "know your mentor."),
        Item("weekly-wrapup", "5", "Reserve the last 10-15 minutes of the meeting: what are you "
             "doing for the next week, what will your mentor keep an eye out for, when and "
             "where is the next meeting, anything else?"),
    ), weekly=True),
    Section("between", "Between Meetings", (
        Item("between-know", "1", "You should know what you are doing in the context of the "
             "mentorship every week."),
        Item("between-follow-up", "2", "Take advantage of any external opportunities "
             "brought up by your mentor."),
        Item("between-achievable", "3", "Try to pick goals that you and your mentor believe are "
             "achievable in a week's time."),
        Item("between-tasks", "4", "Do your best to meet your goals and complete any tasks that "
             "you committed to doing over the course of the week."),
        Item("between-notes", "5", "If you can, consider taking notes about the experience so "
             "you can discuss insights and challenges with them at your next meeting."),
        Item("between-help", "6", "Contact your mentor if you need help, and you have "
             "negotiated how to do that."),
        Item("between-channels", "7", "ONLY contact your mentor through channels, at times, or "
             "in ways that you have previously agreed to."),
    ), weekly=True),
)
SECTION_IDS = tuple(s.id for s in SECTIONS)
ITEMS: dict[str, tuple[Section, Item]] = {i.id: (s, i) for s in SECTIONS for i in s.items}

"""Writes of proposals and suggestions: filing and review (filing), the units' handling, reply and feedback
(handling), the reminders; rules.py holds what they share."""

"""Writes of reception duty (duty, leave, reminders), constituent visits and the supervision panel: import the module
of the sub-domain (`from petitions.services import duty`)."""

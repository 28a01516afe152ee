"""Deliver the messages waiting in the outbox: the same job beat runs every minute, for a machine without a broker."""

from django.core.management.base import BaseCommand

from congress.services import notifications_deliver_pending


class Command(BaseCommand):
    help = "Deliver every message waiting in the outbox."

    def handle(self, *args, **options) -> None:
        sent = notifications_deliver_pending()
        self.stdout.write(f"delivered: {sent}")

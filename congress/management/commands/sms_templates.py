"""Print the text-message templates to register with the SMS provider, with this site's address written in."""

from django.conf import settings
from django.core.management.base import BaseCommand

from congress.messages import KINDS, template_variable
from congress.sms import aliyun, tencent


class Command(BaseCommand):
    help = "Print each message kind's template for Aliyun and Tencent, with this site's address (DJANGO_SITE_URL)."

    def handle(self, *args, **options) -> None:
        for kind in KINDS.values():
            self.stdout.write(f"{kind.label} — DJANGO_SMS_TEMPLATE_{template_variable(kind.kind)}")
            self.stdout.write(f"  Aliyun:  {aliyun.template_text(kind.kind, settings.SITE_URL)}")
            self.stdout.write(f"  Tencent: {tencent.template_text(kind.kind, settings.SITE_URL)}")
            order = ", ".join(f"{{{n}}} {name}" for n, name in enumerate(kind.params, 1))
            self.stdout.write(f"  parameters: {order}")

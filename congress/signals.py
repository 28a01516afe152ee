"""The site's own signals.

`rows_written`: rows of a model with a history were written in bulk (bulk_create_with_history,
bulk_update_with_history, or a queryset's update() followed by congress.audit.history_record_update), which
Django's post_save never sees. Sent with `sender` (the model) and `rows` (the rows as written). Together with
simple-history's `post_create_historical_record` (every single save and delete), it tells a receiver of every
write of a model with a history, whatever path the write took."""

from django.dispatch import Signal

rows_written = Signal()

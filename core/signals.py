"""Signals of the foundation, for the apps above it to listen to."""

from django.dispatch import Signal

# Sent once per export a user makes, with the queryset written: user,
# queryset, fields, filters, file_format, via. accounts records it
# (accounts.ExportRecord); the sender is the exporting class.
data_exported = Signal()

# Sent when a user opens a record holding personal data, searches by a
# phone or an e-mail, or is refused a record outside their scope: user,
# action ("card", "search", "refused"), model (the model class),
# object_ids, detail, request (or None). accounts records it in the
# append-only access log (accounts.AccessRecord, 152-ФЗ).
personal_data_accessed = Signal()

# Sent after the personal data of some records was destroyed (152-ФЗ,
# art. 21; accounts.destruction): model, object_ids. An app that stores
# files made from the data (booklets) drops those that may name them.
personal_data_destroyed = Signal()

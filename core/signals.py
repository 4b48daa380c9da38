"""Signals of the foundation, for the apps above it to listen to."""

from django.dispatch import Signal

# Sent once per export a user makes, with the queryset written: user,
# queryset, fields, filters, file_format, via. accounts records it
# (accounts.ExportRecord); the sender is the exporting class.
data_exported = Signal()

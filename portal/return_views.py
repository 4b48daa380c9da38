"""The portal's return pages."""

"""The portal's center pages."""

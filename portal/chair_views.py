"""The portal's chair pages."""

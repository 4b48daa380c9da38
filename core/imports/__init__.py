"""Spreadsheets in and out: file checks, reading, the all-or-nothing import
engine and the escaping of exports. See docs/import-formats.md."""

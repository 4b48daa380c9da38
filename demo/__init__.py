"""The 2022 demo data (and a smaller 2021): `python manage.py load_demo`.

Order: registry (territories, committees, bodies, activists, centers, clubs,
events, receptions, prevention), then contests, then the report's narrative.
Each module has a `load()` that reads what the earlier ones made from the
database. What the seed names and counts is in fixtures/ (see its
README.md); the modules load it and generate the bulk around it.
"""

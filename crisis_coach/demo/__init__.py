"""Demo data (`manage.py seed_demo`) and the benchmarks' large dataset (`manage.py seed_large`).

The top of the import graph: this app imports every other app, and no app imports it. It used to
live in crisis_coach.common, which made the library that every app imports depend on every app.
"""

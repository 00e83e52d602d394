"""Collection rules for the whole repository (fixtures live in tests/conftest.py)."""

# Importing __main__ would run the CLI; it has no examples anyway.
collect_ignore = ["newsparallax/__main__.py"]

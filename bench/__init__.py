"""Benchmarks of the checker, the site build, our assets, the wizard and `mkdocs serve`."""

"""Rendering: one language of the site plan into page text, with Jinja2 templates, the
wizard, flow maps and assets. No engine is imported here.
"""

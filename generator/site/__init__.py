"""The site: project settings, the site plan (every page and address), interface words,
editor markup and search.
"""

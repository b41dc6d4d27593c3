"""Engine adapters: the MkDocs plugin, Zensical, and the export of plain files. Only this layer
imports or runs a site engine.
"""

"""The flows format: the model, its schema, the loader with its YAML error rules and the merge
of a site's files, the validator, and the checker's coded messages.
"""

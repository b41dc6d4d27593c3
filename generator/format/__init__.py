"""The flows format: the model, its schema, the loader and its YAML error rules, the
validator, and the checker's coded messages.
"""

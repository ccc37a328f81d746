"""A record's files: the text inside them (extracted in the background, tasks.py), who may
download them (access.py) and adding files from disk (store.py, for importers and the demo).
The extraction itself is kb.extraction (no Django); the models are kb.models.files."""

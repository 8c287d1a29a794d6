"""The dataset studio, the core half: ingest, split, LLM client, generation stages, quality, the SQLite store,
the export format registry, Hub I/O, and the service every front end calls (datagen.service). No UI code."""

"""Innspillsbasen core: models, database, Norwegian analysis, index and search."""

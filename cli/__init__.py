"""The `kb` command: the top floor, which drives the indexer, the library and the web app."""
from cli.main import main

__all__ = ["main"]

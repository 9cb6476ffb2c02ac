"""The one error type of ingesting: its message is shown to the user as it is."""


class IngestError(Exception):
    """A report could not be ingested; the message says why, in Norwegian."""

"""The version of qm (a leaf module: the journal index keys its cache on it)."""

__version__ = "0.2.0"

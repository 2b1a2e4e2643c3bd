"""qm: a command-line tracker for government campaign plans (质量月 and the like)."""

__version__ = "0.1.0"

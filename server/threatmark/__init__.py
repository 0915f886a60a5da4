"""Threatmark: a security language server and CLI built on one pure analysis engine."""

__version__ = "0.1.0"

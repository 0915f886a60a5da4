"""Intra-file taint tracking: sources → propagation (with summaries) → sanitisers → sinks."""

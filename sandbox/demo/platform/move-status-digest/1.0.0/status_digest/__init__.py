"""Pegasus platform library: a morning digest of move statuses."""

"""Some module."""

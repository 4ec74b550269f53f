"""Tenants: the municipality every piece of data belongs to, and how a request finds it."""

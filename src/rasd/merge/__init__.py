"""Merging reports of one incident into canonical events; near-duplicate links."""

"""Actors: the actor dictionary, alias matching and ACLED inter codes."""

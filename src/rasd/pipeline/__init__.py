"""The orchestrator that chains the stages, and the ways to run it (local, Dask, watch)."""

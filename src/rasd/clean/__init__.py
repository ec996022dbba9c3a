"""Cleaning documents: site chrome, Arabic normalisation, sentences."""

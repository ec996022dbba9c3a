"""Scoring extraction and merging against coded gold sets (`rasd eval`)."""

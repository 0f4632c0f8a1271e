"""Prefect flows: thin wiring of the pure newsevents code."""

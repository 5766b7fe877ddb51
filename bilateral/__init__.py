"""Bilateral: curated, coded records of relations between states, and the logic behind the dashboard."""

__version__ = "0.1.0"

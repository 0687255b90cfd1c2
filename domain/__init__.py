"""Quartermaster's business rules: plain Python, standard library only."""

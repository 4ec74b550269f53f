"""Demo: the Dresden demonstration data (dresden.py) and the command that loads it."""

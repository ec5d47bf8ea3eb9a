"""Sample submissions and the scripts that make them (python -m samples.make)."""

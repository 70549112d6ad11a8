"""The internal exam: its settings, the seeded draw, marking, what its pages carry, and merging results."""

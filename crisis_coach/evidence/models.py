"""A case's evidence log: dated facts, who was there and where the proof is kept."""

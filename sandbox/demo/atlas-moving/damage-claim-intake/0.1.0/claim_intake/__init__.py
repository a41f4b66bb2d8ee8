"""Atlas Moving Co.: take in a damage claim after a move."""

"""Atlas Moving Co.: chase the photos of a virtual survey."""

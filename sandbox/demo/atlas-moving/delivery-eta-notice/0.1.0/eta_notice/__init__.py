"""Atlas Moving Co.: tell the customer when the truck will arrive."""

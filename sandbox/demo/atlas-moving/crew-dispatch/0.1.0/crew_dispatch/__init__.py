"""Atlas Moving Co.: dispatch a crew for a booked move."""

"""Atlas Moving Co.: confirm a saved order to the customer by SMS."""

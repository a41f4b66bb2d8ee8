"""Atlas Moving Co.: keep the Demo Partner copy of each order in sync."""

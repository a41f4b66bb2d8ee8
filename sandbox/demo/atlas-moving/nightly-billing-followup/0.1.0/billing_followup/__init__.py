"""Atlas Moving Co.: nightly follow-up on overdue invoices."""

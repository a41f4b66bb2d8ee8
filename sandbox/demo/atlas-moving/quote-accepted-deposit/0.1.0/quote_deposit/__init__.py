"""Atlas Moving Co.: charge the booking deposit when a quote is accepted."""

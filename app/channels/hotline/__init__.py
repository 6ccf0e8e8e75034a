"""12345 hotline channel: tickets, address resolution, callbacks."""

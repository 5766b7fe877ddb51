"""The benchmark: a generated (synthetic, never in data/) database, timed import, page queries and figures."""

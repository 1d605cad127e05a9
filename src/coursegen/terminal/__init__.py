"""The terminal quiz runner and its rich display."""

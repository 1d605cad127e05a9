"""The pure quiz engine: assemble papers, score responses, read typed answers — no I/O."""

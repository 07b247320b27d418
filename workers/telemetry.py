"""Task outcome history for ops, recorded by the workers themselves (filled in by the ops work)."""

"""Ops: see and steer the running system from a terminal (`newsrelay ops ...`)."""

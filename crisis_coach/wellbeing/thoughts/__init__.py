"""Thought records inside a case (models.ThoughtRecord): a thinking exercise in two parts, the
thought first, then both sides of it. The owner's alone: every view reaches the case through
incidents' owner-scoped selector, so a coach (shared case or not) and anyone else get 404 until
sharing per section lands (issue 21)."""

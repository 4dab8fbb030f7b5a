"""Coaching sessions: proposed by either side, answered by the other, with a shared agenda and
summary, the coach's private notes, and a place on Today, the digest and both calendar feeds."""

"""Nudges and feedback: a coach's short word on a stalled shared case (Today and the digest), and the
client's rating of the coaching when a case closes (named, or anonymous until folded in threes)."""

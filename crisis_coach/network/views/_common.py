def flag_overdue(commitments, today):
    """Evaluate Commitment.is_overdue once per row, for templates (which cannot pass `today`)."""
    commitments = list(commitments)
    for commitment in commitments:
        commitment.overdue = commitment.is_overdue(today)
    return commitments

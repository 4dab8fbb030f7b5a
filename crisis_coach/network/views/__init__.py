"""Network views, split by meaning: contacts (and what hangs off one), keep in touch, commitments,
communities. All are thin: access helper, form, service, redirect."""

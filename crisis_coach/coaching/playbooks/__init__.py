"""The coach's own playbooks (models.Playbook): written, copied and archived on the coach's side
(/coach/playbooks/), offered to their linked clients on the Resolve page ("From your coach"), where a
step joins the client's own plan in one click, marked with the playbook's name."""

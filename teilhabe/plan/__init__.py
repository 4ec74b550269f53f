"""Plan: the integration concept's cycles (plan periods) with their phases, fields of
action, goals and measures, status reports by the departments, indicators and funding
lines, the revision into the next cycle, and the public plan portal."""

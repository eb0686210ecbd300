// department-labels: every department with its canonical name and its aliases.
MATCH (d:Department)
RETURN d.id AS id, d.name AS name, d.aliases AS aliases

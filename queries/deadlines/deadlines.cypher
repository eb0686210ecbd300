// deadlines: every measure that states a deadline, with every responsible unit. $plan: null for all.
MATCH (m:Measure) WHERE m.deadline IS NOT NULL AND ($plan IS NULL OR m.plan = $plan)
OPTIONAL MATCH (u:Department)-[r:LEADS|SUPPORTS|SHARES]->(m)
RETURN m.plan AS plan, m.order AS order, m.local_id AS id, m.path AS path, m.title AS title,
       m.deadline AS deadline, m.deadline_date AS date, collect([r.rank, type(r), u.name]) AS units

// portfolio: what the departments $ids (resolved from a name in Python, queries.portfolio)
// lead, support or share, with every unit of each of those measures. $plan: null for all.
MATCH (d:Department) WHERE d.id IN $ids
MATCH (d)-[mine:LEADS|SUPPORTS|SHARES]->(m:Measure)
WHERE $plan IS NULL OR mine.plan = $plan
OPTIONAL MATCH (u:Department)-[r:LEADS|SUPPORTS|SHARES]->(m)
RETURN d.id AS dept, d.name AS department, d.region AS region, type(mine) AS rel,
       m.plan AS plan, m.order AS order, m.local_id AS id, m.path AS path, m.title AS title,
       collect([r.rank, type(r), u.name]) AS units

// who-owns: measures whose number or path equals $text, or whose title or body contains it
// (ignoring case), with every responsible unit's rank, relation and name. $plan: null for all.
MATCH (m:Measure)
WHERE ($plan IS NULL OR m.plan = $plan)
  AND (m.number = $text OR m.path = $text OR toLower(m.title) CONTAINS toLower($text)
       OR toLower(m.text) CONTAINS toLower($text))
OPTIONAL MATCH (u:Department)-[r:LEADS|SUPPORTS|SHARES]->(m)
RETURN m.plan AS plan, m.order AS order, m.local_id AS id, m.path AS path, m.title AS title,
       collect([r.rank, type(r), u.name]) AS units

// departments: every department with the measures it leads, supports and shares. $plan: null for all.
MATCH (d:Department)-[r:LEADS|SUPPORTS|SHARES]->(m:Measure)
WHERE $plan IS NULL OR r.plan = $plan
RETURN d.id AS dept, d.name AS department, d.region AS region,
       count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN m.id END) AS leads,
       count(DISTINCT CASE WHEN type(r) = 'SUPPORTS' THEN m.id END) AS supports,
       count(DISTINCT CASE WHEN type(r) = 'SHARES' THEN m.id END) AS joint,
       count(DISTINCT m.id) AS measures, count(DISTINCT r.plan) AS plans

// targets: quantitative targets with the units responsible for the measure they sit in.
// $indicators: the ids of the indicators a name resolved to, in Python (queries.targets).
// $year, $indicators, $plan: null for no filter.
MATCH (h)-[:HAS_TARGET]->(t:Target)-[:MEASURES]->(i:Indicator)
WHERE ($plan IS NULL OR t.plan = $plan) AND ($year IS NULL OR t.year = $year)
  AND ($indicators IS NULL OR i.id IN $indicators)
OPTIONAL MATCH (u:Department)-[r:LEADS|SUPPORTS|SHARES]->(h)
RETURN t AS target, i.name AS indicator, h AS holder, 'Measure' IN labels(h) AS is_measure,
       collect([r.rank, type(r), u.name]) AS units

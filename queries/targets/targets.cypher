// targets: quantitative targets with the units responsible for the measure they sit in.
// $indicator matches (ignoring case) the indicator as printed, its canonical name or a synonym.
// $year, $indicator, $plan: null for no filter.
MATCH (h)-[:HAS_TARGET]->(t:Target)-[:MEASURES]->(i:Indicator)
WHERE ($plan IS NULL OR t.plan = $plan) AND ($year IS NULL OR t.year = $year)
  AND ($indicator IS NULL OR any(label IN [t.indicator, i.name] + coalesce(i.synonyms, [])
                                 WHERE toLower(label) CONTAINS toLower($indicator)))
OPTIONAL MATCH (u:Department)-[r:LEADS|SUPPORTS|SHARES]->(h)
RETURN t AS target, i.name AS indicator, h AS holder, 'Measure' IN labels(h) AS is_measure,
       collect([r.rank, type(r), u.name]) AS units

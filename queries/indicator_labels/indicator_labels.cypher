// indicator-labels: every indicator with its canonical name, its synonyms and the forms the
// plans printed it in (the indicator text of each target that measures it).
MATCH (i:Indicator)
OPTIONAL MATCH (t:Target)-[:MEASURES]->(i)
RETURN i.id AS id, i.name AS name, i.synonyms AS synonyms, collect(t.indicator) AS printed

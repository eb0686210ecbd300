// lineage, part one: what each plan of the graph is.
MATCH (p:Plan) RETURN p.plan AS plan, p.title AS title, p.region AS region, p.level AS level

-- Officials at events whose releases name a grant over 1 mln zł, in one powiat (?1).
-- A sum without a kind (records made before sums had one) counts as a grant.
SELECT DISTINCT e.id, o.value AS official, o.role
FROM events e
JOIN event_facts o ON o.event_id = e.id AND o.kind = 'official'
WHERE e.active = 1
  AND EXISTS (SELECT 1 FROM event_sources es JOIN mentions m ON m.doc_id = es.doc_id
              WHERE es.event_id = e.id AND m.kind = 'sum' AND m.currency = 'PLN'
                AND CAST(m.value AS REAL) > 1000000
                AND COALESCE(m.sum_kind, 'grant') = 'grant')
  AND EXISTS (SELECT 1 FROM event_sources es JOIN mentions g ON g.doc_id = es.doc_id
              WHERE es.event_id = e.id AND g.kind = 'gmina' AND g.powiat = ?1)
ORDER BY e.id, official;

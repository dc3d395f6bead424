-- Every sum in the releases that name one official (?1, nominative), largest first.
SELECT m.doc_id, d.title, m.value, m.currency, m.sum_kind, m.purpose
FROM mentions m
JOIN documents d ON d.id = m.doc_id AND d.present = 1
WHERE m.kind = 'sum'
  AND m.doc_id IN (SELECT doc_id FROM mentions WHERE kind = 'official' AND value = ?1)
ORDER BY CAST(m.value AS REAL) DESC;

-- Events per gmina and month (events of the last run with a known date).
SELECT f.value AS gmina, f.teryt, substr(e.date, 1, 7) AS month, count(*) AS events
FROM events e
JOIN event_facts f ON f.event_id = e.id AND f.kind = 'gmina'
WHERE e.active = 1 AND e.date IS NOT NULL
GROUP BY f.teryt, month
ORDER BY month, events DESC;

-- Reverses the data repair V3: puts back every value it changed, then forgets the repair.
UPDATE submissions s
SET platform        = c.before ->> 'platform',
    platform_detail = c.before ->> 'platform_detail',
    platform_source = c.before ->> 'platform_source',
    url_host        = c.before ->> 'url_host'
FROM data_repair_changes c
WHERE c.version = '3' AND c.submission_id = s.id;
DELETE FROM data_repairs WHERE version = '3';

-- Items answer numberMatched exactly at any size: an unfiltered collection's count is kept next to
-- its change counter by statement triggers (Repeatable/count_collection_rows.sql), so it is one
-- primary-key read instead of a count(*) over a million rows. Null until the repeatable script has
-- counted the table once (in the same run, under the triggers' lock).
alter table collection_versions add column row_count bigint;

-- The collection an upload job writes into, so GET /api/uploads/{id} answers only readers of that
-- collection (a token narrowed to roads must not read a parcels upload). Jobs recorded before this
-- have none and are shown to unrestricted readers only; they are pruned after 7 days anyway.
alter table upload_jobs add column collection text;

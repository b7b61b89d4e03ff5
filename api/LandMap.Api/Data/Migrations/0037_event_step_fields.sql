-- Which event kinds are steps an office records one at a time (POST /api/parcels/{code}/events), and
-- which fields each takes beside its date, document number and note: the map's step form reads
-- them from /api/vocabulary instead of keeping its own list. The lifecycle's own events (sold,
-- cleared, ...) have none: uploads and the sample record them. ProcedureRules checks the same fields
-- (tests/LandMap.IntegrationTests/Analytics/StepFieldsTests.cs keeps the two in agreement).
alter table lifecycle_event_kinds add column step_fields text[];
update lifecycle_event_kinds as k set step_fields = v.fields
from (values
    ('supplementary_agreement', array['newAgreedStartOn', 'newAgreedCompletionOn']),
    ('idle_investigation', array[]::text[]),
    ('idle_determined', array['cause']),
    ('extension_agreed', array['newAgreedStartOn']),
    ('use_adjusted', array['newAgreedStartOn']),
    ('temporary_use', array['newAgreedStartOn']),
    ('land_swapped', array[]::text[]),
    ('recovered_with_compensation', array[]::text[]),
    ('idle_fee_levied', array['amountWan']),
    ('idle_fee_paid', array['amountWan']),
    ('recovered_without_compensation', array[]::text[])
) as v (kind, fields)
where k.kind = v.kind;

-- A parcel's history is looked up by its code, also after the parcel itself is deleted.
create index parcel_history_code_idx on parcel_history ((attributes ->> 'code'));
create index parcel_history_valid_idx on parcel_history (valid_from, valid_to);

-- API keys as principals: each acts for some clinics (or all) in a role. Only a hash of the key is kept; the key
-- itself is shown once, when it is made. The id is the first 16 hex digits of that hash, as jobs and the log use.
create table api_keys (
  id text primary key,
  hash text not null unique,
  role text not null check (role in ('reader', 'planner', 'publisher', 'admin')),
  -- a JSON array of clinic ids; null: every clinic
  clinics json,
  label text,
  created_at timestamptz not null default now(),
  created_by text not null,
  revoked_at timestamptz,
  revoked_by text
);

-- Every disclosure is logged: exports name their subject (a pseudonymous patient:, facilitator: or track: id);
-- key changes and reads of the log itself belong to no one clinic.
alter table access_log alter column clinic_id drop not null;
alter table access_log add column subject text;
alter table access_log drop constraint access_log_action_check;
alter table access_log add constraint access_log_action_check
  check (action in ('read', 'export', 'publish', 'delete', 'read-access-log', 'create-key', 'revoke-key'));
create index access_log_by_time on access_log (at);

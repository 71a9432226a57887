-- Attendance after the week, per session and patient of a published roster (42 CFR Part 2: pseudonymous ids only).
-- The last mark recorded for a session and patient stands; who recorded it is a key id.
create table attendance (
  roster_id uuid not null references rosters (id) on delete cascade,
  session_id text not null,
  patient_id text not null,
  status text not null check (status in ('present', 'late', 'absent', 'excused')),
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (roster_id, session_id, patient_id)
);

alter table access_log drop constraint access_log_action_check;
alter table access_log add constraint access_log_action_check
  check (action in ('read', 'export', 'publish', 'delete', 'read-access-log', 'create-key', 'revoke-key', 'record-attendance'));

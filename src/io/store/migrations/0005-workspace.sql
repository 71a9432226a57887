-- The workspace at /app. A signed-in key's session, named by the SHA-256 of its cookie (the cookie itself is kept
-- nowhere), with the principal it acts as; a key revoked ends its sessions (see SessionStore.find).
create table app_sessions (
  id text primary key,
  key_id text not null,
  role text not null check (role in ('reader', 'planner', 'publisher', 'admin')),
  -- a JSON array of clinic ids; null: every clinic
  clinics json,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index app_sessions_by_expiry on app_sessions (expires_at);

-- A clinic's week being planned in the workspace, shared by the keys that act for the clinic: the scenario read
-- from its spreadsheets, the rows left out, the job solving it and the roster (solved, then edited by hand).
create table drafts (
  clinic_id text not null,
  week_start date not null,
  scenario json not null,
  left_out json not null,
  job_id text,
  job_owner text,
  roster json,
  updated_by text not null,
  updated_at timestamptz not null default now(),
  primary key (clinic_id, week_start)
);

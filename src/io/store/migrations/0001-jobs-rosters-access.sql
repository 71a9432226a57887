-- Jobs are the queue: instances claim queued rows with FOR UPDATE SKIP LOCKED, keep a heartbeat while they solve,
-- and finish a job only while they still hold its attempt. Patient data stays pseudonymous (ids only, never names).
create table jobs (
  id uuid primary key,
  -- the API key id that made the job; only it may read or cancel it
  owner text not null,
  clinic_id text not null,
  status text not null check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
  -- the solve request as the client sent it (scenario and options), read again by whichever instance runs it;
  -- json, not jsonb: stored and returned whole, never queried inside, and a 5 MB scenario converts slowly to jsonb
  request json not null,
  -- the fencing token: a solve may write its result only while the row still carries its attempt
  attempt integer not null default 0,
  instance text,
  heartbeat_at timestamptz,
  cancel_requested boolean not null default false,
  progress json,
  roster json,
  error text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index jobs_queued on jobs (created_at) where status = 'queued';
create index jobs_running on jobs (heartbeat_at) where status = 'running';
create index jobs_finished on jobs (finished_at) where finished_at is not null;

-- A roster a coordinator published for a clinic's week; the newest per week is the one in force.
create table rosters (
  id uuid primary key,
  clinic_id text not null,
  week_start date not null,
  scenario json not null,
  roster json not null,
  published_by text not null,
  published_at timestamptz not null default now()
);
create index rosters_by_week on rosters (clinic_id, week_start desc, published_at desc);

-- 42 CFR Part 2: who (API key id) read, exported or published which clinic's roster, and when; no patient data.
create table access_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  key_id text not null,
  action text not null check (action in ('read', 'export', 'publish', 'delete')),
  clinic_id text not null,
  resource text not null,
  format text
);
create index access_log_by_clinic on access_log (clinic_id, at);

-- The clinic's record of each stay (42 CFR Part 2: pseudonymous ids only): the patient's row as next week's scenario
-- takes it and a line per closed week (booked, attended, missed; topics heard). A readmission under the same id
-- replaces a discharged stay.
create table stays (
  clinic_id text not null,
  patient_id text not null,
  record json not null,
  discharged_on date,
  updated_at timestamptz not null default now(),
  primary key (clinic_id, patient_id)
);

-- The changes a coordinator gave for a week (admissions, discharges, updates, step-downs); kept so that the week's
-- discharges keep their reasons when the week is closed into the record.
create table week_changes (
  clinic_id text not null,
  week_start date not null,
  changes json not null,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (clinic_id, week_start)
);

alter table access_log drop constraint access_log_action_check;
alter table access_log add constraint access_log_action_check
  check (action in ('read', 'export', 'publish', 'delete', 'read-access-log', 'create-key', 'revoke-key', 'record-attendance',
    'next-week', 'read-stays'));

-- What next week was made with (census, make-ups, therapists away, step-downs to propose), shown on the week's page.
alter table drafts add column notes json not null default '[]';

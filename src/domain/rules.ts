// The hard rules, by id: the catalogue the solver's predicates (solver/constraints.ts) and the validator's checks
// (validator/checks.ts) are both keyed by, so neither can add or drop a rule without the other seeing it.
export const RULES = {
  "roster-integrity":
    "The roster names only known people, rooms and topics, lists every patient once, and its per-patient lists match the sessions.",
  "slot-fit": "Every session runs exactly in one of the clinic's slots, open to its track and its members' levels.",
  "patient-window":
    "A patient only attends outside their work, school, childcare and one-off windows (with travel buffer), and not before admission.",
  "patient-overlap": "A patient never sits in two overlapping sessions.",
  "facilitator-overlap": "A facilitator never leads two overlapping sessions.",
  "room-overlap": "A room never holds two overlapping sessions.",
  "group-size": "Every session that meets has between its track's minimum and maximum members.",
  "track-separation": "A session holds patients of one track, its own (or, for a level the program shares, the host track's).",
  "facilitator-fit":
    "A facilitator is credentialed for the track and topic, available for the whole session, and within their weekly hours.",
  "room-capacity": "A room seats every member of its session.",
  "level-rules": "A patient's week stays inside their level's band maximum and its per-day and per-week session rules.",
  "topic-eligibility":
    "A session's topic belongs to its track's curriculum, may be held that weekday and in its slot, and suits every member's week of stay.",
  "individual-sessions":
    "A one-to-one session is with the patient's primary therapist (one therapist each, within their caseload), of the level's length, in the week, one a day, inside both calendars and a free room for two, overlapping nothing of either; the week books what the level calls for, or says why when no therapist who may see them has a time both are free.",
  "family-program":
    "A family session meets at a family-group time with a free, available leader and room; it seats only patients whose plan includes the family program, each once, within its capacity with their family members; the week books each, or says why when no family group they can come to has a seat for them.",
  "drug-tests":
    "A drug test is collected at a session the patient attends, on its date, each on a different day; the week books what the level calls for, or as many as the days they attend.",
  "step-down":
    "A patient's week is planned at the level in force by their level history, with the hours it requires (its band and sessions are level-rules').",
  "curriculum-progress":
    "Each patient's curriculum progress (heard before, new this week, still to come) and week of stay are what the scenario and the sessions make them.",
  closures:
    "Nothing is booked while the clinic is closed (a closure's day or part of a day), with a facilitator on leave or in a room out of service: no group, one-to-one or family session.",
  pins: "Every pin holds: a pinned group meets at its time (with its lead and room when named); a pinned patient sits in a group of their track at that time.",
} as const;
export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];

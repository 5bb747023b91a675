-- Read models (docs/projections.md). Each table belongs to exactly one Axon processing group and is written only
-- by its event handlers; a replay (processor reset) empties the group's tables and rebuilds them from the events.
-- Nothing here holds personal data: ids, agency slugs, codes, phases and times only.

-- ---- processing group "caseload": 担当ケース一覧 ------------------------------------------------------------------

-- One row per case.
create table caseload_case (
    case_id           varchar(64)  primary key,
    opening_agency_id varchar(64)  not null,
    phase             varchar(32)  not null,
    issues            text[]       not null default '{}',
    lead_agency_id    varchar(64)  not null,
    next_review_on    date,
    updated_at        timestamptz  not null
);
create index caseload_case_open_updated_idx on caseload_case (updated_at desc, case_id) where phase <> 'CLOSED';

-- Who holds the case on an OWN_RECORD basis, why, and which information categories that holding covers.
-- reason: OPENED, COORDINATOR, PLAN, PARTICIPATION, or 'REFERRAL:<referralId>' (one row per accepted referral).
-- expires_at: for a referral resting on a consent, the end of that consent's validUntil (Asia/Tokyo); null = open-ended.
create table caseload_holder (
    case_id    varchar(64)  not null,
    agency_id  varchar(64)  not null,
    reason     varchar(128) not null,
    categories text[]       not null,
    expires_at timestamptz,
    primary key (case_id, agency_id, reason)
);
create index caseload_holder_agency_idx on caseload_holder (agency_id, case_id);

-- The caseload's own copy of what it needs of referrals and consents, so that the group never reads another
-- group's tables (processors progress and reset independently).
create table caseload_referral (
    referral_id  varchar(64)  primary key,
    case_id      varchar(64)  not null,
    to_agency_id varchar(64)  not null,
    basis        varchar(32)  not null,
    consent_id   varchar(64),
    categories   text[]       not null,
    status       varchar(16)  not null
);
create index caseload_referral_open_idx on caseload_referral (case_id) where status in ('REQUESTED', 'ACCEPTED');
create index caseload_referral_consent_idx on caseload_referral (consent_id);

create table caseload_consent (
    consent_id   varchar(64)  primary key,
    case_id      varchar(64)  not null,
    expires_at   timestamptz  not null,
    withdrawn_at timestamptz
);

-- ---- processing group "handoffs": つなぎボード --------------------------------------------------------------------

create table handoff (
    referral_id    varchar(64)  primary key,
    case_id        varchar(64)  not null,
    from_agency_id varchar(64)  not null,
    to_agency_id   varchar(64)  not null,
    status         varchar(16)  not null,
    basis          varchar(32)  not null,
    consent_id     varchar(64),
    categories     text[]       not null default '{}',
    requested_at   timestamptz  not null,
    answered_at    timestamptz,
    due_at         timestamptz  not null,
    completed_at   timestamptz
);
create index handoff_requested_idx on handoff (requested_at desc, referral_id);
create index handoff_to_idx on handoff (to_agency_id, requested_at desc);
create index handoff_from_idx on handoff (from_agency_id, requested_at desc);
create index handoff_case_idx on handoff (case_id);
create index handoff_status_idx on handoff (status, requested_at desc);
create index handoff_pending_due_idx on handoff (due_at) where status = 'REQUESTED';

-- The caseload asks the domain's disclosure policy who holds each case (docs/projections.md): holdings become time
-- segments per holder, decided person by person, and the coordinator's escalation list is added. The old tables kept
-- their own copy of the rules; they go, and the caseload processor replays from the first event.

drop table caseload_holder;
drop table caseload_referral;
drop table caseload_consent;
delete from caseload_case;
alter table caseload_case add column open_referrals integer not null default 0;

-- Who holds a case, from valid_from (null: open towards the past) until valid_until (null: until the next event),
-- with the categories its holding covers for anyone and the issue flags it may see.
create table caseload_holding (
    case_id     varchar(64)  not null,
    agency_id   varchar(64)  not null,
    segment     integer      not null,
    valid_from  timestamptz,
    valid_until timestamptz,
    categories  text[]       not null,
    issues      text[]       not null,
    primary key (case_id, agency_id, segment)
);
create index caseload_holding_agency_idx on caseload_holding (agency_id, case_id);

-- Cases escalated to a coordinator (多機関協働): the escalation list, whether or not the coordinator may see the case.
create table caseload_escalation (
    case_id               varchar(64) primary key,
    coordinator_agency_id varchar(64) not null,
    opening_agency_id     varchar(64) not null,
    escalated_at          timestamptz not null
);
create index caseload_escalation_coordinator_idx on caseload_escalation (coordinator_agency_id, escalated_at desc);

-- Replay the caseload group from the start of the event stream.
delete from tokenentry where processorname = 'caseload';

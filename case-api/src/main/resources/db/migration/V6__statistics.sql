-- Statistics for planners (docs/statistics.md). Written only by the Axon processing group "statistics"
-- (jp.kasane.projections.statistics.StatisticsProjection); a replay empties these tables and rebuilds them.
-- Nothing here holds personal data, and nothing here is ever answered row by row: the API answers counts per
-- Japanese fiscal year only. Ids are kept so that re-delivered events are recognised (idempotent upserts).

-- One row per case: when it was opened (the first consultation's occurredAt).
create table stats_case (
    case_id   varchar(64)  primary key,
    opened_at timestamptz  not null
);
create index stats_case_opened_idx on stats_case (opened_at);

-- Every closure and reopening of a case, in stream order (sequence_number), with the time it was recorded.
-- change: CLOSED | REOPENED. Whether a case was open at a moment is decided by its last change before it.
create table stats_case_change (
    case_id         varchar(64)  not null,
    sequence_number bigint       not null,
    change          varchar(16)  not null,
    recorded_at     timestamptz  not null,
    primary key (case_id, sequence_number)
);
create index stats_case_change_recorded_idx on stats_case_change (change, recorded_at);

-- The issue codes raised for a case, with the earliest occurredAt of a consultation that raised each.
create table stats_case_issue (
    case_id       varchar(64)  not null,
    issue         varchar(64)  not null,
    first_seen_at timestamptz  not null,
    primary key (case_id, issue)
);

-- Meetings: MULTILAYER_MEETING (重層的支援会議) | SUPPORT_MEETING (支援会議), by the day they were held.
create table stats_meeting (
    meeting_id varchar(64)  primary key,
    kind       varchar(32)  not null,
    held_on    date         not null
);
create index stats_meeting_held_idx on stats_meeting (held_on);

-- One row per decision of a MeetingDecisionsTaken event (event id, position in its list); counted in the fiscal
-- year of the meeting's held_on.
create table stats_decision (
    event_id   varchar(255) not null,
    position   int          not null,
    meeting_id varchar(64)  not null,
    type       varchar(48)  not null,
    primary key (event_id, position)
);
create index stats_decision_meeting_idx on stats_decision (meeting_id);

-- One row per referral (つなぎ). answer: null while unanswered, then ACCEPTED | DECLINED | WITHDRAWN (set once);
-- completed_at once an accepted referral is completed.
create table stats_referral (
    referral_id  varchar(64)  primary key,
    requested_at timestamptz  not null,
    due_at       timestamptz  not null,
    answer       varchar(16),
    answered_at  timestamptz,
    completed_at timestamptz
);
create index stats_referral_requested_idx on stats_referral (requested_at);

-- Every ResourceGapNoted (社会資源の不足), counted in the fiscal year of its meeting's held_on (else of recorded_at).
create table stats_resource_gap (
    case_id         varchar(64)  not null,
    sequence_number bigint       not null,
    meeting_id      varchar(64),
    recorded_at     timestamptz  not null,
    primary key (case_id, sequence_number)
);
create index stats_resource_gap_meeting_idx on stats_resource_gap (meeting_id);

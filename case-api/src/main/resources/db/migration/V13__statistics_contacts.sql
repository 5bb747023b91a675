-- Statistics of everyday practice (docs/statistics.md): who brought each consultation (consulted_by: SELF, FAMILY,
-- NEIGHBOUR, COMMISSIONER, AGENCY, OTHER, or UNKNOWN when not asked) and every contact (method, reached), each by
-- when it happened. No personal data; ids only to recognise re-delivered events.
create table stats_consultation (
    consultation_id varchar(64)  primary key,
    occurred_at     timestamptz  not null,
    consulted_by    varchar(16)  not null
);
create index stats_consultation_occurred_idx on stats_consultation (occurred_at);

create table stats_contact (
    contact_id  varchar(64)  primary key,
    occurred_at timestamptz  not null,
    method      varchar(32)  not null,
    reached     boolean      not null
);
create index stats_contact_occurred_idx on stats_contact (occurred_at);

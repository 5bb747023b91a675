-- The meeting index (docs/meetings.md): one row per meeting, enough to list a coordinator's meetings by date and
-- kind. `readers` are the agencies the domain lets read the meeting (MeetingRecord.readers: convener and attendees);
-- the meeting itself is read from its events. No personal data.
create table meeting_index (
    meeting_id varchar(64) primary key,
    kind       varchar(32) not null,
    held_on    date        not null,
    readers    text[]      not null
);
create index meeting_index_held_on_idx on meeting_index (held_on desc, meeting_id);
create index meeting_index_readers_idx on meeting_index using gin (readers);

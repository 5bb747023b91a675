-- Key-encryption key versions, so that a KEK can be rotated and the old one destroyed (docs/personal-data.md,
-- "Erasure at rest"). The key material itself is never here: it lives in the keyring directory.
--   retired_at:   no new data key is wrapped under this version any more (a rotation has begun)
--   destroyed_at: every data key it wrapped has been re-wrapped under a newer version, and its key file deleted
create table kek_version (
    kek_id       varchar(64) primary key,
    created_at   timestamptz not null default now(),
    retired_at   timestamptz,
    destroyed_at timestamptz
);

insert into kek_version (kek_id, created_at)
select kek_id, min(created_at) from person_key group by kek_id;

-- person_key again, in a new table: its wrapped_key column keeps no statistics (statistics target 0, so ANALYZE
-- never samples a wrapped key into pg_statistic), and dropping the old table removes its files and its statistics,
-- with every dead tuple that still held an erased person's wrapped key.
alter table person_key rename to person_key_v3;
alter table person_key_v3 rename constraint person_key_erased_has_no_key to person_key_v3_erased_has_no_key;
alter index person_key_pkey rename to person_key_v3_pkey;

create table person_key (
    subject_id          varchar(64) primary key,
    wrapped_key         bytea,
    kek_id              varchar(64) not null references kek_version (kek_id),
    created_at          timestamptz not null default now(),
    erased_at           timestamptz,
    erasure_reason_code varchar(64),
    constraint person_key_erased_has_no_key check ((erased_at is null) = (wrapped_key is not null))
);
alter table person_key alter column wrapped_key set statistics 0;

insert into person_key (subject_id, wrapped_key, kek_id, created_at, erased_at, erasure_reason_code)
select subject_id, wrapped_key, kek_id, created_at, erased_at, erasure_reason_code from person_key_v3;

drop table person_key_v3;

comment on table person_key is 'One data key per data subject; erasing a person = deleting the key (crypto-shredding)';
comment on column person_key.wrapped_key is 'AES-GCM-wrapped data key (by KEK kek_id); NULL once erased; no statistics';
create index person_key_kek_id on person_key (kek_id) where wrapped_key is not null;

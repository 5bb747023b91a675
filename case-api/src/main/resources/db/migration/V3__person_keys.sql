-- Per-person data keys for crypto-shredding (docs/personal-data.md).
-- wrapped_key: the subject's AES-256 data key, AES-GCM-wrapped by the key-encryption key kek_id
--              (nonce | ciphertext | tag, 60 bytes). Set to NULL on erasure: without it, nothing the subject's key
--              sealed can be opened again, while the events stay intact.
-- The row itself stays after erasure as the proof of it (erased_at, erasure_reason_code).
create table person_key (
    subject_id          varchar(64) primary key,
    wrapped_key         bytea,
    kek_id              varchar(64) not null,
    created_at          timestamptz not null default now(),
    erased_at           timestamptz,
    erasure_reason_code varchar(64),
    constraint person_key_erased_has_no_key check ((erased_at is null) = (wrapped_key is not null))
);

comment on table person_key is 'One data key per data subject; erasing a person = deleting the key (crypto-shredding)';
comment on column person_key.wrapped_key is 'AES-GCM-wrapped data key; NULL once erased';

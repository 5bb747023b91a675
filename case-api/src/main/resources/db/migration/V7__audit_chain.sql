-- The audit hash chain (docs/audit.md). One row per stored domain event, written only by the Axon processing group
-- "audit-chain" (jp.kasane.api.audit.AuditChainProjection), which reads each row of domainevententry as stored and
-- links it to the previous event of the same aggregate stream:
--   hash = SHA-256(previous_hash, aggregate id, sequence, event id, payload type, revision, timestamp, payload, metadata)
-- (every part length-prefixed). A per-stream chain: appends to different cases never contend on one chain head.
-- Nothing here holds personal data: ids, sequence numbers and hex digests only.

create table audit_chain (
    global_index         bigint       primary key,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    hash                 char(64)     not null,
    previous_hash        char(64),
    unique (aggregate_identifier, sequence_number)
);

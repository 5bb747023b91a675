-- Idempotency-Key records (API.md "Conventions"): a retry with the same key and body gets the first answer.
-- Written in the same transaction as the events the request recorded, so a key is remembered exactly when
-- its request took effect. The stored answer holds ids and versions only, never personal data.
CREATE TABLE idempotency_record (
    agency_id       VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    status_code     INTEGER      NOT NULL,
    response_body   TEXT,
    location        TEXT,
    etag            TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_id, idempotency_key)
);
CREATE INDEX idempotency_record_created_idx ON idempotency_record (created_at);

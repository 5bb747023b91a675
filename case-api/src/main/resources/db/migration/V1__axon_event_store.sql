-- Axon Framework 4.12 JDBC storage, as Axon's own PostgreSQL table factories define it (default names), so that
-- the JdbcEventStorageEngine, JdbcTokenStore, JdbcSagaStore and JdbcSequencedDeadLetterQueue work unchanged.
-- Axon's createSchema is never used: Flyway owns every table.

CREATE TABLE domainevententry (
    globalindex         BIGSERIAL    NOT NULL,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalindex),
    UNIQUE (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);

CREATE TABLE snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);

CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

CREATE TABLE sagaentry (
    sagaid         VARCHAR(255) NOT NULL,
    revision       VARCHAR(255),
    sagatype       VARCHAR(255),
    serializedsaga BYTEA,
    PRIMARY KEY (sagaid)
);

CREATE TABLE associationvalueentry (
    id               BIGSERIAL NOT NULL,
    associationkey   VARCHAR(255),
    associationvalue VARCHAR(255),
    sagaid           VARCHAR(255),
    sagatype         VARCHAR(255),
    PRIMARY KEY (id)
);
CREATE INDEX associationvalueentry_saga_idx ON associationvalueentry (sagaid, sagatype);
CREATE INDEX associationvalueentry_value_idx ON associationvalueentry (sagatype, associationkey, associationvalue);

CREATE TABLE deadletterentry (
    deadletteridentifier VARCHAR(255)  NOT NULL,
    processinggroup      VARCHAR(255)  NOT NULL,
    sequenceidentifier   VARCHAR(255)  NOT NULL,
    sequenceindex        BIGINT        NOT NULL,
    messagetype          VARCHAR(255)  NOT NULL,
    eventidentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadtype          VARCHAR(255)  NOT NULL,
    payloadrevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metadata             BYTEA,
    type                 VARCHAR(255),
    aggregateidentifier  VARCHAR(255),
    sequencenumber       BIGINT,
    tokentype            VARCHAR(255),
    token                BYTEA,
    enqueuedat           VARCHAR(255)  NOT NULL,
    lasttouched          VARCHAR(255),
    processingstarted    VARCHAR(255),
    causetype            VARCHAR(255),
    causemessage         VARCHAR(1023),
    diagnostics          BYTEA,
    PRIMARY KEY (deadletteridentifier),
    CONSTRAINT deadletterentry_sequenceindex UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);
CREATE INDEX deadletterentry_processinggroup_idx ON deadletterentry (processinggroup);
CREATE INDEX deadletterentry_sequence_idx ON deadletterentry (processinggroup, sequenceidentifier);

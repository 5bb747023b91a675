-- The person index (docs/projections.md): which case each person (household member) belongs to, so that a request
-- about a person (APPI: POST /api/v1/people/{personId}/corrections) finds the case that holds their data. Ids only:
-- a person id is a random UUID, not personal data.
create table person_index (
    person_id varchar(64) primary key,
    case_id   varchar(64) not null
);

-- The disclosure ledger (提供記録, docs/access-model.md "The ledger"): one row per answered read of a case by anyone
-- but the agency that opened it, written in the same transaction as the read's decision. It lives beside the case's
-- event stream, not in it, so that reads never contend with each other or take a place in the case's sequence;
-- a read still serialises with the writes of its case through the case's advisory lock (application/CaseLocks).
-- Nothing here is personal data in clear: ids, codes, times; a vital-interest justification stays sealed.

create table disclosure_ledger (
    line_id            bigserial    primary key,
    case_id            varchar(64)  not null,
    disclosed_at       timestamptz  not null,
    agency_id          varchar(64)  not null,
    actor              varchar(255) not null,
    basis              varchar(32)  not null,
    purpose            varchar(32)  not null,
    categories         text[]       not null,
    -- whom the basis covered, and in which categories each: {"<personId>": ["BASIC", ...]}. Null for lines recorded
    -- before disclosure was decided person by person (they covered the case as a whole).
    person_ids         text[],
    coverage           jsonb,
    case_version       bigint,
    justification      jsonb,
    flagged_for_review boolean      not null default false,
    correlation_id     varchar(128)
);
create index disclosure_ledger_case_idx on disclosure_ledger (case_id, line_id);
create index disclosure_ledger_flagged_idx on disclosure_ledger (disclosed_at) where flagged_for_review;

-- Append-only: what was disclosed stays recorded, also after the consent it rested on is withdrawn.
create function disclosure_ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the disclosure ledger is append-only';
end $$;
create trigger disclosure_ledger_no_update before update or delete on disclosure_ledger
    for each row execute function disclosure_ledger_append_only();

-- Lines recorded by earlier versions as kasane.CaseDisclosed events in the case's stream, in their order.
insert into disclosure_ledger (case_id, disclosed_at, agency_id, actor, basis, purpose, categories, justification,
                               flagged_for_review, correlation_id)
select d.aggregateidentifier,
       coalesce(convert_from(d.metadata, 'UTF8')::jsonb ->> 'recordedAt', d.timestamp)::timestamptz,
       p ->> 'agencyId', p ->> 'actor', p ->> 'basis', coalesce(p ->> 'purpose', 'SUPPORT_COORDINATION'),
       coalesce(array(select jsonb_array_elements_text(p -> 'categories')), '{}'),
       case when jsonb_typeof(p -> 'justification') = 'object' then p -> 'justification' end,
       coalesce((p ->> 'flaggedForReview')::boolean, false),
       convert_from(d.metadata, 'UTF8')::jsonb ->> 'correlationId'
  from domainevententry d
  cross join lateral (select convert_from(d.payload, 'UTF8')::jsonb as p) payload
 where d.payloadtype = 'kasane.CaseDisclosed'
 order by d.globalindex;

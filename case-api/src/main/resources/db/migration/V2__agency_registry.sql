-- The agency registry (機関): agencies are data, not code (DOMAIN.md). Ids are registry slugs such as
-- 'houkatsu-north'; type is a jp.kasane.core.agency.AgencyType name.
create table agency (
    id         varchar(64) primary key,
    name       text        not null,
    type       varchar(64) not null,
    created_at timestamptz not null default now()
);

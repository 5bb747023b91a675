-- The caseload page from the agency's holdings alone: each holding row carries its case's last change, with one
-- partial index on (agency, last change) for the open ones, so a page reads its twenty rows in order however many
-- cases the store keeps. Before, the page walked every case by its last change (fast for an agency holding many) or
-- joined all of the agency's holdings with every case ever kept (a hash join over the whole table, 2-5 ms at ~30,000
-- cases for an agency holding 200, and growing with closed cases): docs/benchmarks.md. The price: a case's holding
-- rows are updated (one column) at each change of the case. The count of an agency's open cases uses the same index.
-- No replay: the column is filled from the cases' rows.
delete from caseload_holding h where not exists (select 1 from caseload_case c where c.case_id = h.case_id);
alter table caseload_holding add column case_updated_at timestamptz;
update caseload_holding h set case_updated_at = c.updated_at from caseload_case c where c.case_id = h.case_id;
alter table caseload_holding alter column case_updated_at set not null;
create index caseload_holding_page_idx on caseload_holding (agency_id, case_updated_at desc, case_id)
    include (valid_from, valid_until) where case_open;
-- Replaced by the index above, or no longer read: the cases by last change (the page no longer walks them), the
-- holdings by agency and case (a case's holdings are found by the primary key, which starts with the case).
drop index caseload_holding_open_agency_idx;
drop index caseload_holding_agency_idx;
drop index caseload_case_updated_idx;

-- Each holding row says whether its case is open, as the domain decides it (Phase.isOpen, written by the caseload
-- projection) instead of a copy of the rule in the queries. An agency's caseload is then counted from one index on its
-- holdings alone, where the count joined every case it ever held (18 ms at ~19,000 cases, 1.3 ms with the index:
-- docs/benchmarks.md); a page walks the cases by their last change and keeps those the agency holds open.
-- The caseload processor replays from the first event to fill the column.
delete from caseload_holding;
delete from caseload_escalation;
delete from caseload_case;
alter table caseload_holding add column case_open boolean not null;
create index caseload_holding_open_agency_idx on caseload_holding (agency_id) include (valid_from, valid_until)
    where case_open;
drop index caseload_case_open_updated_idx;
create index caseload_case_updated_idx on caseload_case (updated_at desc, case_id);
delete from tokenentry where processorname = 'caseload';

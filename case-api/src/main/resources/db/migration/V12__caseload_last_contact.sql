-- The caseload shows when the case's persons were last contacted (訪問, 電話, アウトリーチ, 同行), reached or not:
-- outreach is contact after contact, and a holder sorts its work by how long it has been.
alter table caseload_case add column last_contact_at timestamptz;

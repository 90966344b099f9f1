-- Forensic queries by tool ("every send_money call last week") and by decision ("every denial today").
CREATE INDEX IF NOT EXISTS warden_audit_record_tool ON warden_audit_record (tool, recorded_at);
CREATE INDEX IF NOT EXISTS warden_audit_record_outcome ON warden_audit_record (outcome, recorded_at);

-- Erasure by number looks up every call placed to a number.
CREATE INDEX call_record_number ON call_record (number) WHERE number IS NOT NULL;

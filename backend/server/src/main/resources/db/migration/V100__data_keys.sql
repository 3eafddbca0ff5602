-- Per-subject data keys for personal data inside events (crypto-shredding), wrapped by the master key.
CREATE TABLE data_subject_key (
    subject_id  VARCHAR(64) PRIMARY KEY,
    wrapped_key BYTEA NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE erased_subject (
    subject_id  VARCHAR(64) PRIMARY KEY,
    erased_at   TIMESTAMPTZ NOT NULL
);

-- Records hand-off (records/): submitted reports, their delivery outbox and the conversation
-- transcripts, written together in one transaction before the person is told "submitted".
--
-- reports.body is the exact JSON delivered (text, not jsonb): every redelivery sends the same
-- bytes, so a receiver's signature check and de-duplication see one document, not a re-serialised
-- twin. submission_id makes a retried submit return the first reference instead of a second report.
CREATE TABLE reports (
  reference       text PRIMARY KEY,
  submission_id   text NOT NULL UNIQUE,
  route           text NOT NULL,
  team            text NOT NULL,
  channel         text NOT NULL,
  conversation_id text NOT NULL,
  body            text NOT NULL,
  submitted_at    timestamptz NOT NULL
);

CREATE INDEX reports_submitted_at_idx ON reports (submitted_at);

-- One delivery entry per report. A worker claims due entries with FOR UPDATE SKIP LOCKED in a
-- single statement and takes a lease (lease_token, leased_until) instead of holding a transaction
-- open during HTTP; an entry whose worker died is claimable again when its lease runs out.
-- status: pending → delivered, or → dead after max attempts (staff redeliver it).
CREATE TABLE report_outbox (
  reference       text PRIMARY KEY REFERENCES reports (reference) ON DELETE CASCADE,
  status          text NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_token     text,
  leased_until    timestamptz,
  last_attempt_at timestamptz,
  last_error      text,
  delivered_at    timestamptz,
  delivered_to    text,
  dead_at         timestamptz,
  created_at      timestamptz NOT NULL
);

CREATE INDEX report_outbox_due_idx ON report_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX report_outbox_status_idx ON report_outbox (status);
CREATE INDEX report_outbox_delivered_idx ON report_outbox (delivered_at) WHERE status = 'delivered';

-- The conversation behind a report, kept for a retention period (records purge). Lines are a JSON
-- array of {at, from, text}; the delivered report carries only a reference to it.
CREATE TABLE report_transcripts (
  reference  text PRIMARY KEY REFERENCES reports (reference) ON DELETE CASCADE,
  lines      text NOT NULL,
  line_count integer NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE INDEX report_transcripts_created_at_idx ON report_transcripts (created_at);

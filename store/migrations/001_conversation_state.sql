-- Bot conversation and user state, read and written through StateStorage (botbuilder's Storage
-- shape). One row per storage key; the value is the state object without its eTag.
--
-- etag: opaque to callers. Drawn from a sequence rather than counted per row, so a key that is
-- deleted and written again never reissues an eTag some stale reader still holds.
-- updated_at: last write, which is what "idle" means for expiring abandoned conversations.
CREATE SEQUENCE conversation_state_etag_seq;

CREATE TABLE conversation_state (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  etag       text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX conversation_state_updated_at_idx ON conversation_state (updated_at);

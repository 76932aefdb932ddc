-- Tracing (shared/common/trace, docs/threat-model.md "Traces"). Sampling for
-- a meeting: the lifecycle worker raises the share of new traces the
-- functions sample while a meeting is on, until its end, and lowers it once
-- the meeting is over; the events and elections functions read it every
-- 30 s, so it changes without a redeploy. One row at most; no member, no
-- ballot, no tenant: a share and a time.
CREATE SCHEMA ops;
REVOKE ALL ON SCHEMA ops FROM PUBLIC;

CREATE TABLE ops.trace_sampling (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  ratio      double precision NOT NULL CHECK (ratio >= 0 AND ratio <= 1),
  -- The raised share holds until then; afterwards each function's TRACE_RATIO again.
  until      timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

GRANT USAGE ON SCHEMA ops TO ekklesia_registry, ekklesia_ballot_box, ekklesia_worker;
GRANT SELECT ON ops.trace_sampling TO ekklesia_registry, ekklesia_ballot_box;
GRANT SELECT, INSERT, UPDATE ON ops.trace_sampling TO ekklesia_worker;

-- The trace context of the change that recorded an event (W3C traceparent; null when tracing is off), so its
-- publish carries that trace whichever relay sends it, and the worker's handling joins the change's trace.
ALTER TABLE registry.outbox
  ADD COLUMN trace_parent text
    CHECK (trace_parent IS NULL OR trace_parent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');

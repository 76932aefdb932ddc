/**
 * The voter's client inside Artillery: retries 423 busy and 503 overloaded
 * with full jitter (up to 10 attempts), records every acknowledged receipt
 * (to BURST_ACK_FILE, for the check after the run) and counts outcomes:
 * burst.acknowledged, burst.retried, burst.gave_up, burst.failed.
 * In the meeting scenario it first gets the voter's token the same way and
 * records each step's time as the voter sees it, retries included:
 * histograms meeting.token_ms, meeting.ballot_ms, meeting.token_ballot_ms.
 */
const { appendFileSync } = require('node:fs');

const ackFile = process.env.BURST_ACK_FILE;
const maxAttempts = 10;

function jitter(context, _events, done) {
  const attempts = context.vars.attempts ?? 0;
  if (attempts === 0) return done();
  setTimeout(done, Math.random() * Math.min(250, 10 * 2 ** attempts));
}

function notDone(context, next) {
  return next(!context.vars.done);
}

function startVoter(context, _events, done) {
  context.vars.startedAt = performance.now();
  return done();
}

function recordToken(_req, res, context, events, next) {
  const status = res.statusCode;
  context.vars.attempts = (context.vars.attempts ?? 0) + 1;
  if (status === 201 || status === 200) {
    context.vars.done = true;
    context.vars.token = JSON.parse(res.body).token;
    events.emit('histogram', 'meeting.token_ms', performance.now() - context.vars.startedAt);
  } else if ((status === 423 || status === 503) && context.vars.attempts < maxAttempts) {
    events.emit('counter', 'meeting.token_retried', 1);
  } else {
    // No token: the ballot step below is skipped (done stays true) and the voter counts as failed.
    context.vars.done = true;
    context.vars.noToken = true;
    events.emit('counter', 'meeting.token_failed', 1);
  }
  return next();
}

function startBallot(context, _events, done) {
  context.vars.ballotAt = performance.now();
  context.vars.attempts = 0;
  context.vars.done = !!context.vars.noToken;
  return done();
}

function recordOutcome(_req, res, context, events, next) {
  const status = res.statusCode;
  context.vars.attempts = (context.vars.attempts ?? 0) + 1;
  if (status === 201 || status === 200) {
    context.vars.done = true;
    if (context.vars.ballotAt !== undefined) {
      const now = performance.now();
      events.emit('histogram', 'meeting.ballot_ms', now - context.vars.ballotAt);
      events.emit('histogram', 'meeting.token_ballot_ms', now - context.vars.startedAt);
    }
    const { receipt } = JSON.parse(res.body);
    if (ackFile)
      appendFileSync(
        ackFile,
        `${JSON.stringify({ token: context.vars.token, receipt, choice: context.vars.choice, status, at: Date.now() })}\n`,
      );
    events.emit('counter', 'burst.acknowledged', 1);
  } else if ((status === 423 || status === 503) && context.vars.attempts < maxAttempts) {
    events.emit('counter', 'burst.retried', 1);
  } else {
    context.vars.done = true;
    events.emit('counter', status === 423 || status === 503 ? 'burst.gave_up' : 'burst.failed', 1);
  }
  return next();
}

module.exports = { jitter, notDone, recordOutcome, recordToken, startBallot, startVoter };

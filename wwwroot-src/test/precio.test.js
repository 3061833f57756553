import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESET_MS_DEFAULT, RESET_MS_MAX, RESET_MS_MIN, createIdleTimer, isFailedLookup, parseResetMs, scannedCode,
} from '../src/lib/precio.js';

test('parseResetMs reads the attribute and clamps it to 1..60 s', () => {
  assert.equal(parseResetMs('10000'), 10_000);
  assert.equal(parseResetMs('1500'), 1_500);
  assert.equal(parseResetMs('0'), RESET_MS_MIN);
  assert.equal(parseResetMs('-5'), RESET_MS_MIN);
  assert.equal(parseResetMs('3600000'), RESET_MS_MAX);
});

test('parseResetMs falls back to 10 s when the attribute is missing or not a number', () => {
  assert.equal(parseResetMs(undefined), RESET_MS_DEFAULT);
  assert.equal(parseResetMs(null), RESET_MS_DEFAULT);
  assert.equal(parseResetMs(''), RESET_MS_DEFAULT);
  assert.equal(parseResetMs('pronto'), RESET_MS_DEFAULT);
});

test('scannedCode trims and treats a blank scan as nothing', () => {
  assert.equal(scannedCode(' 7790001234567 '), '7790001234567');
  assert.equal(scannedCode('7790001234567\t'), '7790001234567');
  assert.equal(scannedCode(''), null);
  assert.equal(scannedCode('   '), null);
  assert.equal(scannedCode(undefined), null);
});

test('isFailedLookup: every lookup result is a 200; anything else is a failure to explain', () => {
  assert.equal(isFailedLookup(200), false);
  assert.equal(isFailedLookup(429), true);
  assert.equal(isFailedLookup(500), true);
  assert.equal(isFailedLookup(404), true);
  assert.equal(isFailedLookup(0), true);
});

function fakeTimers() {
  let next = 1;
  const pending = new Map();
  return {
    pending,
    set(fn, ms) {
      const id = next++;
      pending.set(id, { fn, ms });
      return id;
    },
    clear(id) {
      pending.delete(id);
    },
    fire() {
      const all = [...pending.entries()];
      pending.clear();
      for (const [, t] of all) t.fn();
    },
  };
}

test('createIdleTimer calls back once after the delay', () => {
  const timers = fakeTimers();
  let calls = 0;
  const idle = createIdleTimer(1500, () => calls++, timers);
  assert.equal(idle.armed, false);
  idle.arm();
  assert.equal(idle.armed, true);
  assert.equal([...timers.pending.values()][0].ms, 1500);
  timers.fire();
  assert.equal(calls, 1);
  assert.equal(idle.armed, false);
});

test('createIdleTimer: arming again restarts, cancel stops', () => {
  const timers = fakeTimers();
  let calls = 0;
  const idle = createIdleTimer(1000, () => calls++, timers);
  idle.arm();
  idle.arm();
  assert.equal(timers.pending.size, 1); // the first one was cleared
  idle.cancel();
  assert.equal(timers.pending.size, 0);
  assert.equal(idle.armed, false);
  timers.fire();
  assert.equal(calls, 0);
});

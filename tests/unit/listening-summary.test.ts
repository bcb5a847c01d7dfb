import { describe, expect, it } from 'vitest';
import { listeningSummary } from '@/components/ListeningStatus';
import type { Listening } from '@/utils/model';

const state = (microphone: Listening['microphone'], call: Listening['call']): Listening => ({
  startedAt: 1_700_000_000_000,
  microphone,
  call,
  playback: call === 'on',
});

describe('listeningSummary', () => {
  it('says listening is off, and how to start it, when there is no state', () => {
    expect(listeningSummary(undefined)).toMatch(/^Tracked by hand\./);
    expect(listeningSummary(undefined)).toMatch(/Alt\+Shift\+L or Rapport’s toolbar button/);
  });

  it('in a browser that cannot listen (Firefox), says so plainly instead of how to start', () => {
    expect(listeningSummary(undefined, false)).toBe('This browser cannot listen to calls: use the buttons below.');
  });

  it('says it is starting while either source is starting', () => {
    expect(listeningSummary(state('starting', 'starting'))).toBe('Starting to listen…');
    expect(listeningSummary(state('on', 'starting'))).toBe('Starting to listen…');
    expect(listeningSummary(state('starting', 'unavailable'))).toBe('Starting to listen…');
  });

  it('says talk time runs by itself when both sources are heard', () => {
    expect(listeningSummary(state('on', 'on'))).toBe('Listening to you and the call: talk time runs by itself. No sound is kept.');
  });

  it('with the microphone refused but the call heard, points to the therapist’s own button', () => {
    const text = listeningSummary(state('refused', 'on'));
    expect(text).toMatch(/^Listening to the call only: Rapport may not use your microphone/);
    expect(text).toContain('“I’m talking”');
    expect(text).not.toMatch(/undefined/);
  });

  it('with the call unavailable but the microphone heard, points to the patient’s button', () => {
    const text = listeningSummary(state('on', 'unavailable'));
    expect(text).toMatch(/^Listening to you only: the call’s sound is unavailable/);
    expect(text).toContain('“Patient talking”');
    expect(text).not.toMatch(/undefined/);
  });

  it('when neither source can be heard, says so and that the buttons still work', () => {
    expect(listeningSummary(state('unavailable', 'unavailable'))).toBe('This browser cannot listen to calls: use the buttons below.');
    const text = listeningSummary(state('missing', 'ended'));
    expect(text).toMatch(/^Not listening: no microphone was found and the call’s sound stopped\. The buttons still work\.$/i);
  });

  it('names every microphone and call state it can end in, without gaps', () => {
    const microphones: Listening['microphone'][] = ['on', 'refused', 'missing', 'ended', 'unavailable'];
    const calls: Listening['call'][] = ['on', 'unavailable', 'ended'];
    for (const microphone of microphones) {
      for (const call of calls) expect(listeningSummary(state(microphone, call)), `${microphone} / ${call}`).not.toMatch(/undefined/);
    }
  });
});

import { defineUnlistedScript } from '#imports';

// The AudioWorklet global scope: not in TypeScript's DOM library.
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;
declare const currentTime: number;
declare const sampleRate: number;

/** What the audio page receives: one chunk of each side, in step, and the stream time of its start. */
export interface TalkFrames {
  therapist: Float32Array;
  patient: Float32Array;
  atMs: number;
}

/** 20 ms chunks: 50 messages a second instead of one per 128-sample render quantum. */
const CHUNK_MS = 20;

/**
 * Runs on the audio rendering thread: gathers the microphone (input 0) and the call (input 1), each
 * already mixed down to one channel, into chunks for the analyser on the audio page. A missing or
 * silent input gives zeros, so both sides stay in step.
 */
export default defineUnlistedScript(() => {
  class TalkFramesProcessor extends AudioWorkletProcessor {
    private readonly size = Math.round((sampleRate * CHUNK_MS) / 1000);
    private therapist = new Float32Array(this.size);
    private patient = new Float32Array(this.size);
    private filled = 0;
    private startedAtMs = 0;

    process(inputs: Float32Array[][]): boolean {
      const length = inputs[0]?.[0]?.length ?? inputs[1]?.[0]?.length ?? 128;
      if (this.filled === 0) this.startedAtMs = currentTime * 1000;
      for (let offset = 0; offset < length; ) {
        const take = Math.min(length - offset, this.size - this.filled);
        const mic = inputs[0]?.[0];
        const call = inputs[1]?.[0];
        if (mic) this.therapist.set(mic.subarray(offset, offset + take), this.filled);
        else this.therapist.fill(0, this.filled, this.filled + take);
        if (call) this.patient.set(call.subarray(offset, offset + take), this.filled);
        else this.patient.fill(0, this.filled, this.filled + take);
        this.filled += take;
        offset += take;
        if (this.filled === this.size) {
          const frames: TalkFrames = { therapist: this.therapist, patient: this.patient, atMs: this.startedAtMs };
          this.port.postMessage(frames, [this.therapist.buffer, this.patient.buffer]);
          this.therapist = new Float32Array(this.size);
          this.patient = new Float32Array(this.size);
          this.filled = 0;
          this.startedAtMs = currentTime * 1000 + ((offset / sampleRate) * 1000);
        }
      }
      return true;
    }
  }
  registerProcessor('talk-frames', TalkFramesProcessor);
});

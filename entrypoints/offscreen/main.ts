import { browser } from '#imports';
import { createTalkAnalyser, LIVE_ANALYSIS_RATE } from '@/utils/audio/talk-analyser';
import type { ListeningStatus } from '@/utils/listening';
import { createLiveTalkReporter } from '@/utils/live-talk';
import { sendToBackground, type BackgroundToOffscreen } from '@/utils/messages';
import type { TalkEvent } from '@/utils/talk';
import type { TalkFrames } from '../talk-frames';

/**
 * The audio page (an offscreen document): the only place call audio and the microphone exist.
 * It analyses them as they play and sends the background speech timings and what each source is
 * doing, nothing else: no audio, level or transcript is kept or leaves this page.
 */

const SEND_EVERY_MS = 250;
const MAX_EVENTS_PER_MESSAGE = 20;

interface Session {
  stop(): Promise<void>;
}

let session: Session | null = null;

browser.runtime.onMessage.addListener((message: unknown) => {
  const command = message as BackgroundToOffscreen;
  if (command?.type === 'offscreen/start') {
    void restart(command.tabId, command.streamId);
    return undefined;
  }
  if (command?.type === 'offscreen/stop') {
    const stopping = session?.stop();
    session = null;
    // Answered once the last timings went out, so the background stops listening after them.
    return Promise.resolve(stopping).then(() => null);
  }
  // Not ours: other extension pages answer their own messages.
  return undefined;
});

async function restart(tabId: number, streamId: string | null): Promise<void> {
  await session?.stop();
  session = await listen(tabId, streamId);
}

function microphoneProblem(error: unknown): ListeningStatus['microphone'] {
  return error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError') ? 'refused' : 'missing';
}

async function listen(tabId: number, streamId: string | null): Promise<Session> {
  const status: ListeningStatus = { microphone: 'starting', call: streamId ? 'starting' : 'unavailable', playback: false };
  const report = () => void sendToBackground({ type: 'offscreen/status', tabId, status: { ...status } });
  // Two contexts: the call plays on at the device's rate, the analysis runs at its own lower rate.
  const playback = new AudioContext();
  // "playback" is reported once the call's sound is seen flowing into the path to the speakers.
  const playbackMeter = playback.createAnalyser();
  const meterSamples = new Float32Array(playbackMeter.fftSize);
  const soundPlays = () => {
    playbackMeter.getFloatTimeDomainData(meterSamples);
    return meterSamples.some((sample) => Math.abs(sample) > 1e-4);
  };
  const context = new AudioContext({ sampleRate: LIVE_ANALYSIS_RATE });
  await context.audioWorklet.addModule(browser.runtime.getURL('/talk-frames.js'));
  const frames = new AudioWorkletNode(context, 'talk-frames', {
    numberOfInputs: 2,
    numberOfOutputs: 0,
    channelCount: 1,
    channelCountMode: 'explicit',
    channelInterpretation: 'speakers',
  });
  const streams: MediaStream[] = [];

  try {
    // Echo cancellation takes most of the call's sound out of the microphone; the analyser's leak
    // check handles what is left. Noise suppression and gain control would distort the levels it uses.
    const microphone = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: false, autoGainControl: false } });
    streams.push(microphone);
    context.createMediaStreamSource(microphone).connect(frames, 0, 0);
    status.microphone = 'on';
    microphone.getAudioTracks()[0]?.addEventListener('ended', () => {
      status.microphone = 'ended';
      report();
    });
  } catch (error) {
    status.microphone = microphoneProblem(error);
  }

  if (streamId) {
    try {
      const call = await navigator.mediaDevices.getUserMedia({
        audio: { mandatory: { chromeMediaSource: 'tab', chromeMediaSourceId: streamId } },
      } as unknown as MediaStreamConstraints);
      streams.push(call);
      context.createMediaStreamSource(call).connect(frames, 0, 1);
      // A captured tab goes silent; its sound plays on from here, so the call stays audible.
      const played = playback.createMediaStreamSource(call);
      played.connect(playback.destination);
      played.connect(playbackMeter);
      status.call = 'on';
      call.getAudioTracks()[0]?.addEventListener('ended', () => {
        status.call = 'ended';
        status.playback = false;
        report();
      });
    } catch {
      status.call = 'unavailable';
    }
  }
  report();

  const analyser = createTalkAnalyser({ sampleRate: context.sampleRate });
  // Stream time 0 is when the audio context started; visit times are the wall clock.
  const wallAtStreamZero = Date.now() - context.currentTime * 1000;
  const reporter = createLiveTalkReporter({ toWall: (streamMs) => wallAtStreamZero + streamMs });
  let pending: TalkEvent[] = [];
  let analysedToMs = 0;

  frames.port.onmessage = ({ data }: MessageEvent<TalkFrames>) => {
    analysedToMs = data.atMs + (data.therapist.length / context.sampleRate) * 1000;
    pending.push(...reporter.accept(analyser.process(data.therapist, data.patient, data.atMs), analysedToMs));
  };

  const send = () => {
    const sent: Promise<unknown>[] = [];
    while (pending.length) {
      const events = pending.slice(0, MAX_EVENTS_PER_MESSAGE);
      pending = pending.slice(MAX_EVENTS_PER_MESSAGE);
      sent.push(sendToBackground({ type: 'offscreen/talk', tabId, events }));
    }
    return Promise.all(sent);
  };
  const sender = setInterval(() => {
    void send();
    if (status.call === 'on' && !status.playback && playback.state === 'running' && soundPlays()) {
      status.playback = true;
      report();
    }
  }, SEND_EVERY_MS);

  return {
    async stop() {
      clearInterval(sender);
      frames.port.onmessage = null;
      pending.push(...reporter.accept(analyser.flush(analysedToMs), analysedToMs));
      await send();
      for (const stream of streams) for (const track of stream.getTracks()) track.stop();
      await Promise.all([context.close(), playback.close()]);
    },
  };
}

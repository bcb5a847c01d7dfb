// Talk time from two recordings, with the same engine the extension runs live:
//   npm run talk-time -- --therapist therapist.wav --patient patient.wav
// Prints one JSON object on stdout; problems are one line on stderr with an exit code (see --help).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Speaker } from '../utils/model';
import { analyseTracks, type Interval } from '../utils/audio/talk-analyser.ts';
import { parseWav, WavError, type MonoAudio, type WavProblem } from '../utils/audio/wav.ts';
import { conversationMetrics } from '../utils/conversation.ts';

const exitCodes = {
  usage: 2,
  unreadable: 3,
  'not-wav': 4,
  empty: 5,
  'not-mono': 6,
  damaged: 7,
  unsupported: 8,
} satisfies Record<'usage' | 'unreadable' | WavProblem, number>;

const help = `Usage: npm run talk-time -- --therapist <mic.wav> --patient <call.wav>

Finds who talked when in two mono WAV recordings of one call (the therapist's microphone and the
call's audio) and prints one JSON object: therapistMs, patientMs, therapistShare,
openingStatementMs, interruptions, backchannels, longestPatientTurnMs, longestTherapistTurnMs,
medianResponsePauseMs, and segments per side ({ startMs, endMs }). The two files may have
different sample rates and lengths. Nothing is stored; only timings are printed.

Exit codes:
  0  done
  ${exitCodes.usage}  usage: a flag is missing or unknown
  ${exitCodes.unreadable}  a file cannot be read (missing, a folder, no permission)
  ${exitCodes['not-wav']}  a file is not a WAV file
  ${exitCodes.empty}  a file is empty or holds no audio
  ${exitCodes['not-mono']}  a file is stereo or multi-channel (one mono file per side is needed)
  ${exitCodes.damaged}  a file's header is damaged
  ${exitCodes.unsupported}  a file uses an encoding other than PCM or float (e.g. compressed)`;

class CliError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

function readTrack(flag: Speaker, path: string): MonoAudio {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read';
    throw new CliError(exitCodes.unreadable, `--${flag} ${path}: ${reason}`);
  }
  try {
    return parseWav(bytes);
  } catch (error) {
    if (error instanceof WavError) throw new CliError(exitCodes[error.problem], `--${flag} ${path}: ${error.message}`);
    throw error;
  }
}

const rounded = (intervals: Interval[]) =>
  intervals.map(({ startMs, endMs }) => ({ startMs: Math.round(startMs), endMs: Math.round(endMs) }));

function run(argv: string[]): void {
  let values: { therapist?: string; patient?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { therapist: { type: 'string' }, patient: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    throw new CliError(exitCodes.usage, `${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  if (values.help) {
    console.log(help);
    return;
  }
  const missing = (['therapist', 'patient'] as const).filter((flag) => !values[flag]);
  if (missing.length > 0) {
    throw new CliError(exitCodes.usage, `missing ${missing.map((flag) => `--${flag} <file.wav>`).join(' and ')} (see --help)`);
  }
  const tracks = { therapist: readTrack('therapist', values.therapist!), patient: readTrack('patient', values.patient!) };
  const analysis = analyseTracks(tracks);
  const segments = { therapist: rounded(analysis.segments.therapist), patient: rounded(analysis.segments.patient) };
  const asSpeech = (speaker: Speaker) => segments[speaker].map((s) => ({ speaker, start: s.startMs, end: s.endMs }));
  const metrics = conversationMetrics([...asSpeech('therapist'), ...asSpeech('patient')], {
    now: Math.round(analysis.durationMs),
  });
  console.log(JSON.stringify({ ...metrics, durationMs: Math.round(analysis.durationMs), segments }));
}

try {
  run(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError) {
    console.error(`talk-time: ${error.message}`);
    process.exit(error.code);
  }
  console.error(`talk-time: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

import * as v from 'valibot';
import { i18n } from '#i18n';
import { describeIssue, ProtocolContentSchema, type Protocol } from './protocols';

/** A protocol file: one protocol's checklist and phrases, to share between computers or colleagues. */
export const PROTOCOL_FORMAT = 'rapport-protocol';
export const PROTOCOL_FILE_VERSION = 1;
/** A protocol at its limits is well under this; anything larger is not one. */
const MAX_FILE_CHARACTERS = 1_000_000;

export interface ProtocolFile {
  format: typeof PROTOCOL_FORMAT;
  version: typeof PROTOCOL_FILE_VERSION;
  protocol: Pick<Protocol, 'name' | 'sections' | 'phrases'>;
}

export type CheckedProtocolFile = { ok: true; content: ProtocolFile['protocol'] } | { ok: false; problem: string };

export function makeProtocolFile(protocol: Protocol): ProtocolFile {
  const { name, sections, phrases } = structuredClone(protocol);
  return { format: PROTOCOL_FORMAT, version: PROTOCOL_FILE_VERSION, protocol: { name, sections, phrases } };
}

/** Reads a protocol file as text; nothing is imported unless all of it is right. */
export function parseProtocolFile(text: string): CheckedProtocolFile {
  if (text.length > MAX_FILE_CHARACTERS) return { ok: false, problem: i18n.t('protocols.fileTooLarge') };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: i18n.t('protocols.fileNotJson') };
  }
  return checkProtocolFile(json);
}

/** Checks a protocol file whole and names its first problem in plain words. */
export function checkProtocolFile(json: unknown): CheckedProtocolFile {
  const file = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (file?.format !== PROTOCOL_FORMAT) {
    return { ok: false, problem: file?.format === 'rapport-backup' ? i18n.t('protocols.fileIsBackup') : i18n.t('protocols.fileNotProtocol') };
  }
  if (typeof file.version === 'number' && file.version > PROTOCOL_FILE_VERSION) {
    return { ok: false, problem: i18n.t('protocols.fileNewer', [file.version]) };
  }
  if (file.version !== PROTOCOL_FILE_VERSION) return { ok: false, problem: i18n.t('protocols.fileUnknownVersion') };
  const parsed = v.safeParse(ProtocolContentSchema, file.protocol);
  if (!parsed.success) return { ok: false, problem: i18n.t('protocols.fileProblem', [describeIssue(parsed.issues[0])]) };
  return { ok: true, content: parsed.output };
}

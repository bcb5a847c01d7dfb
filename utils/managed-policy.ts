import * as v from 'valibot';
import { browser } from '#imports';
import { i18n } from '#i18n';
import { CueSettingsSchema, type CueSettings } from './cues';
import { SafeIdSchema } from './safe-id';
import { CLINIC_PREFIX, DEFAULT_PROTOCOL_ID, describeIssue, ProtocolContentSchema, type Protocol } from './protocols';

/**
 * A clinic's presets, set by its administrator as enterprise policy (Chrome's managed storage,
 * schema in public/managed_schema.json, example in docs/managed-policy.example.json). Protocols
 * come in read-only, named apart from the therapist's own; the default protocol and cue settings
 * apply until the therapist picks their own on this computer.
 */
export interface ManagedPolicy {
  protocols: Protocol[];
  /** Already in the form visits use: `default` or a clinic protocol's id with its prefix. */
  defaultProtocolId: string | null;
  cues: Partial<CueSettings>;
}

export interface PolicyRead {
  policy: ManagedPolicy;
  /** Said on every page when the policy cannot be used; it is then ignored whole. */
  problem: string | null;
}

export const noPolicy: ManagedPolicy = { protocols: [], defaultProtocolId: null, cues: {} };

const MAX_PROTOCOLS = 20;
const PolicySchema = v.object({
  protocols: v.optional(
    v.pipe(
      v.array(
        v.object({
          id: v.pipe(
            v.string(() => i18n.t('policy.idMustBeText')),
            v.check((id) => v.is(SafeIdSchema, id), () => i18n.t('policy.idCharacters')),
          ),
          ...ProtocolContentSchema.entries,
        }),
        () => i18n.t('policy.notList'),
      ),
      v.maxLength(MAX_PROTOCOLS, () => i18n.t('policy.tooMany', [MAX_PROTOCOLS])),
    ),
    [],
  ),
  defaultProtocolId: v.optional(v.string(() => i18n.t('policy.defaultNotId'))),
  // Chrome checks the policy against public/managed_schema.json too, but drops what does not fit without a word.
  cues: v.optional(v.strictObject(v.partial(CueSettingsSchema).entries, () => i18n.t('policy.unknownCue')), {}),
});

const problemIn = (detail: string) => i18n.t('policy.unusable', [detail]);

/** The policy checked whole: all of it applies, or none of it with the first problem named. */
export function checkPolicy(raw: unknown): PolicyRead {
  if (raw === undefined || (typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0)) return { policy: noPolicy, problem: null };
  const parsed = v.safeParse(PolicySchema, raw);
  if (!parsed.success) return { policy: noPolicy, problem: problemIn(describeIssue(parsed.issues[0]).replace(/^./, (first) => first.toLowerCase())) };
  const { protocols, defaultProtocolId, cues } = parsed.output;
  for (const [index, protocol] of protocols.entries()) {
    const problem = v.safeParse(ProtocolContentSchema, protocol);
    if (!problem.success) return { policy: noPolicy, problem: problemIn(i18n.t('policy.inProtocol', [index + 1, describeIssue(problem.issues[0]).replace(/^./, (first) => first.toLowerCase())])) };
  }
  if (new Set(protocols.map((protocol) => protocol.id)).size !== protocols.length) return { policy: noPolicy, problem: problemIn(i18n.t('policy.protocolsTwice')) };
  const ids = new Set(protocols.map((protocol) => protocol.id));
  if (defaultProtocolId !== undefined && defaultProtocolId !== DEFAULT_PROTOCOL_ID && !ids.has(defaultProtocolId)) {
    return { policy: noPolicy, problem: problemIn(i18n.t('policy.defaultMissing', [defaultProtocolId.slice(0, 60)])) };
  }
  return {
    policy: {
      protocols: protocols.map((protocol) => ({ ...protocol, id: `${CLINIC_PREFIX}${protocol.id}`, updatedAt: 0 })),
      defaultProtocolId: defaultProtocolId === undefined ? null : defaultProtocolId === DEFAULT_PROTOCOL_ID ? DEFAULT_PROTOCOL_ID : `${CLINIC_PREFIX}${defaultProtocolId}`,
      cues,
    },
    problem: null,
  };
}

type ManagedArea = { get(keys?: null): Promise<Record<string, unknown>> };

/** The browser's managed storage; a seam so tests can stand in a policy where a browser has none. */
export const managedStorage = {
  area: (): ManagedArea | undefined => (browser.storage as { managed?: ManagedArea }).managed,
};

/** Reads the clinic's policy; a browser without managed storage (or without a policy) has none. */
export async function readManagedPolicy(): Promise<PolicyRead> {
  let raw: unknown;
  try {
    raw = await managedStorage.area()?.get(null);
  } catch {
    // Firefox rejects when no policy is installed for the extension.
    return { policy: noPolicy, problem: null };
  }
  return checkPolicy(raw);
}

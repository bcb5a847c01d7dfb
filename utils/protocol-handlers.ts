import * as v from 'valibot';
import { browser } from '#imports';
import { i18n } from '#i18n';
import { StoreError, type BackgroundStore, type Transaction } from './background-store';
import { readManagedPolicy, type PolicyRead } from './managed-policy';
import type { PanelToBackground } from './messages';
import type { ProtocolOutline, Visit } from './model';
import { checkProtocolFile } from './protocol-file';
import { checkProtocol, CLINIC_PREFIX, DEFAULT_PROTOCOL_ID, evidenceProtocol, findProtocol, listProtocols, outlineOf, protocolChoiceId, ProtocolChoiceSchema, type ListedProtocol, type Protocol } from './protocols';
import { freeName } from './protocol-edits';

export type ProtocolMessage = Extract<PanelToBackground, { type: `protocol/${string}` | 'settings/defaultProtocol' | 'visit/setProtocol' }>;

/**
 * The background's side of protocols: the therapist's saves, imports and deletions, the protocol a
 * new visit starts with, and the outline a visit keeps when it ends. Transactions that call
 * `defaultFor` open `settings`; those that call `outlineFor` or `protocolOf` open `protocols`.
 */
export function createProtocolHandlers(store: BackgroundStore, context: { now(): number; newId(): string }) {
  /**
   * The clinic's policy, read when the worker starts and again when the administrator changes it.
   * The browser answers the first read only once its policies are loaded (about 2 s after it
   * starts); opening a visit never waits for that (see `settleLater`).
   */
  let policy: Promise<PolicyRead>;
  let settled: PolicyRead | null = null;
  function readPolicy() {
    settled = null;
    const reading = readManagedPolicy();
    policy = reading;
    void reading.then((read) => {
      if (policy === reading) settled = read;
    });
  }
  readPolicy();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') readPolicy();
  });

  async function listed(tx: Transaction): Promise<ListedProtocol[]> {
    return listProtocols(tx.entries('protocols'), (await policy).policy.protocols);
  }

  /**
   * The protocol a new visit starts with: the therapist's choice on the options page, else their
   * clinic's, else the evidence-based default (left unset, as visits from before read). Undefined
   * while the policy is still being read.
   */
  function defaultFor(tx: Transaction): string | undefined {
    const choice = tx.entries('settings')[protocolChoiceId];
    if (v.is(ProtocolChoiceSchema, choice)) return choice.defaultProtocolId;
    return settled?.policy.defaultProtocolId ?? undefined;
  }

  /** A visit opened before the policy was read gets the clinic's default once it is, unless a protocol was picked meanwhile. */
  function settleLater(visitId: string): void {
    if (settled) return;
    void policy
      .then(({ policy: { defaultProtocolId } }) =>
        defaultProtocolId && defaultProtocolId !== DEFAULT_PROTOCOL_ID
          ? store.transact([], async (tx) => {
              const visit = await tx.visit(visitId);
              if (visit && visit.endedAt === null && visit.protocolId === undefined) tx.putVisit({ ...visit, protocolId: defaultProtocolId });
            })
          : undefined,
      )
      .catch((error) => console.error('[rapport] applying the clinic’s default protocol failed', error));
  }

  /** The protocol a visit follows (the default if its own was removed since). */
  async function protocolOf(tx: Transaction, visit: Visit): Promise<Protocol> {
    return findProtocol(await listed(tx), visit.protocolId);
  }

  /** The outline a visit keeps when it ends; none for the shipped default, which the code keeps (see `endedVisitSections`). */
  async function outlineFor(tx: Transaction, visit: Visit): Promise<{ protocolUsed?: ProtocolOutline }> {
    const protocol = await protocolOf(tx, visit);
    return protocol === evidenceProtocol ? {} : { protocolUsed: outlineOf(protocol) };
  }

  function refuseClinic(id: string) {
    if (id.startsWith(CLINIC_PREFIX)) throw new StoreError(i18n.t('protocols.clinicReadOnly'));
  }

  async function handle(message: ProtocolMessage): Promise<unknown> {
    switch (message.type) {
      case 'protocol/save': {
        const checked = checkProtocol(message.protocol);
        if (!checked.ok) throw new StoreError(i18n.t('protocols.notSaved', [checked.problem]));
        refuseClinic(checked.protocol.id);
        return store.transact(['protocols'], (tx) => tx.put('protocols', checked.protocol.id, { ...checked.protocol, updatedAt: context.now() }));
      }
      case 'protocol/import': {
        const checked = checkProtocolFile(message.file);
        if (!checked.ok) throw new StoreError(checked.problem);
        // Always a new protocol: one already here is never overwritten by a file.
        return store.transact(['protocols'], async (tx) => {
          const name = freeName(checked.content.name, (await listed(tx)).map((entry) => entry.protocol.name));
          const protocol = { ...checked.content, id: context.newId(), name, updatedAt: context.now() };
          tx.put('protocols', protocol.id, protocol);
          return { id: protocol.id, name };
        });
      }
      case 'protocol/delete':
        refuseClinic(message.protocolId);
        if (message.protocolId === DEFAULT_PROTOCOL_ID) throw new StoreError(i18n.t('protocols.defaultStays'));
        // Visits that used it keep their outline; an open one goes on with the default.
        return store.transact(['protocols', 'settings'], (tx) => {
          tx.remove('protocols', message.protocolId);
          const choice = tx.entries('settings')[protocolChoiceId];
          if (v.is(ProtocolChoiceSchema, choice) && choice.defaultProtocolId === message.protocolId) tx.remove('settings', protocolChoiceId);
        });
      case 'settings/defaultProtocol':
        return store.transact(['settings'], (tx) => tx.put('settings', protocolChoiceId, { defaultProtocolId: message.protocolId }));
      case 'visit/setProtocol':
        return store.transact([], async (tx) => {
          const visit = await tx.visit(message.visitId);
          if (!visit) throw new StoreError(i18n.t('storage.visitGone'));
          if (visit.endedAt !== null) throw new StoreError(i18n.t('protocols.visitEnded'));
          tx.putVisit({ ...visit, protocolId: message.protocolId });
        });
    }
  }

  return { handle, defaultFor, settleLater, outlineFor, protocolOf, policy: () => policy };
}

/*
 * The call tab's scripts as built. A call page loads its script afresh on every visit and V8 compiles
 * it each time (content scripts get no code cache), so each built-in site has its own script holding
 * only that site's data (entrypoints/call-<site id>.ts), which the manifest lists for the site's
 * pages; sites the therapist adds share one, which the background registers. README, "Decisions".
 */

/** The script for sites the therapist added (entrypoints/call.ts). */
export const CALL_SCRIPT = 'call.js';

/** The script for one built-in site. */
export const builtInCallScript = (siteId: string) => `call-${siteId}.js`;

/** Whether a built file is one of the call scripts (a built-in site's or the added sites'). */
export const isCallScript = (fileName: string) => /^call(-[a-z]+)?\.js$/.test(fileName);

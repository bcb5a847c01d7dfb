/** The call tab's script as built (entrypoints/call.ts): the manifest lists it, the background registers it for added sites. */
export const CALL_SCRIPT = 'call.js';

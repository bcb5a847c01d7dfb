import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { watchCallPage } from '@/utils/call-page';
import { zoom } from '@/utils/sites/zoom';

/** The call tab's script on Zoom's web client (one per built-in site: utils/call-script.ts says why). */
export default defineUnlistedScript(() => watchCallPage(zoom));

import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { watchCallPage } from '@/utils/call-page';
import { whereby } from '@/utils/sites/whereby';

/** The call tab's script on Whereby (one per built-in site: utils/call-script.ts says why). */
export default defineUnlistedScript(() => watchCallPage(whereby));

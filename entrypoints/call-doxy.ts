import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { watchCallPage } from '@/utils/call-page';
import { doxy } from '@/utils/sites/doxy';

/** The call tab's script on Doxy.me (one per built-in site: utils/call-script.ts says why). */
export default defineUnlistedScript(() => watchCallPage(doxy));

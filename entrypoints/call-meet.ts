import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { watchCallPage } from '@/utils/call-page';
import { meet } from '@/utils/sites/meet';

/** The call tab's script on Google Meet (one per built-in site: utils/call-script.ts says why). */
export default defineUnlistedScript(() => watchCallPage(meet));

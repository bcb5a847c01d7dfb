import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { watchCallPage } from '@/utils/call-page';
import { teams } from '@/utils/sites/teams';

/** The call tab's script on Microsoft Teams on the web (one per built-in site: utils/call-script.ts says why). */
export default defineUnlistedScript(() => watchCallPage(teams));

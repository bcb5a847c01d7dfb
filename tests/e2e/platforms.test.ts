import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expect as expectPage } from './expect.ts';
import { startRapport, type Rapport } from './harness.ts';

/**
 * One test per built-in platform fixture, the same for each: the panel is there from the green room
 * (pre-join, check-in) through the call, with the meeting key the site module gives that link, and
 * absent from the site's pages that are not meetings.
 */
interface Platform {
  name: string;
  /** Meeting links, each with its meeting key. */
  meetings: [url: string, key: string][];
  /** The green room's button that starts the call, and the call's own control that shows it started. */
  join: string;
  inCall: string;
  notMeetings: string[];
}

const TEAMS_THREAD = '19%3ameeting_NjQ2ZjE4YjYtNzQ4Yy00ZDY3LWFiZjMtMGI4OTI1NjY2ZjJk%40thread.v2';
const TEAMS_KEY = 'teams:meeting_NjQ2ZjE4YjYtNzQ4Yy00ZDY3LWFiZjMtMGI4OTI1NjY2ZjJk';

const platforms: Platform[] = [
  {
    name: 'Microsoft Teams',
    meetings: [
      [`https://teams.microsoft.com/l/meetup-join/${TEAMS_THREAD}/0?context=%7b%22Tid%22%3a%22x%22%7d`, TEAMS_KEY],
      [`https://teams.microsoft.com/v2/?meetingjoin=true#/l/meetup-join/${TEAMS_THREAD}/0`, TEAMS_KEY],
      ['https://teams.microsoft.com/meet/2345678901234?p=AbCdEf', 'teams:2345678901234'],
      ['https://teams.live.com/meet/9388372946789?p=xYz12', 'teams:9388372946789'],
    ],
    join: 'Join now',
    inCall: 'Leave (Ctrl+Shift+H)',
    notMeetings: ['https://teams.microsoft.com/', 'https://teams.microsoft.com/v2/', 'https://teams.microsoft.com/_#/conversations/19:abc@thread.v2?ctx=chat', 'https://teams.live.com/'],
  },
  {
    name: 'Doxy.me',
    meetings: [
      ['https://doxy.me/drexample', 'doxy:drexample'],
      ['https://doxy.me/DrExample?utm_source=email', 'doxy:drexample'],
    ],
    join: 'Check in',
    inCall: 'End call',
    notMeetings: ['https://doxy.me/', 'https://doxy.me/sign-in', 'https://doxy.me/account/dashboard'],
  },
  {
    name: 'Whereby',
    meetings: [
      ['https://whereby.com/dr-example', 'whereby:dr-example'],
      ['https://clinic.whereby.com/dr-example?roomKey=abc', 'whereby:clinic:dr-example'],
    ],
    join: 'Join meeting',
    inCall: 'Leave',
    notMeetings: ['https://whereby.com/', 'https://whereby.com/user', 'https://whereby.com/information/pricing', 'https://clinic.whereby.com/org/rooms'],
  },
];

let rapport: Rapport;
beforeAll(async () => {
  rapport = await startRapport();
});
afterAll(() => rapport?.close());

describe.each(platforms)('$name', ({ meetings, join, inCall, notMeetings }) => {
  it.each(meetings)('shows the panel on %s, from the green room (its visit open) through the call', async (url, key) => {
    const page = await rapport.openCall(url);
    const panel = rapport.panel(page);
    await expectPage(page.getByRole('button', { name: join, exact: true })).toBeVisible();
    await expectPage(panel.getByRole('timer', { name: 'Visit time' })).toBeVisible();
    await rapport.reported(page, key);
    // The visit is open before the call starts, so the therapist can name the patient while they wait.
    await expect
      .poll(async () => ((await rapport.storage.get()).meetings as Record<string, { openVisitId: string | null }> | undefined)?.[key]?.openVisitId, { timeout: 10_000 })
      .toBeTruthy();
    await page.getByRole('button', { name: join, exact: true }).click();
    await expectPage(page.getByRole('button', { name: inCall, exact: true })).toBeVisible();
    await expectPage(panel.getByRole('timer', { name: 'Visit time' })).toBeVisible();
    await rapport.reported(page, key);
    await page.close();
  });

  it.each(notMeetings)('shows no panel on %s, which is not a meeting', async (url) => {
    const page = await rapport.openCall(url);
    await expectPage(page.getByText('Not a meeting page.')).toBeVisible();
    await rapport.reported(page, null);
    await expectPage(page.getByTitle('Rapport')).toHaveCount(0);
    await page.close();
  });
});

describe('Microsoft Teams in the app', () => {
  it('shows the panel when the chat opens a meeting in the same page, and removes it on going back', async () => {
    const page = await rapport.openCall('https://teams.microsoft.com/v2/');
    await rapport.reported(page, null);
    await page.getByRole('link', { name: 'Join the weekly visit' }).click();
    await expectPage(rapport.panel(page).getByRole('timer', { name: 'Visit time' })).toBeVisible();
    await rapport.reported(page, 'teams:meeting_Zml4dHVyZQ');
    await page.goBack();
    await rapport.reported(page, null);
    await expectPage(page.getByTitle('Rapport')).toHaveCount(0);
    await page.close();
  });
});

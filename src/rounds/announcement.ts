import type { Language } from '../config.js';
import { roundMessagesFor } from '../text/round-messages.js';
import { slackDate } from '../text/time.js';

/** Block Kit action ids of the round post's buttons. */
export const joinActionId = 'mate_round_join';
export const leaveActionId = 'mate_round_leave';

export interface AnnouncementState {
  listId: string;
  title: string;
  closesAt: Date;
  timeZone: string;
  language: Language;
  count: number;
}

/** Builds the open round's post: its title, when it closes, Join and Leave, and the count. */
export function openAnnouncement(state: AnnouncementState): { text: string; blocks: unknown[] } {
  const messages = roundMessagesFor(state.language);
  const text = messages.announcement(
    state.title,
    slackDate(state.closesAt, state.timeZone, state.language),
  );

  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        block_id: `round_${state.listId}`,
        elements: [
          {
            type: 'button',
            action_id: joinActionId,
            style: 'primary',
            value: state.listId,
            text: { type: 'plain_text', text: messages.joinButton },
          },
          {
            type: 'button',
            action_id: leaveActionId,
            value: state.listId,
            text: { type: 'plain_text', text: messages.leaveButton },
          },
        ],
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: messages.signedUpCount(state.count) }],
      },
    ],
  };
}

/** Builds the same post after the close: the result in one line and no buttons. */
export function closedAnnouncement(
  title: string,
  language: Language,
  count: number,
  groups: number,
): { text: string; blocks: unknown[] } {
  const text = roundMessagesFor(language).announcementClosed(title, count, groups);

  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

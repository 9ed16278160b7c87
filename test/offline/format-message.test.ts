import { describe, expect, test } from '@jest/globals';

import { setUpOfflineWorkspace } from '../../src/offline/default-workspace.js';
import { describeConversation, formatBotMessage } from '../../src/offline/format-message.js';
import { IdSource, TsClock } from '../../src/simulator/ids.js';
import { type SimulatorMessage, Workspace } from '../../src/simulator/index.js';

const workspace = new Workspace(new IdSource(), new TsClock(1765000000, 'deterministic'));
setUpOfflineWorkspace(workspace);
const alice = workspace.requireUser('alice').id;
const bob = workspace.requireUser('bob').id;
const general = workspace.requireChannel('general').id;

function message(fields: Partial<SimulatorMessage>): SimulatorMessage {
  return {
    seq: 0,
    kind: 'post',
    source: 'web_api',
    method: 'chat.postMessage',
    channel: general,
    ts: '1765000000.000100',
    ...fields,
  };
}

describe('describeConversation', () => {
  test('channel by name', () => {
    expect(describeConversation(general, workspace, alice)).toBe('#general');
  });

  test('own DM', () => {
    const dm = workspace.directMessageWith('alice').id;

    expect(describeConversation(dm, workspace, alice)).toBe('DM');
  });

  test('someone else’s DM', () => {
    const dm = workspace.directMessageWith('bob').id;

    expect(describeConversation(dm, workspace, alice)).toBe('DM with bob');
  });

  test('group DM lists people', () => {
    const group = workspace.openConversation([alice, bob]).channel.id;

    expect(describeConversation(group, workspace, alice)).toBe('group DM with alice, bob');
  });
});

describe('formatBotMessage', () => {
  test('channel post', () => {
    const line = formatBotMessage(message({ text: `hi <@${bob}>` }), workspace, alice);

    expect(line).toBe('[#general] Mate: hi @bob');
  });

  test('ephemeral to viewer', () => {
    const shown = message({ kind: 'ephemeral', user: alice, text: 'done' });

    expect(formatBotMessage(shown, workspace, alice)).toBe('[#general] Mate (only you): done');
  });

  test('ephemeral to someone else', () => {
    const shown = message({ kind: 'ephemeral', user: bob, text: 'done' });

    expect(formatBotMessage(shown, workspace, alice)).toBe('[#general] Mate (only bob): done');
  });

  test('update is marked', () => {
    const shown = message({ kind: 'update', text: 'new text' });

    expect(formatBotMessage(shown, workspace, alice)).toBe('[#general] Mate (updated): new text');
  });

  test('delete is named', () => {
    const shown = message({ kind: 'delete' });

    expect(formatBotMessage(shown, workspace, alice)).toBe('[#general] Mate deleted a message');
  });

  test('thread reply is marked', () => {
    const shown = message({ text: 'in thread', threadTs: '1765000000.000001' });

    expect(formatBotMessage(shown, workspace, alice)).toBe('[#general, thread] Mate: in thread');
  });

  test('DM post to viewer', () => {
    const dm = workspace.directMessageWith('alice').id;
    const shown = message({ channel: dm, text: 'hello' });

    expect(formatBotMessage(shown, workspace, alice)).toBe('[DM] Mate: hello');
  });

  test('blocks shown instead of text', () => {
    const shown = message({
      text: 'fallback',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Round open' } },
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'j', text: { type: 'plain_text', text: 'Join' } },
            { type: 'button', action_id: 'l', text: { type: 'plain_text', text: 'Leave' } },
          ],
        },
      ],
    });

    expect(formatBotMessage(shown, workspace, alice)).toBe(
      '[#general] Mate: Round open\n  [Join] [Leave]',
    );
  });

  test('multi-line text indented', () => {
    const shown = message({ text: 'one\ntwo' });

    expect(formatBotMessage(shown, workspace, alice)).toBe('[#general] Mate: one\n  two');
  });

  test('attachment text as fallback', () => {
    const shown = message({ attachments: [{ fallback: 'from attachment' }] });

    expect(formatBotMessage(shown, workspace, alice)).toBe('[#general] Mate: from attachment');
  });
});

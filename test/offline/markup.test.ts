import { describe, expect, test } from '@jest/globals';

import { renderBlocks } from '../../src/offline/blocks.js';
import { type NameLookup, renderMarkup } from '../../src/offline/markup.js';

const names: NameLookup = {
  userName: (id) => ({ U1: 'alice', U2: 'bob' })[id],
  channelName: (id) => ({ C1: 'general', C2: 'lunch' })[id],
};

describe('renderMarkup', () => {
  const cases: [string, string, string][] = [
    ['plain text', 'hello there', 'hello there'],
    ['user mention', 'hi <@U1>', 'hi @alice'],
    ['user mention with label', '<@U2|bobby> joined', '@bob joined'],
    ['unknown user keeps label', '<@U9|zed>', '@zed'],
    ['unknown user keeps id', '<@U9>', '@U9'],
    ['channel link', 'see <#C1>', 'see #general'],
    ['channel link with label', 'see <#C2|lunch>', 'see #lunch'],
    ['unknown channel keeps label', '<#C9|old-name>', '#old-name'],
    [
      'date token shows fallback',
      'closes <!date^1765000000^{date_short_pretty} {time}|Fri 5 Dec, 11:50 (Asia/Seoul)>',
      'closes Fri 5 Dec, 11:50 (Asia/Seoul)',
    ],
    ['date token with link', '<!date^1765000000^{date}^https://a.example|5 Dec>', '5 Dec'],
    ['here mention', '<!here> lunch', '@here lunch'],
    ['channel mention', '<!channel>', '@channel'],
    ['subteam with label', '<!subteam^S1|@team>', '@team'],
    ['entities unescaped', 'a &lt;b&gt; &amp; c', 'a <b> & c'],
    ['escaped entity stays literal', '&amp;lt;', '&lt;'],
    ['bold kept', '*2 people registered*', '*2 people registered*'],
    ['link with label', '<https://a.example/x|the docs>', 'the docs (https://a.example/x)'],
    ['bare link', '<https://a.example/x>', 'https://a.example/x'],
    ['mailto link', '<mailto:a@b.example|a@b.example>', 'a@b.example'],
    ['link with escaped query', '<https://a.example/?a=1&amp;b=2>', 'https://a.example/?a=1&b=2'],
    ['several tokens', '<@U1> and <@U2> in <#C1>', '@alice and @bob in #general'],
    ['newlines kept', 'one\ntwo', 'one\ntwo'],
  ];

  test.each(cases)('%s', (_name, input, expected) => {
    expect(renderMarkup(input, names)).toBe(expected);
  });
});

describe('renderBlocks', () => {
  test('round post with buttons', () => {
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: '*Lunch* is open, <@U1>' } },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'j', text: { type: 'plain_text', text: 'Join' } },
          { type: 'button', action_id: 'l', text: { type: 'plain_text', text: 'Leave' } },
        ],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '2 people signed up' }] },
    ];

    expect(renderBlocks(blocks, names)).toEqual([
      '*Lunch* is open, @alice',
      '[Join] [Leave]',
      '2 people signed up',
    ]);
  });

  test('plain_text not rendered as markup', () => {
    const blocks = [{ type: 'header', text: { type: 'plain_text', text: '<@U1> &amp;' } }];

    expect(renderBlocks(blocks, names)).toEqual(['<@U1> &amp;']);
  });

  test('section fields, accessory and divider', () => {
    const blocks = [
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Size* 2' },
          { type: 'plain_text', text: 'Seoul' },
        ],
        accessory: { type: 'button', text: { type: 'plain_text', text: 'Edit' } },
      },
      { type: 'divider' },
    ];

    expect(renderBlocks(blocks, names)).toEqual(['*Size* 2', 'Seoul', '[Edit]', '---']);
  });

  test('rich_text mentions resolved', () => {
    const blocks = [
      {
        type: 'rich_text',
        elements: [
          {
            type: 'rich_text_section',
            elements: [
              { type: 'text', text: 'hi ' },
              { type: 'user', user_id: 'U2' },
              { type: 'text', text: ' in ' },
              { type: 'channel', channel_id: 'C2' },
            ],
          },
        ],
      },
    ];

    expect(renderBlocks(blocks, names)).toEqual(['hi @bob in #lunch']);
  });

  test('unknown block types skipped', () => {
    expect(renderBlocks([{ type: 'video' }, 'not a block', null], names)).toEqual([]);
  });
});

import type { ViewOutput, ViewStateValue, types } from '@slack/bolt';

type AnyBlock = types.KnownBlock | types.Block;

/** An interactive element found in a list of blocks, with the block that contains it. */
export interface FoundElement {
  blockId: string;
  element: Record<string, unknown>;
}

/**
 * Lists the interactive elements of blocks: elements of actions blocks, section accessories and
 * input block elements. Blocks without a block_id get '' here, where Slack would generate one.
 */
export function interactiveElements(blocks: readonly AnyBlock[] | undefined): FoundElement[] {
  const found: FoundElement[] = [];
  for (const block of blocks ?? []) {
    const record = block as unknown as Record<string, unknown>;
    const blockId = typeof record['block_id'] === 'string' ? record['block_id'] : '';
    const candidates: unknown[] = [];
    if (Array.isArray(record['elements']) && block.type === 'actions') {
      candidates.push(...record['elements']);
    }
    if (block.type === 'section' && record['accessory'] !== undefined) {
      candidates.push(record['accessory']);
    }
    if (block.type === 'input' && record['element'] !== undefined) {
      candidates.push(record['element']);
    }
    for (const candidate of candidates) {
      if (typeof candidate === 'object' && candidate !== null && 'action_id' in candidate) {
        found.push({ blockId, element: candidate as Record<string, unknown> });
      }
    }
  }

  return found;
}

export function findElement(
  blocks: readonly AnyBlock[] | undefined,
  actionId: string,
  blockId?: string,
): FoundElement | undefined {
  return interactiveElements(blocks).find(
    (item) =>
      item.element['action_id'] === actionId && (blockId === undefined || item.blockId === blockId),
  );
}

/** A submitted value: a full ViewStateValue, or a string or string list to convert. */
export type StateInput = ViewStateValue | string | string[];

/**
 * Builds view.state.values from shorthand input. Strings and string lists become the value
 * shape of the element they are for (plain_text_input gives `value`, static_select gives
 * `selected_option` from the element's options, users_select gives `selected_user`, and so on).
 * Objects are taken as ViewStateValue unchanged.
 */
export function buildStateValues(
  blocks: readonly AnyBlock[] | undefined,
  input: Record<string, Record<string, StateInput>>,
  description: string,
): ViewOutput['state']['values'] {
  const values: ViewOutput['state']['values'] = {};
  for (const [blockId, actions] of Object.entries(input)) {
    const blockValues: Record<string, ViewStateValue> = {};
    for (const [actionId, value] of Object.entries(actions)) {
      const found = findElement(blocks, actionId, blockId);
      if (!found) {
        throw new Error(
          `${description} has no element with block_id "${blockId}" and action_id "${actionId}"`,
        );
      }
      blockValues[actionId] = toStateValue(found.element, value);
    }
    values[blockId] = blockValues;
  }

  return values;
}

function toStateValue(element: Record<string, unknown>, value: StateInput): ViewStateValue {
  const type = String(element['type']);
  if (typeof value === 'object' && !Array.isArray(value)) {
    return value;
  }
  const list = Array.isArray(value) ? value : [value];
  const single = list[0] ?? '';
  switch (type) {
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: findOption(element, single) };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: list.map((item) => findOption(element, item)) };
    case 'users_select':
      return { type, selected_user: single };
    case 'multi_users_select':
      return { type, selected_users: list };
    case 'conversations_select':
      return { type, selected_conversation: single };
    case 'multi_conversations_select':
      return { type, selected_conversations: list };
    case 'channels_select':
      return { type, selected_channel: single };
    case 'multi_channels_select':
      return { type, selected_channels: list };
    case 'datepicker':
      return { type, selected_date: single };
    case 'timepicker':
      return { type, selected_time: single };
    default:
      return { type, value: single };
  }
}

function findOption(
  element: Record<string, unknown>,
  value: string,
): NonNullable<ViewStateValue['selected_option']> {
  const groups = Array.isArray(element['option_groups']) ? element['option_groups'] : [];
  const options = [
    ...(Array.isArray(element['options']) ? element['options'] : []),
    ...groups.flatMap((group: { options?: unknown[] }) => group.options ?? []),
  ] as { value?: string; text: types.PlainTextElement | types.MrkdwnElement }[];
  const option = options.find((candidate) => candidate.value === value);
  if (!option) {
    throw new Error(
      `element "${String(element['action_id'])}" has no option with value "${value}"`,
    );
  }

  return { text: option.text as types.PlainTextElement, value };
}

import { type NameLookup, renderMarkup } from './markup.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Renders a text object: mrkdwn goes through the markup renderer, plain_text is shown as is. */
function renderTextObject(value: unknown, names: NameLookup): string | undefined {
  if (!isObject(value) || typeof value['text'] !== 'string') {
    return undefined;
  }

  return value['type'] === 'mrkdwn' ? renderMarkup(value['text'], names) : value['text'];
}

/** Renders an interactive element the way a button row reads: `[Join]`, `[Pick a size]`. */
function renderElement(element: Json, names: NameLookup): string | undefined {
  const label =
    renderTextObject(element['text'], names) ?? renderTextObject(element['placeholder'], names);
  if (label !== undefined) {
    return `[${label}]`;
  }
  if (element['type'] === 'image') {
    return typeof element['alt_text'] === 'string' ? `[image: ${element['alt_text']}]` : undefined;
  }

  return typeof element['type'] === 'string' ? `[${element['type']}]` : undefined;
}

/** Collects the text of a rich_text block, which nests sections, lists and inline elements. */
function richText(element: Json, names: NameLookup): string {
  switch (element['type']) {
    case 'text':
      return typeof element['text'] === 'string' ? element['text'] : '';
    case 'user': {
      const userId = String(element['user_id']);

      return `@${names.userName(userId) ?? userId}`;
    }
    case 'channel': {
      const channelId = String(element['channel_id']);

      return `#${names.channelName(channelId) ?? channelId}`;
    }
    case 'link':
      return typeof element['text'] === 'string' ? element['text'] : String(element['url']);
    case 'emoji':
      return `:${String(element['name'])}:`;
    case 'broadcast':
      return `@${String(element['range'])}`;
    default:
      return objects(element['elements']).map((child) => richText(child, names)).join('');
  }
}

function renderBlock(block: Json, names: NameLookup): string[] {
  switch (block['type']) {
    case 'section': {
      const lines: string[] = [];
      const text = renderTextObject(block['text'], names);
      if (text !== undefined) {
        lines.push(text);
      }
      const fields = objects(block['fields'])
        .map((field) => renderTextObject(field, names))
        .filter((field): field is string => field !== undefined);
      lines.push(...fields);
      const accessory = isObject(block['accessory'])
        ? renderElement(block['accessory'], names)
        : undefined;
      if (accessory !== undefined) {
        lines.push(accessory);
      }

      return lines;
    }
    case 'header':
      return [renderTextObject(block['text'], names) ?? ''];
    case 'context': {
      const parts = objects(block['elements'])
        .map((element) => renderTextObject(element, names))
        .filter((part): part is string => part !== undefined);

      return parts.length > 0 ? [parts.join(' ')] : [];
    }
    case 'actions': {
      const row = objects(block['elements'])
        .map((element) => renderElement(element, names))
        .filter((part): part is string => part !== undefined);

      return row.length > 0 ? [row.join(' ')] : [];
    }
    case 'divider':
      return ['---'];
    case 'image':
      return [`[image: ${String(block['alt_text'] ?? '')}]`];
    case 'input': {
      const label = renderTextObject(block['label'], names);

      return label === undefined ? [] : [`${label}: [input]`];
    }
    case 'rich_text':
      return [richText(block, names)];
    default:
      return [];
  }
}

/**
 * Renders Block Kit blocks as the lines a person would read in Slack, one or more per block.
 * A row of buttons becomes `[Join] [Leave]`. Block types a terminal cannot show are skipped.
 */
export function renderBlocks(blocks: readonly unknown[], names: NameLookup): string[] {
  return blocks.filter(isObject).flatMap((block) => renderBlock(block, names));
}

/** Looks up display names for the ids that Slack markup refers to. */
export interface NameLookup {
  /** The user's name without '@', or undefined for an unknown id. */
  userName(userId: string): string | undefined;
  /** The channel's name without '#', or undefined for an unknown id. */
  channelName(channelId: string): string | undefined;
}

/**
 * Unescapes the three characters that Slack escapes in message text. `&amp;` is replaced last,
 * so `&amp;lt;` becomes the literal text `&lt;`.
 */
export function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Escapes text the way Slack does before it delivers what a user typed. */
export function escapeEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Splits `ID|label` at the first '|'. The label is undefined when there is none. */
function splitLabel(inner: string): { target: string; label: string | undefined } {
  const bar = inner.indexOf('|');
  if (bar < 0) {
    return { target: inner, label: undefined };
  }
  const label = inner.slice(bar + 1);

  return { target: inner.slice(0, bar), label: label === '' ? undefined : unescapeEntities(label) };
}

/** Renders a special mention: `<!here>`, `<!date^…|fallback>`, `<!subteam^S1|@team>`. */
function renderSpecial(inner: string): string {
  const { target, label } = splitLabel(inner);
  if (target.startsWith('date^')) {
    // Slack shows the fallback wherever it cannot format the date, so the text is always there.
    return label ?? target;
  }
  if (label !== undefined) {
    return label;
  }
  if (target.startsWith('subteam^')) {
    return `@${target.slice('subteam^'.length)}`;
  }

  return `@${target}`;
}

/** Renders a link: the label and the URL, or the URL alone when both are the same. */
function renderLink(inner: string): string {
  const { target, label } = splitLabel(inner);
  const url = unescapeEntities(target);
  const shown = url.startsWith('mailto:') ? url.slice('mailto:'.length) : url;
  if (label === undefined || label === shown || label === url) {
    return shown;
  }

  return `${label} (${shown})`;
}

function renderToken(inner: string, names: NameLookup): string {
  const first = inner.charAt(0);
  if (first === '@') {
    const { target, label } = splitLabel(inner.slice(1));

    return `@${names.userName(target) ?? label ?? target}`;
  }
  if (first === '#') {
    const { target, label } = splitLabel(inner.slice(1));

    return `#${names.channelName(target) ?? label ?? target}`;
  }
  if (first === '!') {
    return renderSpecial(inner.slice(1));
  }

  return renderLink(inner);
}

/**
 * Renders Slack mrkdwn markup as plain terminal text: `<@U1>` becomes `@alice`, `<#C1>` and
 * `<#C1|general>` become `#general`, a `<!date^…|fallback>` becomes its fallback, links show
 * their label and URL, and `&lt;`, `&gt;` and `&amp;` are unescaped. Emphasis such as `*bold*`
 * is kept as typed, because a terminal has no portable way to show it.
 */
export function renderMarkup(text: string, names: NameLookup): string {
  const token = /<([^<>]*)>/g;
  let rendered = '';
  let start = 0;
  for (const match of text.matchAll(token)) {
    rendered += unescapeEntities(text.slice(start, match.index));
    rendered += renderToken(match[1] ?? '', names);
    start = match.index + match[0].length;
  }
  rendered += unescapeEntities(text.slice(start));

  return rendered;
}

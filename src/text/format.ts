/** Maximum length of user input that a reply quotes back, in characters. */
export const maxQuotedLength = 40;

/**
 * Escapes the three characters that Slack's mrkdwn treats as control characters, so text a
 * user typed (for example `<!channel>`) is shown and never acted on.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Reverses Slack's escaping of `&`, `<` and `>` in text it delivers, so input is handled as the
 * user typed it and escaped once, by escapeText, when a reply shows it.
 */
export function unescapeText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Quotes user input for a reply: shortened to maxQuotedLength characters, then escaped. */
export function quoteInput(text: string): string {
  const characters = Array.from(text);
  const shown =
    characters.length > maxQuotedLength
      ? `${characters.slice(0, maxQuotedLength).join('')}…`
      : text;

  return `"${escapeText(shown)}"`;
}

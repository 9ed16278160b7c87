import { addOrganiser, listOrganisers, removeOrganiser } from '../db/rounds.js';
import type { RoundSettings } from '../rounds/settings.js';
import { roundMessagesFor } from '../text/round-messages.js';
import type { CommandResult, CommandScope } from './run-command.js';

/** A user mention as Slack sends it in command text: <@U123> or <@U123|name>. */
const mentionPattern = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** `organisers`, `organisers add @person` and `organisers remove @person`. */
export async function organisersCommand(
  scope: CommandScope,
  settings: RoundSettings | undefined,
): Promise<CommandResult> {
  const { db, deps, request } = scope;
  const rounds = roundMessagesFor(scope.language);
  const { teamId, channelId, userId } = request;
  const [action, target, ...extra] = scope.rest.split(/\s+/).filter(Boolean);

  if (action === undefined || action === 'list') {
    return { outcome: 'organisers', text: rounds.organisersList(await listOrganisers(db, teamId, channelId)) };
  }
  const mention = target ? mentionPattern.exec(target) : null;
  if (!['add', 'remove'].includes(action.toLowerCase()) || !mention || extra.length > 0) {
    return { outcome: 'organisers_usage', text: rounds.organiserUsage(deps.command) };
  }
  if (!scope.allowed) {
    return { outcome: 'not_organiser', text: rounds.notOrganiser(await listOrganisers(db, teamId, channelId)) };
  }
  if (!settings) {
    return { outcome: 'not_configured', text: rounds.notConfigured(deps.command) };
  }
  const targetId = mention[1] as string;
  if (action.toLowerCase() === 'add') {
    return (await addOrganiser(db, teamId, channelId, targetId, userId))
      ? { outcome: 'organiser_added', text: rounds.organiserAdded(targetId) }
      : { outcome: 'organiser_already', text: rounds.organiserAlready(targetId) };
  }
  const current = await listOrganisers(db, teamId, channelId);
  if (!current.includes(targetId)) {
    return { outcome: 'organiser_not_found', text: rounds.organiserNotFound(targetId) };
  }
  if (current.length === 1) {
    return { outcome: 'last_organiser', text: rounds.lastOrganiser() };
  }
  await removeOrganiser(db, teamId, channelId, targetId);

  return { outcome: 'organiser_removed', text: rounds.organiserRemoved(targetId) };
}

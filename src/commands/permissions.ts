import { isOrganiser, listOrganisers } from '../db/rounds.js';
import type { CommandDeps, CommandRequest } from './run-command.js';

/**
 * Checks whether the user may change this channel's rounds and posts. Workspace admins and
 * owners always may, and so may the channel's organisers. In a channel that has neither rounds nor
 * organisers, anyone may, and the first to set rounds up becomes the organiser.
 */
export async function canOrganise(
  deps: CommandDeps,
  request: Pick<CommandRequest, 'teamId' | 'channelId' | 'userId'>,
  configured: boolean,
): Promise<boolean> {
  const { teamId, channelId, userId } = request;
  if (await isOrganiser(deps.db, teamId, channelId, userId)) {
    return true;
  }
  if (!configured && (await listOrganisers(deps.db, teamId, channelId)).length === 0) {
    return true;
  }

  return deps.isWorkspaceAdmin(userId);
}

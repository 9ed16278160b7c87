import type { CommandDeps } from '../commands/run-command.js';
import type { Services } from '../services.js';

/** Builds the command layer's view of the services for every surface that runs commands. */
export function commandDeps(services: Services, botUserId: string | undefined): CommandDeps {
  const { config, db, users, clock, scheduler } = services;

  return {
    db,
    command: config.command,
    defaultLanguage: config.language,
    botUserId,
    clock,
    displayNames: (userIds) => users.names(userIds),
    isWorkspaceAdmin: async (userId) => (await users.get(userId))?.isAdmin ?? false,
    userTimeZone: async (userId) => (await users.get(userId))?.timeZone,
    rounds: scheduler,
  };
}

import type { NewUser, Workspace } from '../simulator/index.js';

/** The people of the offline workspace. The first is a workspace admin. */
const people: NewUser[] = [
  { name: 'alice', realName: 'Alice Kim', tz: 'Asia/Seoul', isAdmin: true, isOwner: true },
  { name: 'bob', realName: 'Bob Smith', tz: 'America/New_York' },
  { name: 'carol', realName: 'Carol Weber', tz: 'Europe/Berlin' },
  { name: 'dana', realName: 'Dana Lee', tz: 'Asia/Seoul' },
];

/** Channel names, and whether the bot has joined each one. */
const channels: { name: string; botIsMember: boolean }[] = [
  { name: 'general', botIsMember: true },
  { name: 'lunch', botIsMember: true },
  { name: 'random', botIsMember: false },
];

/**
 * Completes the simulator's workspace for offline mode: four people in every channel, and
 * #general and #lunch with the bot in them but #random without it. The simulator's own defaults
 * (alice, bob, carol, #general and #random at the time of writing) are kept and completed, so
 * this works whichever of them the simulator adds.
 */
export function setUpOfflineWorkspace(workspace: Workspace): void {
  for (const person of people) {
    if (!workspace.findUser(person.name)) {
      workspace.addUser(person);
    }
  }
  for (const { name, botIsMember } of channels) {
    const channel = workspace.findChannel(name) ?? workspace.addChannel({ name });
    for (const person of people) {
      workspace.addMember(channel.id, person.name);
    }
    if (botIsMember && !workspace.isBotMember(channel)) {
      workspace.addBotToChannel(channel.id);
    }
    if (!botIsMember && workspace.isBotMember(channel)) {
      workspace.removeBotFromChannel(channel.id);
    }
  }
}

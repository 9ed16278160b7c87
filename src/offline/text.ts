/**
 * Every line the offline prompt shows, in English. The bot's own replies are not here: they
 * come from the bot, in the language it is configured for.
 */

/** The bot's display name, as Slack shows it from the app manifest. */
export const botDisplayName = 'Mate';

/** Builds the example setup line, which works where the setup form cannot be shown. */
function setupExample(command: string): string {
  return `${command} setup close="weekdays 11:50" tz=Asia/Seoul size=2`;
}

export const offlineText = {
  prompt: (user: string, where: string) => `${user} in ${where}> `,

  welcome: (command: string, users: string, channels: string): string[] => [
    'Mate offline mode: a local Slack simulator, so no Slack workspace or tokens are needed.',
    'You type as one of these Slack users, in one of these channels:',
    `  Users: ${users}`,
    `  Channels: ${channels}`,
    'Try these lines:',
    `  ${command} register      sign up in this channel`,
    '  @Mate list          ask Mate in a message',
    '  :as bob             switch to another user',
    'To run a scheduled round in this channel, set it up, then join with the post\'s button:',
    `  ${setupExample(command)}`,
    '  :join               click Join on the round post',
    `  ${command} close         close the round and draw groups now`,
    'Type :help for all prompt commands, and :quit or Ctrl-D to leave.',
    '',
  ],

  help: (command: string): string[] => [
    'Lines you can type:',
    `  ${command} <text>        run the slash command, e.g. ${command} help`,
    '  @Mate <text>        post a message that mentions Mate, e.g. @Mate list',
    '  <text>              post a plain message; in a channel Mate ignores it, in the DM it',
    '                      reads it as a command',
    'Prompt commands:',
    '  :as <user>          switch user, by name or id (:users lists them)',
    '  :in #<channel>      switch channel (:channels lists them)',
    '  :dm                 switch to your direct message with Mate',
    '  :users              list the users',
    '  :channels           list the channels',
    "  :join / :leave      click Join or Leave on the newest round post in this channel",
    '  :help               show this help',
    '  :quit               leave (Ctrl-D does the same)',
  ],

  directMessage: 'DM',
  directMessageWith: (user: string) => `DM with ${user}`,
  groupDirectMessage: (users: string) => `group DM with ${users}`,
  thread: 'thread',
  onlyYou: 'only you',
  onlyUser: (user: string) => `only ${user}`,
  updated: 'updated',
  deleted: 'deleted a message',
  emptyMessage: '(empty message)',

  formOpened: (title: string | undefined, command: string): string[] => [
    `${botDisplayName} opened a form${title ? ` ("${title}")` : ''}, which offline mode cannot show.`,
    'The one-line form of the command does the same, for example:',
    `  ${setupExample(command)}`,
  ],
  formRejected: (error: string) =>
    `${botDisplayName} tried to open a form, but the simulator rejected it: ${error}.`,

  unknownPromptCommand: (word: string) =>
    `Unknown prompt command ":${word}". Type :help for the list.`,
  otherSlashCommand: (word: string, command: string) =>
    `${word} is not a command in this workspace. Mate's slash command is ${command}.`,

  switchedUser: (user: string, where: string) => `You are now ${user}, in ${where}.`,
  missingUser: 'Name a user, for example :as bob. :users lists them.',
  unknownUser: (name: string, users: string) => `User "${name}" not found. Users: ${users}.`,
  botIsNotAUser: 'Mate is the bot; pick a person to type as. :users lists them.',

  switchedChannel: (where: string) => `You are now in ${where}.`,
  switchedToDirectMessage: 'You are now in your DM with Mate, which reads every line as a command.',
  joinedChannel: (user: string, channel: string) => `${user} joined #${channel}.`,
  missingChannel: 'Name a channel, for example :in #lunch. :channels lists them.',
  unknownChannel: (name: string, channels: string) =>
    `Channel "${name}" not found. Channels: ${channels}.`,
  privateChannel: (channel: string) =>
    `#${channel} is private and you are not a member, so you cannot switch to it.`,

  usersHeader: 'Users:',
  userLine: (marker: string, name: string, realName: string, id: string, extras: string) =>
    `${marker} ${name.padEnd(8)} ${realName.padEnd(14)} ${id.padEnd(12)} ${extras}`,
  adminTag: 'workspace admin',
  channelsHeader: 'Channels:',
  channelLine: (marker: string, name: string, id: string, members: number, botIn: boolean) =>
    `${marker} #${name.padEnd(10)} ${id.padEnd(12)} ${members} members, ` +
    (botIn ? 'Mate is a member' : 'Mate is not a member'),
  currentMarker: '*',
  adminSuffix: ' (admin)',
  noBotSuffix: ' (no Mate)',

  noRoundPost: (where: string, command: string) =>
    `No round post with Join and Leave buttons in ${where}. An organiser starts one with ` +
    `${command} setup, then ${command} open.`,

  botNotInChannel: (channel: string, command: string) =>
    `(Mate is not in #${channel}, so it did not see that. ${command} works here.)`,
  plainMessageHint: (command: string) =>
    `(Posted. In a channel Mate reads only mentions, such as @Mate list, and ${command}.)`,
  notAMember: (user: string, where: string) =>
    `${user} is not a member of ${where}. Use :in to pick a channel.`,

  failed: (detail: string) => `Error: ${detail}`,
  noAnswer: (ms: number) =>
    `(No reply from Mate within ${ms / 1000} s. A reply that comes later is shown when it arrives.)`,
  goodbye: 'Leaving offline mode.',
};

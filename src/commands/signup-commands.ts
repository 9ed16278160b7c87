import type { Kysely } from 'kysely';

import type { Language } from '../config.js';
import { joinRound, leaveRound, listSignupsWithSkips, setSkipped } from '../db/rounds.js';
import type { Database } from '../db/schema.js';
import {
  addSignup,
  countSignups,
  findOpenList,
  getOrCreateOpenList,
  lockOpenList,
  removeSignup,
} from '../db/signups.js';
import { nextOpen, type RoundSettings } from '../rounds/settings.js';
import { messagesFor } from '../text/messages.js';
import { roundMessagesFor } from '../text/round-messages.js';
import { slackDate } from '../text/time.js';
import type { CommandResult, CommandScope } from './run-command.js';

type SignupCommand = 'register' | 'unregister' | 'list' | 'skip';

/**
 * Runs register, unregister, list and skip. In a channel without rounds they act on the
 * channel's standing list. In a channel with rounds they act on the open round and name its
 * close. Between rounds they name the next opening.
 */
export async function signupCommand(
  scope: CommandScope,
  name: SignupCommand,
  settings: RoundSettings | undefined,
): Promise<CommandResult> {
  const { db, request, messages, deps } = scope;
  const { teamId, channelId, userId } = request;
  if (!settings) {
    return standingListCommand(scope, name);
  }

  const rounds = roundMessagesFor(scope.language);
  const list = await lockOpenList(db, teamId, channelId);
  if (!list || list.closes_at === null) {
    if (name === 'unregister') {
      return { outcome: 'not_registered', text: messages.notRegistered() };
    }
    const next = nextOpen(settings, deps.clock.now());

    return {
      outcome: 'no_open_round',
      text: rounds.noOpenRound(next ? slackDate(next.at, settings.timeZone, scope.language) : undefined),
    };
  }
  const closesAt = slackDate(list.closes_at, settings.timeZone, scope.language);

  switch (name) {
    case 'register':
    case 'unregister':
      return changeRoundSignup(db, list.id, userId, name === 'register', scope.language, closesAt);
    case 'skip': {
      if (!settings.carryOver) {
        return { outcome: 'skip_not_carry_over', text: rounds.skipNeedsCarryOver(deps.command) };
      }
      const signups = await listSignupsWithSkips(db, list.id);
      const mine = signups.find((signup) => signup.userId === userId);
      if (!mine) {
        return { outcome: 'not_registered', text: rounds.skipNotRegistered(deps.command) };
      }
      if (mine.skipped) {
        return { outcome: 'already_skipped', text: rounds.alreadySkipped() };
      }
      await setSkipped(db, list.id, userId, true);

      return { outcome: 'skipped', text: rounds.skipped(closesAt), refreshListId: list.id };
    }
    case 'list': {
      const signups = await listSignupsWithSkips(db, list.id);
      const active = signups.filter((signup) => !signup.skipped).map((signup) => signup.userId);
      const skipped = signups.filter((signup) => signup.skipped).map((signup) => signup.userId);
      if (active.length === 0 && skipped.length === 0) {
        return { outcome: 'listed', text: rounds.listEmptyForRound(closesAt) };
      }

      return {
        outcome: 'listed',
        listed: {
          header: rounds.listHeaderForRound(active.length, closesAt),
          userIds: active,
          skipped: { header: rounds.skippedHeader(skipped.length), userIds: skipped },
        },
      };
    }
  }
}

/**
 * Joins or leaves an open round and builds the reply; the slash command, mentions and the
 * round post's buttons all end here. Registering again is how a member who chose to skip
 * comes back.
 */
export async function changeRoundSignup(
  db: Kysely<Database>,
  listId: string,
  userId: string,
  join: boolean,
  language: Language,
  closesAt: string,
): Promise<CommandResult> {
  const rounds = roundMessagesFor(language);
  if (join) {
    const { changed, count } = await joinRound(db, listId, userId);

    return changed
      ? { outcome: 'registered', text: rounds.registeredForRound(count, closesAt), refreshListId: listId }
      : { outcome: 'already_registered', text: rounds.alreadyRegisteredForRound(count, closesAt) };
  }
  const { changed, count } = await leaveRound(db, listId, userId);
  if (!changed) {
    return { outcome: 'not_registered', text: messagesFor(language).notRegistered() };
  }

  return { outcome: 'unregistered', text: rounds.unregisteredFromRound(count, closesAt), refreshListId: listId };
}

async function standingListCommand(scope: CommandScope, name: SignupCommand): Promise<CommandResult> {
  const { db, request, messages, deps } = scope;
  const { teamId, channelId, userId } = request;
  switch (name) {
    case 'register': {
      const list = await getOrCreateOpenList(db, teamId, channelId);
      const added = await addSignup(db, list.id, userId);
      const count = await countSignups(db, list.id);

      return added
        ? { outcome: 'registered', text: messages.registered(count) }
        : { outcome: 'already_registered', text: messages.alreadyRegistered(count) };
    }
    case 'unregister': {
      const list = await findOpenList(db, teamId, channelId);
      if (!list || !(await removeSignup(db, list.id, userId))) {
        return { outcome: 'not_registered', text: messages.notRegistered() };
      }

      return { outcome: 'unregistered', text: messages.unregistered(await countSignups(db, list.id)) };
    }
    case 'skip':
      return {
        outcome: 'skip_not_carry_over',
        text: roundMessagesFor(scope.language).skipNeedsCarryOver(deps.command),
      };
    case 'list': {
      const list = await findOpenList(db, teamId, channelId);
      const signups = list ? await listSignupsWithSkips(db, list.id) : [];
      if (signups.length === 0) {
        return { outcome: 'listed', text: messages.listEmpty() };
      }

      return {
        outcome: 'listed',
        listed: {
          header: messages.listHeader(signups.length),
          userIds: signups.map((signup) => signup.userId),
          skipped: undefined,
        },
      };
    }
  }
}

import type { Kysely } from 'kysely';

import type { Clock } from '../clock.js';
import type { Language } from '../config.js';
import {
  addOrganiser,
  deleteRoundConfig,
  listOrganisers,
  saveRoundConfig,
  setListClose,
  setPaused,
} from '../db/rounds.js';
import type { Database } from '../db/schema.js';
import { findOpenList } from '../db/signups.js';
import { resetCursor } from '../db/slot-runs.js';
import {
  describeSettingError,
  nextClose,
  parseKeyValues,
  type RoundSettings,
  settingsFromRow,
  validateSettings,
  type ValidSettings,
} from '../rounds/settings.js';
import { roundScheduleId } from '../scheduler/jobs.js';
import { describeSchedule, parseCronExpression, toCronExpression } from '../schedule/index.js';
import { type ConfigSummary, roundMessagesFor } from '../text/round-messages.js';
import { slackDate } from '../text/time.js';
import type { CommandResult, CommandScope } from './run-command.js';

type OrganiserCommand = 'setup' | 'config' | 'open' | 'close' | 'pause' | 'resume';

const settingKeys = new Set(['open', 'close', 'tz', 'reminders', 'size', 'carryover', 'title']);

/** Builds the configuration text that `config` shows and `setup` confirms. */
export async function summarise(
  scope: { db: Kysely<Database>; clock: Clock; language: Language },
  settings: RoundSettings,
): Promise<ConfigSummary> {
  const { language } = scope;
  const close = nextClose(settings, scope.clock.now());
  const describe = (cron: string) => describeSchedule(parseCronExpression(cron), language);

  return {
    title: settings.title ?? roundMessagesFor(language).defaultTitle,
    open: settings.openSchedule
      ? describe(toCronExpression(settings.openSchedule))
      : language === 'ko'
        ? '이전 라운드가 마감되면 바로'
        : 'as soon as the previous round closes',
    close: describe(toCronExpression(settings.closeSchedule)),
    timeZone: settings.timeZone,
    reminders: settings.reminderMinutes,
    groupSize: settings.groupSize,
    carryOver: settings.carryOver,
    paused: settings.paused,
    nextClose: close ? slackDate(close.at, settings.timeZone, language) : undefined,
    organisers: await listOrganisers(scope.db, settings.teamId, settings.channelId),
  };
}

function currentValues(settings: RoundSettings, toCron: (s: RoundSettings['closeSchedule']) => string): ValidSettings {
  return {
    openSchedule: settings.openSchedule ? toCron(settings.openSchedule) : null,
    closeSchedule: toCron(settings.closeSchedule),
    timeZone: settings.timeZone,
    reminderMinutes: settings.reminderMinutes,
    groupSize: settings.groupSize,
    carryOver: settings.carryOver,
    title: settings.title,
  };
}

/**
 * Saves a channel's round settings (from the command line or the setup form) and adjusts the
 * open round to the new close schedule. Returns the stored settings and whether a round must
 * be opened now, which happens after the transaction through the scheduler.
 */
export async function saveSettings(
  db: Kysely<Database>,
  now: Date,
  ids: { teamId: string; channelId: string; userId: string },
  values: ValidSettings,
  language: Language | null,
): Promise<{ settings: RoundSettings; openNow: boolean }> {
  const { teamId, channelId, userId } = ids;
  const row = await saveRoundConfig(db, {
    team_id: teamId,
    channel_id: channelId,
    open_schedule: values.openSchedule,
    close_schedule: values.closeSchedule,
    time_zone: values.timeZone,
    reminder_minutes: values.reminderMinutes,
    group_size: values.groupSize,
    carry_over: values.carryOver,
    title: values.title,
    language,
    created_by: userId,
  });
  if ((await listOrganisers(db, teamId, channelId)).length === 0) {
    await addOrganiser(db, teamId, channelId, userId, userId);
  }
  // Slots before this moment belonged to the old settings; none of them are caught up.
  await resetCursor(db, roundScheduleId(teamId, channelId), now);
  const settings = settingsFromRow(row);

  const open = await findOpenList(db, teamId, channelId);
  if (open && open.closes_at !== null) {
    const close = nextClose(settings, now);
    await setListClose(db, open.id, close?.at ?? null, close?.key ?? null);

    return { settings, openNow: false };
  }

  // A standing list becomes the first round now; with no open schedule a round always runs.
  // A paused channel stays paused, because only resume restarts its rounds.
  const roundDue = open !== undefined || settings.openSchedule === null;

  return { settings, openNow: roundDue && !settings.paused };
}

/** setup, config, open, close, pause and resume. */
export async function organiserCommand(
  scope: CommandScope,
  name: OrganiserCommand,
  settings: RoundSettings | undefined,
): Promise<CommandResult> {
  const { db, deps, request, language } = scope;
  const rounds = roundMessagesFor(language);
  const { teamId, channelId } = request;

  if (name === 'config') {
    if (!settings) {
      return { outcome: 'not_configured', text: rounds.notConfigured(deps.command) };
    }

    const summary = await summarise({ db, clock: deps.clock, language }, settings);

    return { outcome: 'config', text: rounds.configSummary(summary) };
  }
  if (!scope.allowed) {
    return {
      outcome: 'not_organiser',
      text: rounds.notOrganiser(await listOrganisers(db, teamId, channelId)),
    };
  }

  if (name === 'setup') {
    return setupCommand(scope, settings);
  }
  if (!settings) {
    return { outcome: 'not_configured', text: rounds.notConfigured(deps.command) };
  }
  const manual = deps.rounds;

  switch (name) {
    case 'pause': {
      if (settings.paused) {
        return { outcome: 'already_paused', text: rounds.alreadyPaused() };
      }
      await setPaused(db, teamId, channelId, true);

      return { outcome: 'paused', text: rounds.paused() };
    }
    case 'resume': {
      if (!settings.paused) {
        return { outcome: 'not_paused', text: rounds.notPaused() };
      }
      await setPaused(db, teamId, channelId, false);
      await resetCursor(db, roundScheduleId(teamId, channelId), deps.clock.now());
      const close = nextClose(settings, deps.clock.now());

      return {
        outcome: 'resumed',
        text: rounds.resumed(close ? slackDate(close.at, settings.timeZone, language) : undefined),
      };
    }
    case 'open':
      return {
        outcome: 'open',
        after: async () => {
          const result = await (manual as NonNullable<typeof manual>).runManual('manual-open', teamId, channelId);
          const list = result.plan?.openedList;
          const closesAt = list?.closes_at
            ? slackDate(list.closes_at, settings.timeZone, language)
            : undefined;
          if (result.outcome === 'already_open' && closesAt) {
            return { outcome: 'already_open', text: rounds.alreadyOpen(closesAt) };
          }
          if (closesAt) {
            return { outcome: 'opened', text: rounds.opened(closesAt) };
          }

          return { outcome: result.outcome, text: rounds.noOpenRound(undefined) };
        },
      };
    case 'close': {
      // The request closes the round open now. If the schedule closes that round first, the
      // round opened after it stays open.
      const listId = (await findOpenList(db, teamId, channelId))?.id;

      return {
        outcome: 'close',
        after: async () => {
          const result = await (manual as NonNullable<typeof manual>).runManual(
            'manual-close',
            teamId,
            channelId,
            listId,
          );
          if (result.outcome === 'already_closed') {
            return { outcome: result.outcome, text: rounds.roundJustClosed() };
          }
          if (result.outcome !== 'closed') {
            return { outcome: result.outcome, text: rounds.nothingToClose() };
          }

          return {
            outcome: 'closed',
            text: rounds.closedNow(result.plan?.signedUp ?? 0, result.plan?.groups ?? 0),
          };
        },
      };
    }
  }
}

async function setupCommand(scope: CommandScope, settings: RoundSettings | undefined): Promise<CommandResult> {
  const { db, deps, request, language, rest } = scope;
  const rounds = roundMessagesFor(language);
  const { teamId, channelId } = request;

  if (rest === '') {
    if (request.source === 'slash') {
      return { outcome: 'open_setup_modal', text: rounds.setupUsage(deps.command), openSetupModal: true };
    }

    return { outcome: 'setup_usage', text: rounds.setupUsage(deps.command) };
  }
  if (/^(off|remove|delete|끄기|삭제)$/i.test(rest)) {
    if (!settings) {
      return { outcome: 'not_configured', text: rounds.notConfigured(deps.command) };
    }
    await deleteRoundConfig(db, teamId, channelId);
    const open = await findOpenList(db, teamId, channelId);
    if (open) {
      await setListClose(db, open.id, null, null);
    }

    return { outcome: 'rounds_removed', text: rounds.roundsRemoved() };
  }

  const { values, unknown, repeated, unclosed } = parseKeyValues(rest);
  const [unclosedKey] = unclosed;
  if (unclosedKey !== undefined) {
    const fix = rounds.settingFix({ kind: 'unclosed_quote' });

    return { outcome: 'invalid_settings', text: rounds.invalidSetting('setting', unclosedKey, fix) };
  }
  if (repeated.length > 0) {
    const fix = rounds.settingFix({ kind: 'repeated_key' });

    return {
      outcome: 'invalid_settings',
      text: repeated.map((key) => rounds.invalidSetting('setting', key, fix)).join('\n'),
    };
  }
  const unknownKeys = [...unknown, ...Object.keys(values).filter((key) => !settingKeys.has(key))];
  if (unknownKeys.length > 0) {
    return {
      outcome: 'invalid_settings',
      text: [
        rounds.invalidSetting(
          'setting',
          unknownKeys.join(' '),
          rounds.settingFix({ kind: 'unknown_keys', keys: [...settingKeys] }),
        ),
        rounds.setupUsage(deps.command),
      ].join('\n'),
    };
  }
  const defaults = settings
    ? currentValues(settings, toCronExpression)
    : { timeZone: scope.userTimeZone ?? 'UTC' };
  const validated = validateSettings(values, defaults, deps.clock.now());
  if ('errors' in validated) {
    return {
      outcome: 'invalid_settings',
      text: validated.errors
        .map((error) => describeSettingError(rounds, error))
        .join('\n'),
    };
  }
  const channelLanguage = settings?.language ?? (language === 'ko' ? 'ko' : null);
  const saved = await saveSettings(db, deps.clock.now(), request, validated.settings, channelLanguage);
  const summary = rounds.configSummary(
    await summarise({ db, clock: deps.clock, language }, saved.settings),
  );
  if (!saved.openNow || !deps.rounds) {
    return { outcome: 'configured', text: rounds.setupSaved(summary) };
  }
  const manual = deps.rounds;

  return {
    outcome: 'configured',
    after: async () => {
      await manual.runManual('manual-open', teamId, channelId);

      return { outcome: 'configured', text: rounds.setupSaved(summary) };
    },
  };
}

import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import { canOrganise } from '../../commands/permissions.js';
import { saveSettings, summarise } from '../../commands/organiser-commands.js';
import type { Language } from '../../config.js';
import { findRoundConfig, listOrganisers } from '../../db/rounds.js';
import {
  describeSettingError,
  type SettingsInput,
  settingsFromRow,
  validateSettings,
  type RoundSettings,
} from '../../rounds/settings.js';
import { toCronExpression } from '../../schedule/index.js';
import type { Services } from '../../services.js';
import { messagesFor } from '../../text/messages.js';
import { roundMessagesFor } from '../../text/round-messages.js';
import { commandDeps } from '../command-deps.js';

export const setupCallbackId = 'mate_round_setup';

/** Context the form carries from the slash command to its submission. */
interface SetupMetadata {
  teamId: string;
  channelId: string;
  responseUrl: string;
  language: Language;
}

function textInput(
  blockId: string,
  label: string,
  hint: string,
  initial: string | undefined,
  optional: boolean,
) {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: hint },
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

/** Builds the setup form, filled in with the channel's current settings or defaults. */
export function setupView(metadata: SetupMetadata, settings: RoundSettings | undefined, timeZone: string) {
  const text = roundMessagesFor(metadata.language).modal;
  const size = String(settings?.groupSize ?? 2);
  const carry = settings?.carryOver ? 'yes' : 'no';
  const sizeOption = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
  const carryOption = (value: 'yes' | 'no') => ({
    text: { type: 'plain_text', text: value === 'yes' ? text.carryOverYes : text.carryOverNo },
    value,
  });

  return {
    type: 'modal' as const,
    callback_id: setupCallbackId,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text' as const, text: text.title },
    submit: { type: 'plain_text' as const, text: text.submit },
    close: { type: 'plain_text' as const, text: text.cancel },
    blocks: [
      textInput('title', text.name, text.nameHint, settings?.title ?? undefined, true),
      textInput(
        'close',
        text.close,
        text.closeHint,
        settings ? toCronExpression(settings.closeSchedule) : undefined,
        false,
      ),
      textInput(
        'open',
        text.open,
        text.openHint,
        settings?.openSchedule ? toCronExpression(settings.openSchedule) : undefined,
        true,
      ),
      textInput('tz', text.timeZone, text.timeZoneHint, settings?.timeZone ?? timeZone, false),
      textInput(
        'reminders',
        text.reminders,
        text.remindersHint,
        settings?.reminderMinutes.join(', ') || undefined,
        true,
      ),
      {
        type: 'input',
        block_id: 'size',
        label: { type: 'plain_text', text: text.groupSize },
        element: {
          type: 'static_select',
          action_id: 'value',
          options: ['2', '3', '4', '5', '6', '7', '8'].map(sizeOption),
          initial_option: sizeOption(size),
        },
      },
      {
        type: 'input',
        block_id: 'carryover',
        label: { type: 'plain_text', text: text.carryOver },
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options: [carryOption('no'), carryOption('yes')],
          initial_option: carryOption(carry),
        },
      },
    ],
  };
}

/** Opens the setup form; returns false (after logging) when Slack refuses it. */
export async function openSetupModal(
  services: Services,
  client: WebClient,
  request: {
    triggerId: string;
    teamId: string;
    channelId: string;
    userId: string;
    responseUrl: string;
    language: Language;
  },
): Promise<boolean> {
  const row = await findRoundConfig(services.db, request.teamId, request.channelId);
  const timeZone = (await services.users.get(request.userId))?.timeZone ?? 'UTC';
  const metadata: SetupMetadata = {
    teamId: request.teamId,
    channelId: request.channelId,
    responseUrl: request.responseUrl,
    language: row?.language ?? request.language,
  };
  try {
    await client.views.open({
      trigger_id: request.triggerId,
      view: setupView(metadata, row ? settingsFromRow(row) : undefined, timeZone) as never,
    });

    return true;
  } catch (err) {
    services.logger.warn(
      { err, team: request.teamId, channel: request.channelId, user: request.userId },
      'could not open the setup form',
    );

    return false;
  }
}

type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

function readInput(values: ViewSubmitAction['view']['state']['values']): SettingsInput {
  const text = (blockId: string) => values[blockId]?.value?.value ?? '';

  return {
    title: text('title'),
    close: text('close'),
    open: text('open'),
    tz: text('tz'),
    reminders: text('reminders'),
    size: values.size?.value?.selected_option?.value ?? '',
    carryover: values.carryover?.value?.selected_option?.value ?? '',
  };
}

async function postToResponseUrl(url: string, text: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', text }),
  });
  if (!response.ok) {
    throw new Error(`response_url returned HTTP ${response.status}`);
  }
}

/**
 * Saves the setup form. Invalid fields are returned to Slack as form errors, so the user sees
 * each message under its field and loses nothing they typed.
 */
export function createSetupSubmissionCallback(services: Services) {
  return async function setupSubmissionCallback({ ack, body, view, context }: ViewArgs) {
    const metadata = JSON.parse(view.private_metadata) as SetupMetadata;
    const userId = body.user.id;
    const logger = services.logger.child({ team: metadata.teamId, channel: metadata.channelId, user: userId });
    const rounds = roundMessagesFor(metadata.language);
    const deps = commandDeps(services, context.botUserId);
    const request = { teamId: metadata.teamId, channelId: metadata.channelId, userId };

    const row = await findRoundConfig(services.db, metadata.teamId, metadata.channelId);
    if (!(await canOrganise(deps, request, row !== undefined))) {
      const organisers = await listOrganisers(services.db, metadata.teamId, metadata.channelId);
      await ack({ response_action: 'errors', errors: { close: rounds.notOrganiser(organisers) } });

      return;
    }
    const current = row ? settingsFromRow(row) : undefined;
    const validated = validateSettings(
      readInput(view.state.values),
      { timeZone: current?.timeZone ?? 'UTC' },
      services.clock.now(),
    );
    if ('errors' in validated) {
      const errors: Record<string, string> = {};
      for (const error of validated.errors) {
        errors[error.field] = describeSettingError(rounds, error);
      }
      await ack({ response_action: 'errors', errors });

      return;
    }
    await ack();

    let text: string;
    let saved = false;
    try {
      const channelLanguage = row?.language ?? (metadata.language === 'ko' ? 'ko' : null);
      const result = await services.db
        .transaction()
        .execute((trx) =>
          saveSettings(trx, services.clock.now(), request, validated.settings, channelLanguage),
        );
      saved = true;
      if (result.openNow) {
        await services.scheduler.runManual('manual-open', metadata.teamId, metadata.channelId);
      }
      const summary = await summarise(
        { db: services.db, clock: services.clock, language: metadata.language },
        result.settings,
      );
      text = rounds.setupSaved(rounds.configSummary(summary));
      logger.info({ outcome: 'configured' }, 'round settings saved from the form');
    } catch (err) {
      logger.error({ err }, 'saving round settings from the form failed');
      const messages = messagesFor(metadata.language);
      text = saved ? messages.partialError(services.config.command) : messages.internalError();
    }
    try {
      await postToResponseUrl(metadata.responseUrl, text);
    } catch (err) {
      logger.warn({ err }, 'could not confirm the saved settings through response_url');
    }
  };
}

export function register(app: App, services: Services): void {
  app.view(setupCallbackId, createSetupSubmissionCallback(services));
}

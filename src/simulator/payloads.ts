import type { EnvelopedEvent, SlashCommand } from '@slack/bolt';

import type { IdSource, TsClock } from './ids.js';
import type { Envelope } from './socket-mode.js';
import type { SimulatedChannel, SimulatedUser, Workspace } from './workspace.js';

/**
 * The legacy verification token Slack still puts in payloads. Socket Mode apps do not check it.
 */
export const VERIFICATION_TOKEN = 'simulatorVerificationToken';

export interface EventEnvelopeOptions {
  eventId?: string;
  /** Redelivery count: 0 for the first delivery, then 1, 2, ... for the same event_id. */
  retryAttempt?: number;
  /** Redelivery reason such as 'timeout' or 'http_error', and '' on the first delivery. */
  retryReason?: string;
}

/** Builds Socket Mode envelopes with the fields Slack sends, from the workspace model. */
export class PayloadBuilder {
  readonly #workspace: Workspace;
  readonly #ids: IdSource;
  readonly #clock: TsClock;

  constructor(workspace: Workspace, ids: IdSource, clock: TsClock) {
    this.#workspace = workspace;
    this.#ids = ids;
    this.#clock = clock;
  }

  /** Wraps an event in an event_callback body and an events_api envelope. */
  eventEnvelope(
    event: { type: string } & Record<string, unknown>,
    options: EventEnvelopeOptions = {},
  ): { envelope: Envelope; eventId: string } {
    const { team, bot } = this.#workspace;
    const eventId = options.eventId ?? this.#ids.next('Ev');
    const body: EnvelopedEvent = {
      token: VERIFICATION_TOKEN,
      team_id: team.id,
      context_team_id: team.id,
      api_app_id: bot.appId,
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: this.#clock.nowSeconds(),
      authorizations: [
        {
          enterprise_id: null,
          team_id: team.id,
          user_id: bot.userId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(`${event.type}-${team.id}`).toString('base64url')}`,
    };
    const envelope: Envelope = {
      envelope_id: this.#ids.nextEnvelopeId(),
      type: 'events_api',
      payload: body,
      accepts_response_payload: false,
      retry_attempt: options.retryAttempt ?? 0,
      retry_reason: options.retryReason ?? '',
    };

    return { envelope, eventId };
  }

  /** Builds a slash_commands envelope whose payload has Slack's form fields, all strings. */
  slashCommandEnvelope(input: {
    user: SimulatedUser;
    channel: SimulatedChannel;
    command: string;
    text: string;
    responseUrl: string;
    triggerId: string;
  }): Envelope {
    const { team, bot } = this.#workspace;
    const payload: SlashCommand = {
      token: VERIFICATION_TOKEN,
      team_id: team.id,
      team_domain: team.domain,
      channel_id: input.channel.id,
      channel_name: slashCommandChannelName(input.channel),
      user_id: input.user.id,
      user_name: input.user.name,
      command: input.command,
      text: input.text,
      api_app_id: bot.appId,
      is_enterprise_install: 'false',
      response_url: input.responseUrl,
      trigger_id: input.triggerId,
    };

    return {
      envelope_id: this.#ids.nextEnvelopeId(),
      type: 'slash_commands',
      payload,
      accepts_response_payload: true,
    };
  }

  /** Wraps a block_actions or view_submission payload in an interactive envelope. */
  interactiveEnvelope(payload: object): Envelope {
    return {
      envelope_id: this.#ids.nextEnvelopeId(),
      type: 'interactive',
      payload,
      accepts_response_payload: true,
    };
  }

  /** Returns the `team` object of interactive payloads. */
  teamObject(): { id: string; domain: string } {
    return { id: this.#workspace.team.id, domain: this.#workspace.team.domain };
  }

  /** Returns the `user` object of interactive payloads. */
  userObject(user: SimulatedUser): { id: string; username: string; name: string; team_id: string } {
    return { id: user.id, username: user.name, name: user.name, team_id: user.teamId };
  }
}

/** Slack sends 'directmessage' and 'privategroup' as channel_name for DMs and private channels. */
function slashCommandChannelName(channel: SimulatedChannel): string {
  switch (channel.kind) {
    case 'im':
      return 'directmessage';
    case 'mpim':
      return channel.name;
    case 'private':
      return 'privategroup';
    case 'public':
      return channel.name;
  }
}

import type { SimulatorMessage } from '../../src/simulator/index.js';
import type { ManualClock } from '../helpers/clock.js';
import type { Harness } from '../helpers/harness.js';

/** Sends a slash command and returns the ephemeral reply to that user. */
export async function slash(h: Harness, user: string, channel: string, text: string): Promise<string> {
  const mark = h.sim.mark();
  const userId = h.sim.workspace.requireUser(user).id;
  await h.sim.sendSlashCommand({ user, channel, text, timeoutMs: 10_000 });
  const reply = await h.sim.waitFor((m) => m.source === 'response_url' && m.user === userId, {
    since: mark,
    timeoutMs: 10_000,
  });

  return reply.text ?? '';
}

/** Moves the clock to `at` and runs one scheduler tick; returns the messages it produced. */
export async function tickAt(h: Harness, clock: ManualClock, at: string): Promise<SimulatorMessage[]> {
  clock.set(at);
  const mark = h.sim.mark();
  await h.mate.services.scheduler.tick();

  return h.sim.messages.slice(mark);
}

export function posts(messages: readonly SimulatorMessage[], channel?: string): SimulatorMessage[] {
  return messages.filter((m) => m.kind === 'post' && (channel === undefined || m.channel === channel));
}

/** Group DMs and DMs: posts into conversations that are not named channels. */
export function directPosts(h: Harness, messages: readonly SimulatorMessage[]): SimulatorMessage[] {
  return messages.filter((m) => {
    if (m.kind !== 'post') {
      return false;
    }
    const kind = h.sim.workspace.findChannel(m.channel)?.kind;

    return kind === 'im' || kind === 'mpim';
  });
}

export function membersOf(h: Harness, channelId: string): string[] {
  const bot = h.sim.workspace.bot.userId;

  return [...h.sim.workspace.requireChannel(channelId).members].filter((id) => id !== bot).sort();
}

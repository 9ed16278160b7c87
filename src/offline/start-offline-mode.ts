import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { SlackSimulator } from '../simulator/index.js';
import { setUpOfflineWorkspace } from './default-workspace.js';
import { OfflinePrompt } from './prompt.js';

export interface OfflineSession {
  /** The config with slackApiUrl pointed at the simulator. */
  readonly config: Config;
  readonly tokens: { botToken: string; appToken: string };
  /** Starts the prompt once the bot is connected; calls onExit when the user quits. */
  startPrompt(onExit: () => void): void;
  /** Closes the prompt and stops the simulator. */
  stop(): Promise<void>;
}

/** The person at the prompt starts as this user, a workspace admin, so setup commands work. */
const firstUser = 'alice';
const firstChannel = 'general';

/**
 * Starts the local Slack simulator on 127.0.0.1 with a small workspace, for running the bot
 * with no Slack tokens. The caller starts the bot with the returned config and tokens, then
 * calls startPrompt. `io` defaults to the process's stdin and stdout.
 */
export async function startOfflineMode(
  config: Config,
  logger: Logger,
  io?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
): Promise<OfflineSession> {
  // NOTE: the simulated workspace lives in memory but the bot's database persists, so after a
  // restart the previous run's round posts are gone and updating their counts fails (logged).
  const simulator = await SlackSimulator.start({ clock: 'wall' });
  setUpOfflineWorkspace(simulator.workspace);
  const { workspace, botToken, appToken } = simulator;
  logger.info({ apiUrl: simulator.apiUrl }, 'offline mode: Slack simulator started');

  const prompt = new OfflinePrompt({
    simulator,
    command: config.command,
    input: io?.input ?? process.stdin,
    output: io?.output ?? process.stdout,
    logger,
    start: {
      userId: workspace.requireUser(firstUser).id,
      channelId: workspace.requireChannel(firstChannel).id,
    },
  });
  const offlineConfig: Config = Object.freeze({
    ...config,
    slackApiUrl: simulator.apiUrl,
    slackBotToken: botToken,
    slackAppToken: appToken,
  });
  let stopped = false;

  return {
    config: offlineConfig,
    tokens: { botToken, appToken },
    startPrompt(onExit) {
      prompt.start(onExit);
    },
    async stop() {
      if (stopped) {
        return;
      }
      stopped = true;
      prompt.stop();
      await simulator.stop();
      logger.info('offline mode: Slack simulator stopped');
    },
  };
}

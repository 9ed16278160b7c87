import type { App } from '@slack/bolt';

import type { Services } from '../services.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';

/** Registers every listener, one group per Slack surface. */
export function registerListeners(app: App, services: Services): void {
  commands.register(app, services);
  events.register(app, services);
}

import type { App } from '@slack/bolt';

import type { Services } from '../../services.js';
import { createAppMentionCallback } from './app-mention.js';
import { createMessageCallback } from './message.js';

export function register(app: App, services: Services): void {
  app.event('app_mention', createAppMentionCallback(services));
  app.message(createMessageCallback(services));
}

import type { App } from '@slack/bolt';

import type { Services } from '../../services.js';
import { createMateCommandCallback } from './mate-command.js';

export function register(app: App, services: Services): void {
  app.command(services.config.command, createMateCommandCallback(services));
}

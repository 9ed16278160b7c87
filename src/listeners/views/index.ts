import type { App } from '@slack/bolt';

import type { Services } from '../../services.js';
import * as roundSetup from './round-setup.js';

export function register(app: App, services: Services): void {
  roundSetup.register(app, services);
}

import type { App } from '@slack/bolt';

import type { Services } from '../../services.js';
import * as roundButtons from './round-buttons.js';

export function register(app: App, services: Services): void {
  roundButtons.register(app, services);
}

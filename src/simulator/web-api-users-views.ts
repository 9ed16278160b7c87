import { SlackApiError } from './api-error.js';
import { flag, optionalJson, optionalString, paginate, requiredString } from './args.js';
import type { ApiArgs } from './args.js';
import { userObject } from './serializers.js';
import type { MethodTable } from './web-api.js';

function readView(args: ApiArgs): unknown {
  return optionalJson(args, 'view', 'invalid_arguments');
}

export const userAndViewMethods: MethodTable = {
  'users.info': {
    token: 'bot',
    run(args, { workspace }) {
      const id = optionalString(args, 'user');
      const user = id === undefined ? undefined : workspace.findUser(id);
      if (!user || user.id !== id) {
        throw new SlackApiError('user_not_found');
      }

      return { user: userObject(workspace, user, { includeLocale: flag(args, 'include_locale') }) };
    },
  },

  'users.list': {
    token: 'bot',
    run(args, { workspace }) {
      const includeLocale = flag(args, 'include_locale');
      const { page, nextCursor } = paginate(workspace.users, args, 100);

      return {
        members: page.map((user) => userObject(workspace, user, { includeLocale })),
        cache_ts: 0,
        response_metadata: { next_cursor: nextCursor },
      };
    },
  },

  'views.open': {
    token: 'bot',
    run(args, { triggers, views }) {
      const view = readView(args);
      const userId = triggers.consume(args['trigger_id']);

      return { view: views.open(userId, view) };
    },
  },

  'views.push': {
    token: 'bot',
    run(args, { triggers, views }) {
      const view = readView(args);
      const userId = triggers.consume(args['trigger_id']);

      return { view: views.push(userId, view) };
    },
  },

  'views.update': {
    token: 'bot',
    run(args, { views }) {
      const target = {
        viewId: optionalString(args, 'view_id'),
        externalId: optionalString(args, 'external_id'),
        hash: optionalString(args, 'hash'),
      };

      return { view: views.update(target, readView(args)) };
    },
  },

  'views.publish': {
    token: 'bot',
    run(args, { workspace, views }) {
      const userId = requiredString(args, 'user_id');
      const user = workspace.findUser(userId);
      if (!user || user.id !== userId || user.deleted) {
        throw new SlackApiError('user_not_found');
      }

      return { view: views.publish(user.id, readView(args), optionalString(args, 'hash')) };
    },
  },
};

import { randomUUID } from 'node:crypto';

import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import type { ScheduledTask } from 'node-cron';

import type { Clock } from '../clock.js';
import type { Language } from '../config.js';
import { enqueueOutbox, expireUndelivered } from '../db/outbox.js';
import { listRoundConfigs, listScheduledPosts, findRoundConfig } from '../db/rounds.js';
import type { Database, ScheduledPostRow } from '../db/schema.js';
import {
  advanceCursor,
  claimSlot,
  markSlotDone,
  markSlotPlanned,
  readCursor,
  renewSlotLease,
  unfinishedSlots,
} from '../db/slot-runs.js';
import type { Logger } from '../logger.js';
import type { OutboxSender } from '../rounds/outbox-sender.js';
import {
  closedAnnouncementFor,
  type Plan,
  type PlanContext,
  planCloseRound,
  planOpenRound,
  planReminder,
  planScheduledPost,
} from '../rounds/plan.js';
import { type RoundSettings, settingsFromRow } from '../rounds/settings.js';
import {
  type Job,
  jobFromSlotId,
  openStillMeaningful,
  postJobsBetween,
  postScheduleId,
  roundJobsBetween,
  roundScheduleId,
} from './jobs.js';
import { startMinuteTicker } from './ticker.js';

export interface SchedulerOptions {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  sender: OutboxSender;
  /** Used to redraw a round's post after it closes; failures there are only logged. */
  client: WebClient;
  command: string;
  defaultLanguage: Language;
  /** Names this process in slot leases; see Config.workerId. */
  owner: string;
  /** How long a claimed slot stays with its owner without renewal. */
  leaseMs?: number;
  /** Missed slots older than this are not caught up after downtime. */
  maxCatchUpMs?: number;
  /** A missed scheduled post is still sent when it is at most this late. */
  postGraceMs?: number;
}

export interface SlotResult {
  slotId: string;
  kind: Job['kind'];
  outcome: string;
  delivered: 'complete' | 'incomplete' | 'not_run';
  plan?: Plan;
}

/** Summary of one tick, for logs and tests. */
export interface TickSummary {
  at: Date;
  results: SlotResult[];
}

/**
 * Runs every schedule's due slots once across all bot processes, as far as Slack lets a
 * client tell whether a message arrived. node-cron wakes each
 * process once a minute; each tick reads how far every schedule was checked, computes the slots
 * due since then with the zone-aware schedule code, and claims each slot in Postgres before
 * acting. A slot's messages go through the outbox, so a crash mid-way resumes where it stopped.
 */
export class Scheduler {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #sender: OutboxSender;
  readonly #client: WebClient;
  readonly #command: string;
  readonly #defaultLanguage: Language;
  readonly #owner: string;
  readonly #leaseMs: number;
  readonly #maxCatchUpMs: number;
  readonly #postGraceMs: number;
  #task: ScheduledTask | undefined;
  #running: Promise<TickSummary> | undefined;
  #stopping = false;
  /**
   * Slots this process is running now. claimSlot lets an owner take back its own slot, which a
   * restarted process needs, so a tick must not resume a slot that a manual request of this
   * same process is still sending.
   */
  readonly #inProgress = new Set<string>();

  constructor(options: SchedulerOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#logger = options.logger.child({ component: 'scheduler' });
    this.#sender = options.sender;
    this.#client = options.client;
    this.#command = options.command;
    this.#defaultLanguage = options.defaultLanguage;
    this.#owner = options.owner;
    this.#leaseMs = options.leaseMs ?? 5 * 60_000;
    this.#maxCatchUpMs = options.maxCatchUpMs ?? 48 * 60 * 60_000;
    this.#postGraceMs = options.postGraceMs ?? 60 * 60_000;
  }

  get owner(): string {
    return this.#owner;
  }

  /** Starts the once-a-minute node-cron tick and runs one tick now to catch up. */
  start(): void {
    this.#stopping = false;
    this.#task = startMinuteTicker(() => this.#tickLogged(), this.#logger);
    void this.#tickLogged();
  }

  /** Stops the cron task and waits for a tick in progress, which stops between messages. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#task?.stop();
    await this.#task?.destroy();
    this.#task = undefined;
    await this.#running?.catch(() => undefined);
  }

  async #tickLogged(): Promise<void> {
    try {
      await this.tick();
    } catch (err) {
      this.#logger.error({ err }, 'scheduler tick failed');
    }
  }

  /**
   * Runs one check: resumes slots left unfinished, then runs every slot that fell due since
   * the last check. Ticks in one process never overlap; a second call waits for the first.
   */
  async tick(): Promise<TickSummary> {
    while (this.#running) {
      await this.#running.catch(() => undefined);
    }
    this.#running = this.#tick();
    try {
      return await this.#running;
    } finally {
      this.#running = undefined;
    }
  }

  async #tick(): Promise<TickSummary> {
    const now = this.#clock.now();
    const results: SlotResult[] = [];

    for (const slot of await unfinishedSlots(this.#db)) {
      const job = jobFromSlotId(slot.slotId, slot.dueAt);
      if (!job) {
        // Written by another version of Mate; it stays for that version to finish.
        this.#logger.warn({ slotId: slot.slotId }, 'unfinished slot of an unknown kind; skipped');
        continue;
      }
      if (!this.#stopping) {
        const result = await this.#isolated({ slotId: job.slotId }, () => this.#runJob(job, now, true));
        if (result) {
          results.push(result);
        }
      }
    }

    for (const row of await listRoundConfigs(this.#db)) {
      const scheduleId = roundScheduleId(row.team_id, row.channel_id);
      const done = await this.#isolated({ scheduleId }, () =>
        this.#runRoundSchedule(settingsFromRow(row), now),
      );
      results.push(...(done ?? []));
    }
    for (const post of await listScheduledPosts(this.#db)) {
      const done = await this.#isolated({ scheduleId: postScheduleId(post.id) }, () =>
        this.#runPostSchedule(post, now),
      );
      results.push(...(done ?? []));
    }

    return { at: now, results };
  }

  /**
   * Runs one slot or schedule and logs its error instead of throwing it, so a channel that
   * keeps failing cannot stop the others. The failed work is tried again on the next tick,
   * because its cursor did not move and a claimed slot stays unfinished.
   */
  async #isolated<T>(ids: Record<string, string>, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (err) {
      this.#logger.error({ err, ...ids }, 'scheduled work failed; it is retried on the next tick');

      return undefined;
    }
  }

  /** The start of the window to check: the cursor, but no earlier than the catch-up limit. */
  async #windowStart(scheduleId: string, createdAt: Date, now: Date): Promise<Date> {
    const cursor = (await readCursor(this.#db, scheduleId)) ?? createdAt;
    const limit = new Date(now.getTime() - this.#maxCatchUpMs);
    if (cursor < limit) {
      this.#logger.warn(
        { scheduleId, cursor: cursor.toISOString(), limit: limit.toISOString() },
        'schedule was not checked for longer than the catch-up limit; older slots are dropped',
      );

      return limit;
    }

    return cursor;
  }

  async #runRoundSchedule(settings: RoundSettings, now: Date): Promise<SlotResult[]> {
    const scheduleId = roundScheduleId(settings.teamId, settings.channelId);
    if (settings.paused) {
      // Slots that pass while paused are skipped, not caught up on resume.
      await advanceCursor(this.#db, scheduleId, now);

      return [];
    }
    const from = await this.#windowStart(scheduleId, settings.updatedAt, now);
    if (from >= now) {
      return [];
    }
    const results: SlotResult[] = [];
    let complete = true;
    for (const job of roundJobsBetween(settings, from, now)) {
      if (this.#stopping) {
        complete = false;
        break;
      }
      const result = await this.#runJob(job, now, false);
      if (result) {
        results.push(result);
      }
    }
    // Slots whose delivery failed stay 'running' and are resumed from slot_runs, so the cursor
    // can move past them.
    if (complete) {
      await advanceCursor(this.#db, scheduleId, now);
    }

    return results;
  }

  async #runPostSchedule(post: ScheduledPostRow, now: Date): Promise<SlotResult[]> {
    const scheduleId = postScheduleId(post.id);
    const from = await this.#windowStart(scheduleId, post.created_at, now);
    if (from >= now) {
      return [];
    }
    const jobs = postJobsBetween(post, from, now);
    const results: SlotResult[] = [];
    // Of the missed posts, only the latest one within the grace period still makes sense.
    const latest = jobs.at(-1);
    for (const job of jobs) {
      if (job !== latest || now.getTime() - job.dueAt.getTime() > this.#postGraceMs) {
        this.#logger.info(
          { slotId: job.slotId, lateMs: now.getTime() - job.dueAt.getTime() },
          'skipped a missed scheduled post that is no longer timely',
        );
        results.push({ slotId: job.slotId, kind: 'post', outcome: 'skipped_late', delivered: 'not_run' });
        continue;
      }
      if (this.#stopping) {
        return results;
      }
      const result = await this.#runJob(job, now, false);
      if (result) {
        results.push(result);
      }
    }
    await advanceCursor(this.#db, scheduleId, now);

    return results;
  }

  /**
   * Runs an organiser's "open now" or "close now" through the same claim, plan and outbox
   * path as scheduled slots, and returns what it did. A close with `listId` closes only that
   * round and reports 'already_closed' once it has closed.
   */
  async runManual(
    kind: 'manual-open' | 'manual-close',
    teamId: string,
    channelId: string,
    listId?: string,
  ): Promise<SlotResult> {
    const now = this.#clock.now();
    const job: Job = {
      kind,
      slotId: `${kind}|${teamId}|${channelId}|${randomUUID()}`,
      dueAt: now,
      teamId,
      channelId,
      listId,
    };

    return (await this.#runJob(job, now, false)) as SlotResult;
  }

  async #settingsFor(teamId: string, channelId: string): Promise<RoundSettings | undefined> {
    const row = await findRoundConfig(this.#db, teamId, channelId);

    return row ? settingsFromRow(row) : undefined;
  }

  #planContext(db: Kysely<Database>, now: Date): PlanContext {
    return { db, now, defaultLanguage: this.#defaultLanguage, command: this.#command };
  }

  /** Decides what the job does, inside the transaction that records its messages. */
  async #plan(job: Job, db: Kysely<Database>, now: Date): Promise<Plan> {
    if (job.kind === 'post') {
      const post = (await listScheduledPosts(db)).find((p) => p.id === job.postId);

      return post ? planScheduledPost(post, job.slotId) : { outcome: 'post_deleted', items: [] };
    }
    const row = await findRoundConfig(db, job.teamId, job.channelId);
    if (!row) {
      return { outcome: 'rounds_removed', items: [] };
    }
    const settings = settingsFromRow(row);
    const ctx = this.#planContext(db, now);
    const manual = job.kind === 'manual-open' || job.kind === 'manual-close';
    if (settings.paused && !manual) {
      return { outcome: 'paused', items: [] };
    }
    switch (job.kind) {
      case 'round-open':
        if (!openStillMeaningful(settings, job.dueAt, now)) {
          return { outcome: 'missed_open', items: [] };
        }

        return planOpenRound(ctx, settings, job.slotId);
      case 'manual-open':
        return planOpenRound(ctx, settings, job.slotId);
      case 'round-remind':
        return planReminder(ctx, settings, job.slotId, job.closeKey);
      case 'round-close':
        return planCloseRound(ctx, settings, job.slotId, { manual: false });
      case 'manual-close':
        return planCloseRound(ctx, settings, job.slotId, { manual: true, listId: job.listId });
    }
  }

  async #runJob(job: Job, now: Date, resuming: boolean): Promise<SlotResult | undefined> {
    if (this.#inProgress.has(job.slotId)) {
      return undefined;
    }
    this.#inProgress.add(job.slotId);
    try {
      return await this.#claimAndRun(job, now, resuming);
    } finally {
      this.#inProgress.delete(job.slotId);
    }
  }

  async #claimAndRun(job: Job, now: Date, resuming: boolean): Promise<SlotResult | undefined> {
    const logger = this.#logger.child({ slotId: job.slotId });
    // The lease starts now, not when the tick began: earlier slots of this tick may have taken
    // minutes to send.
    const claimedAt = this.#clock.now();
    const claim = await claimSlot(this.#db, {
      slotId: job.slotId,
      kind: job.kind,
      dueAt: job.dueAt,
      owner: this.#owner,
      now: claimedAt,
      leaseUntil: new Date(claimedAt.getTime() + this.#leaseMs),
    });
    if (!claim) {
      return undefined;
    }
    const lateMs = now.getTime() - job.dueAt.getTime();
    if (!resuming && lateMs > 90_000) {
      logger.info({ kind: job.kind, lateMs }, 'catching up a missed slot');
    }

    let plan: Plan | undefined;
    let outcome = 'resumed';
    if (!claim.planned) {
      plan = await this.#db.transaction().execute(async (trx) => {
        const decided = await this.#plan(job, trx, now);
        await enqueueOutbox(trx, job.slotId, decided.items);
        await markSlotPlanned(trx, job.slotId, decided.outcome);

        return decided;
      });
      outcome = plan.outcome;
      logger.info({ kind: job.kind, outcome, messages: plan.items.length }, 'slot planned');
      if (plan.closedList) {
        await this.#redrawClosedAnnouncement(job, plan, logger);
      }
    } else {
      logger.info({ kind: job.kind, attempts: claim.attempts }, 'resuming an unfinished slot');
      const stale = this.#staleReason(job, this.#clock.now());
      if (stale) {
        const dropped = await expireUndelivered(this.#db, job.slotId, stale);
        logger.warn(
          { kind: job.kind, dropped, reason: stale },
          'dropped the unsent messages of a slot that are no longer timely',
        );
      }
    }

    // A large round can take longer than one lease to send, because Slack's rate limits pace
    // the group DMs, so the lease is renewed before every message.
    const delivered = await this.#sender.deliverSlot(
      job.slotId,
      () => this.#stopping,
      () =>
        renewSlotLease(
          this.#db,
          job.slotId,
          this.#owner,
          new Date(this.#clock.now().getTime() + this.#leaseMs),
        ),
    );
    if (delivered === 'complete') {
      await markSlotDone(this.#db, job.slotId, this.#clock.now());
    } else {
      logger.warn('slot delivery incomplete; it will be resumed on a later tick');
    }

    return {
      slotId: job.slotId,
      kind: job.kind,
      outcome,
      delivered,
      ...(plan ? { plan } : {}),
    };
  }

  /**
   * Returns why a resumed slot's unsent messages would be wrong if sent at `now`: a reminder
   * after its round's close, or a scheduled post later than the grace period. Otherwise
   * returns undefined.
   */
  #staleReason(job: Job, now: Date): string | undefined {
    if (job.kind === 'round-remind' && job.closeAt <= now) {
      return 'round_closed';
    }
    if (job.kind === 'post' && now.getTime() - job.dueAt.getTime() > this.#postGraceMs) {
      return 'too_late';
    }

    return undefined;
  }

  async #redrawClosedAnnouncement(job: Job, plan: Plan, logger: Logger): Promise<void> {
    const closed = plan.closedList;
    if (!closed || job.kind === 'post') {
      return;
    }
    const { list, count, groups } = closed;
    if (!list.announcement_channel || !list.announcement_ts) {
      return;
    }
    const settings = await this.#settingsFor(job.teamId, job.channelId);
    if (!settings) {
      return;
    }
    const post = closedAnnouncementFor(settings, { defaultLanguage: this.#defaultLanguage }, count, groups);
    try {
      await this.#client.chat.update({
        channel: list.announcement_channel,
        ts: list.announcement_ts,
        text: post.text,
        blocks: post.blocks as never,
      });
    } catch (err) {
      logger.warn({ err, listId: list.id }, 'could not mark the round post as closed');
    }
  }
}


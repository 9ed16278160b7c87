import type { Language } from '../config.js';
import type { SettingFix } from '../rounds/settings.js';
import { escapeText, quoteInput } from './format.js';
import { formatDuration } from './time.js';

/** Sentences about scheduled rounds, organiser controls and scheduled posts. */
export interface RoundMessages {
  defaultTitle: string;
  announcement(title: string, closesAt: string): string;
  signedUpCount(count: number): string;
  joinButton: string;
  leaveButton: string;
  announcementClosed(title: string, count: number, groups: number): string;
  reminder(title: string, leftMs: number, closesAt: string, count: number, command: string): string;
  results(title: string, groups: string[][], alone: string[]): string;
  introduction(title: string, channelId: string, members: string[]): string;
  alone(title: string, channelId: string): string;
  registeredForRound(count: number, closesAt: string): string;
  alreadyRegisteredForRound(count: number, closesAt: string): string;
  unregisteredFromRound(count: number, closesAt: string): string;
  noOpenRound(nextOpen: string | undefined): string;
  listHeaderForRound(count: number, closesAt: string): string;
  listEmptyForRound(closesAt: string): string;
  skippedHeader(count: number): string;
  skipped(closesAt: string): string;
  alreadySkipped(): string;
  skipNeedsCarryOver(command: string): string;
  skipNotRegistered(command: string): string;
  roundClosedButton(): string;
  notOrganiser(organisers: string[]): string;
  notConfigured(command: string): string;
  setupSaved(summary: string): string;
  configSummary(config: ConfigSummary): string;
  opened(closesAt: string): string;
  alreadyOpen(closesAt: string): string;
  closedNow(signedUp: number, groups: number): string;
  nothingToClose(): string;
  roundJustClosed(): string;
  paused(): string;
  resumed(nextClose: string | undefined): string;
  alreadyPaused(): string;
  notPaused(): string;
  roundsRemoved(): string;
  organisersList(organisers: string[]): string;
  organiserAdded(userId: string): string;
  organiserAlready(userId: string): string;
  organiserRemoved(userId: string): string;
  organiserNotFound(userId: string): string;
  lastOrganiser(): string;
  organiserUsage(command: string): string;
  postScheduled(id: string, when: string, next: string | undefined): string;
  postsList(posts: Array<{ id: string; when: string; text: string }>): string;
  noPosts(command: string): string;
  postDeleted(id: string): string;
  postNotFound(id: string): string;
  scheduleUsage(command: string): string;
  invalidSetting(field: string, value: string, fix: string): string;
  /** A setting whose error is already a sentence naming the value, such as a schedule's. */
  settingProblem(field: string, problem: string): string;
  /** How to fix a rejected setting, for the end of invalidSetting. */
  settingFix(fix: SettingFix): string;
  setupUsage(command: string): string;
  modal: ModalText;
}

/** Labels and hints of the setup form. */
export interface ModalText {
  title: string;
  submit: string;
  cancel: string;
  name: string;
  nameHint: string;
  close: string;
  closeHint: string;
  open: string;
  openHint: string;
  timeZone: string;
  timeZoneHint: string;
  reminders: string;
  remindersHint: string;
  groupSize: string;
  carryOver: string;
  carryOverYes: string;
  carryOverNo: string;
}

export interface ConfigSummary {
  title: string;
  open: string;
  close: string;
  timeZone: string;
  reminders: number[];
  groupSize: number;
  carryOver: boolean;
  paused: boolean;
  nextClose: string | undefined;
  organisers: string[];
}

function mentionList(userIds: string[]): string {
  return userIds.map((userId) => `<@${userId}>`).join(', ');
}

const en: RoundMessages = {
  defaultTitle: 'Round',
  announcement: (title, closesAt) =>
    `:wave: *${escapeText(title)}* is open! Sign up before ${closesAt}.`,
  signedUpCount: (count) => (count === 1 ? '1 person signed up' : `${count} people signed up`),
  joinButton: 'Join',
  leaveButton: 'Leave',
  announcementClosed: (title, count, groups) =>
    `*${escapeText(title)}* is closed: ${count} signed up, ${groups} group${groups === 1 ? '' : 's'}.`,
  reminder: (title, leftMs, closesAt, count, command) =>
    `:alarm_clock: *${escapeText(title)}* closes in ${formatDuration(leftMs, 'en')} (${closesAt}). ` +
    `${count === 1 ? '1 person has' : `${count} people have`} signed up so far. ` +
    `Join with \`${command} register\`.`,
  results: (title, groups, alone) =>
    [
      `:tada: *${escapeText(title)}* groups:`,
      ...groups.map((group, index) => `${index + 1}. ${mentionList(group)}`),
      ...(alone.length > 0
        ? [`${mentionList(alone)}: nobody else signed up this time, so no group.`]
        : []),
    ].join('\n'),
  introduction: (title, channelId, members) =>
    `:wave: Hi ${mentionList(members)}! You're a group for *${escapeText(title)}* from <#${channelId}>. ` +
    'Say hello and agree on a time and place.',
  alone: (title, channelId) =>
    `You were the only one signed up for *${escapeText(title)}* in <#${channelId}>, ` +
    "so there's no group this time. Try again next round!",
  registeredForRound: (count, closesAt) =>
    `You're registered for the round that closes ${closesAt}. ${peopleEn(count)} in.`,
  alreadyRegisteredForRound: (count, closesAt) =>
    `You were already registered, so nothing changed. ${peopleEn(count)} in; the round closes ${closesAt}.`,
  unregisteredFromRound: (count, closesAt) =>
    `You're off this round. ${peopleEn(count)} still in; it closes ${closesAt}.`,
  noOpenRound: (nextOpen) =>
    nextOpen
      ? `No round is open in this channel right now. The next one opens ${nextOpen}.`
      : 'No round is open in this channel right now, and none is scheduled.',
  listHeaderForRound: (count, closesAt) =>
    `*${peopleEn(count)} registered* for the round that closes ${closesAt}, in sign-up order:`,
  listEmptyForRound: (closesAt) => `Nobody has registered yet for the round that closes ${closesAt}.`,
  skippedHeader: (count) => `Sitting out this round (${count}):`,
  skipped: (closesAt) =>
    `You'll sit out the round that closes ${closesAt} and stay signed up for the ones after it.`,
  alreadySkipped: () => 'You already sit out this round, so nothing changed.',
  skipNeedsCarryOver: (command) =>
    `\`skip\` is for channels whose sign-ups carry over to the next round. Here each round starts empty, so use \`${command} unregister\`.`,
  skipNotRegistered: (command) =>
    `You aren't signed up, so there is nothing to skip. Join with \`${command} register\`.`,
  roundClosedButton: () => 'That round has closed. Look for the newest round post in the channel.',
  notOrganiser: (organisers) =>
    "Only this channel's organisers and workspace admins can change its rounds and scheduled posts." +
    (organisers.length > 0 ? ` Ask ${mentionList(organisers)}.` : ''),
  notConfigured: (command) =>
    `This channel has no scheduled rounds. Set them up with \`${command} setup\`.`,
  setupSaved: (summary) => `Saved. ${summary}`,
  configSummary: (c) =>
    [
      `*${escapeText(c.title)}*${c.paused ? ' (paused)' : ''}`,
      `• Opens: ${c.open}`,
      `• Closes: ${c.close}`,
      `• Time zone: ${c.timeZone}`,
      `• Reminders: ${c.reminders.length > 0 ? c.reminders.map((m) => `${m} min`).join(', ') + ' before closing' : 'none'}`,
      `• Group size: ${c.groupSize}`,
      `• Sign-ups ${c.carryOver ? 'carry over to the next round' : 'clear after each round'}`,
      `• Next close: ${c.nextClose ?? 'none scheduled'}`,
      `• Organisers: ${c.organisers.length > 0 ? mentionList(c.organisers) : 'workspace admins only'}`,
    ].join('\n'),
  opened: (closesAt) => `Opened a round. It closes ${closesAt}.`,
  alreadyOpen: (closesAt) => `A round is already open; it closes ${closesAt}.`,
  closedNow: (signedUp, groups) =>
    `Closed the round: ${signedUp} signed up, ${groups} group${groups === 1 ? '' : 's'}. Results are being posted.`,
  nothingToClose: () => 'No round is open, so there is nothing to close.',
  roundJustClosed: () =>
    'That round closed on schedule just before your request, so its results are already on their way.',
  paused: () => 'Paused. No rounds open or close, and no reminders go out, until you resume.',
  resumed: (nextClose) =>
    `Resumed. ${nextClose ? `The next round closes ${nextClose}.` : 'No close is scheduled.'}`,
  alreadyPaused: () => 'Rounds are already paused here.',
  notPaused: () => "Rounds aren't paused here.",
  roundsRemoved: () =>
    'Removed the scheduled rounds. The current sign-up list stays, as a plain list with no deadline.',
  organisersList: (organisers) =>
    organisers.length > 0
      ? `Organisers: ${mentionList(organisers)}. Workspace admins and owners are organisers too.`
      : 'No organisers yet; workspace admins and owners are organisers.',
  organiserAdded: (userId) => `<@${userId}> is now an organiser of this channel's rounds.`,
  organiserAlready: (userId) => `<@${userId}> already is an organiser.`,
  organiserRemoved: (userId) => `<@${userId}> is no longer an organiser.`,
  organiserNotFound: (userId) => `<@${userId}> isn't an organiser here.`,
  lastOrganiser: () =>
    "You can't remove the last organiser. Add someone else first.",
  organiserUsage: (command) =>
    `Use \`${command} organisers add @person\`, \`${command} organisers remove @person\` or \`${command} organisers\`.`,
  postScheduled: (id, when, next) =>
    `Scheduled post #${id}: ${when}.${next ? ` First post ${next}.` : ''}`,
  postsList: (posts) =>
    ['Scheduled posts in this channel:', ...posts.map((p) => `• #${p.id} ${p.when}: ${quoteInput(p.text)}`)].join('\n'),
  noPosts: (command) =>
    `No scheduled posts here. Add one with \`${command} schedule weekdays 9:55 | Stand-up in 5 minutes\`.`,
  postDeleted: (id) => `Deleted scheduled post #${id}.`,
  postNotFound: (id) => `No scheduled post #${escapeText(id)} in this channel. See \`list\` for the numbers.`,
  scheduleUsage: (command) =>
    [
      'Scheduled posts:',
      `• \`${command} schedule weekdays 9:55 | Stand-up in 5 minutes\` (add \`tz=Europe/London\` before the \`|\` for another time zone)`,
      `• \`${command} schedule list\``,
      `• \`${command} schedule delete 3\``,
    ].join('\n'),
  invalidSetting: (field, value, fix) => `Invalid ${field} ${quoteInput(value)}: ${fix}`,
  settingProblem: (field, problem) => `${field}: ${problem}`,
  settingFix: (fix) => {
    switch (fix.kind) {
      case 'missing_close':
        return 'say when each round closes, for example close="weekdays 11:50".';
      case 'schedule':
        return fix.message;
      case 'time_zone':
        return 'use an IANA time zone name such as Asia/Seoul or Europe/London.';
      case 'reminder_range':
        return `give minutes before the close as whole numbers from 1 to ${fix.max}, such as 30,10, or none.`;
      case 'reminder_too_early':
        return (
          `rounds are open for at most ${fix.roundMinutes} min, so a reminder ` +
          `${fix.minutes.join(' or ')} min before the close is never sent. Use fewer minutes.`
        );
      case 'group_size':
        return 'use a whole number from 2 to 8.';
      case 'carry_over':
        return 'use yes (sign-ups stay for the next round) or no (each round starts empty).';
      case 'title_length':
        return `use at most ${fix.max} characters.`;
      case 'unclosed_quote':
        return 'its quoted value has no closing quote. End the value with ", such as close="weekdays 11:50".';
      case 'repeated_key':
        return 'it appears more than once. Give each setting once.';
      case 'unknown_keys':
        return `use key=value pairs with these keys: ${fix.keys.join(', ')}.`;
      case 'post_text':
        return `write the message after the | sign, at most ${fix.max} characters.`;
    }
  },
  setupUsage: (command) =>
    [
      `Set up rounds with the form (\`${command} setup\`) or in one line:`,
      `\`${command} setup close="weekdays 11:50" open="weekdays 9:00" tz=Asia/Seoul reminders=30,10 size=4 carryover=no title="Lunch"\``,
      'Leave out `open` to open each round as the previous one closes.',
    ].join('\n'),
  modal: {
    title: 'Rounds',
    submit: 'Save',
    cancel: 'Cancel',
    name: 'Name',
    nameHint: 'Shown in posts, for example Lunch or Coffee chat.',
    close: 'Closes',
    closeHint: 'When sign-ups close and groups are drawn: "weekdays 11:50", "mondays 10:00" or a cron expression such as 50 11 * * 1-5.',
    open: 'Opens',
    openHint: 'When a new round opens. Leave empty to open each round as soon as the previous one closes.',
    timeZone: 'Time zone',
    timeZoneHint: 'An IANA name such as Asia/Seoul or Europe/London.',
    reminders: 'Reminders',
    remindersHint: 'Minutes before the close, such as 30, 10. Leave empty for none.',
    groupSize: 'Group size',
    carryOver: 'Sign-ups',
    carryOverYes: 'Carry over to the next round (weekly coffee chat)',
    carryOverNo: 'Clear after each round (today\'s lunch)',
  },
};

const ko: RoundMessages = {
  defaultTitle: '라운드',
  announcement: (title, closesAt) =>
    `:wave: *${escapeText(title)}* 신청을 받아요! ${closesAt}까지 신청하세요.`,
  signedUpCount: (count) => `${count}명 신청`,
  joinButton: '참여',
  leaveButton: '취소',
  announcementClosed: (title, count, groups) =>
    `*${escapeText(title)}* 마감: ${count}명 신청, ${groups}개 그룹.`,
  reminder: (title, leftMs, closesAt, count, command) =>
    `:alarm_clock: *${escapeText(title)}* 마감까지 ${formatDuration(leftMs, 'ko')} 남았어요 (${closesAt}). ` +
    `지금까지 ${count}명이 신청했어요. \`${command} 등록\`으로 참여하세요.`,
  results: (title, groups, alone) =>
    [
      `:tada: *${escapeText(title)}* 그룹:`,
      ...groups.map((group, index) => `${index + 1}. ${mentionList(group)}`),
      ...(alone.length > 0
        ? [`${mentionList(alone)}: 이번에는 다른 신청자가 없어서 그룹이 없어요.`]
        : []),
    ].join('\n'),
  introduction: (title, channelId, members) =>
    `:wave: 안녕하세요 ${mentionList(members)}! <#${channelId}>의 *${escapeText(title)}* 그룹이에요. ` +
    '인사하고 시간과 장소를 정해 보세요.',
  alone: (title, channelId) =>
    `<#${channelId}>의 *${escapeText(title)}*에 혼자 신청해서 이번에는 그룹이 없어요. 다음 라운드에 다시 만나요!`,
  registeredForRound: (count, closesAt) =>
    `등록했어요. ${closesAt}에 마감해요. 지금 ${count}명이 신청했어요.`,
  alreadyRegisteredForRound: (count, closesAt) =>
    `이미 등록되어 있어서 바뀐 것은 없어요. 지금 ${count}명, ${closesAt}에 마감해요.`,
  unregisteredFromRound: (count, closesAt) =>
    `이번 라운드 신청을 취소했어요. ${count}명이 남아 있고 ${closesAt}에 마감해요.`,
  noOpenRound: (nextOpen) =>
    nextOpen
      ? `지금 열린 라운드가 없어요. 다음 라운드는 ${nextOpen}에 열려요.`
      : '지금 열린 라운드가 없고 예정된 라운드도 없어요.',
  listHeaderForRound: (count, closesAt) => `*신청자 ${count}명* (${closesAt} 마감, 신청 순서):`,
  listEmptyForRound: (closesAt) => `${closesAt}에 마감하는 라운드에 아직 신청한 사람이 없어요.`,
  skippedHeader: (count) => `이번 라운드를 쉬는 사람 (${count}명):`,
  skipped: (closesAt) => `${closesAt}에 마감하는 라운드는 쉬고, 그다음 라운드부터 다시 참여해요.`,
  alreadySkipped: () => '이미 이번 라운드를 쉬기로 되어 있어요.',
  skipNeedsCarryOver: (command) =>
    `\`skip\`은 신청이 다음 라운드로 이어지는 채널에서만 써요. 여기서는 \`${command} 취소\`를 쓰세요.`,
  skipNotRegistered: (command) =>
    `신청하지 않아서 쉴 라운드가 없어요. \`${command} 등록\`으로 참여하세요.`,
  roundClosedButton: () => '이미 마감된 라운드예요. 채널의 최신 라운드 글을 찾아 주세요.',
  notOrganiser: (organisers) =>
    '이 채널의 운영자와 워크스페이스 관리자만 라운드와 예약 글을 바꿀 수 있어요.' +
    (organisers.length > 0 ? ` ${mentionList(organisers)}에게 부탁하세요.` : ''),
  notConfigured: (command) =>
    `이 채널에는 예약된 라운드가 없어요. \`${command} setup\`으로 설정하세요.`,
  setupSaved: (summary) => `저장했어요. ${summary}`,
  configSummary: (c) =>
    [
      `*${escapeText(c.title)}*${c.paused ? ' (일시정지)' : ''}`,
      `• 열림: ${c.open}`,
      `• 마감: ${c.close}`,
      `• 시간대: ${c.timeZone}`,
      `• 알림: ${c.reminders.length > 0 ? `마감 ${c.reminders.map((m) => `${m}분`).join(', ')} 전` : '없음'}`,
      `• 그룹 크기: ${c.groupSize}`,
      `• 신청이 ${c.carryOver ? '다음 라운드로 이어져요' : '라운드마다 초기화돼요'}`,
      `• 다음 마감: ${c.nextClose ?? '예정 없음'}`,
      `• 운영자: ${c.organisers.length > 0 ? mentionList(c.organisers) : '워크스페이스 관리자만'}`,
    ].join('\n'),
  opened: (closesAt) => `라운드를 열었어요. ${closesAt}에 마감해요.`,
  alreadyOpen: (closesAt) => `이미 열린 라운드가 있어요. ${closesAt}에 마감해요.`,
  closedNow: (signedUp, groups) =>
    `라운드를 마감했어요: ${signedUp}명 신청, ${groups}개 그룹. 결과를 올리는 중이에요.`,
  nothingToClose: () => '열린 라운드가 없어서 마감할 것이 없어요.',
  roundJustClosed: () => '요청 직전에 예정대로 마감되어 결과가 이미 올라가고 있어요.',
  paused: () => '일시정지했어요. 다시 시작할 때까지 라운드와 알림이 없어요.',
  resumed: (nextClose) =>
    `다시 시작했어요. ${nextClose ? `다음 라운드는 ${nextClose}에 마감해요.` : '예정된 마감이 없어요.'}`,
  alreadyPaused: () => '이미 일시정지되어 있어요.',
  notPaused: () => '일시정지 상태가 아니에요.',
  roundsRemoved: () => '예약된 라운드를 지웠어요. 지금 신청 목록은 마감 없는 목록으로 남아요.',
  organisersList: (organisers) =>
    organisers.length > 0
      ? `운영자: ${mentionList(organisers)}. 워크스페이스 관리자와 소유자도 운영자예요.`
      : '아직 운영자가 없어요. 워크스페이스 관리자와 소유자가 운영자예요.',
  organiserAdded: (userId) => `<@${userId}>님이 이 채널 라운드의 운영자가 됐어요.`,
  organiserAlready: (userId) => `<@${userId}>님은 이미 운영자예요.`,
  organiserRemoved: (userId) => `<@${userId}>님은 더 이상 운영자가 아니에요.`,
  organiserNotFound: (userId) => `<@${userId}>님은 이 채널의 운영자가 아니에요.`,
  lastOrganiser: () => '마지막 운영자는 지울 수 없어요. 먼저 다른 사람을 추가하세요.',
  organiserUsage: (command) =>
    `\`${command} organisers add @사람\`, \`${command} organisers remove @사람\` 또는 \`${command} organisers\`를 쓰세요.`,
  postScheduled: (id, when, next) =>
    `예약 글 #${id}: ${when}.${next ? ` 첫 글은 ${next}에 올라가요.` : ''}`,
  postsList: (posts) =>
    ['이 채널의 예약 글:', ...posts.map((p) => `• #${p.id} ${p.when}: ${quoteInput(p.text)}`)].join('\n'),
  noPosts: (command) =>
    `예약 글이 없어요. \`${command} schedule 평일 9:55 | 5분 뒤 스탠드업\`으로 추가하세요.`,
  postDeleted: (id) => `예약 글 #${id}을(를) 지웠어요.`,
  postNotFound: (id) => `이 채널에 예약 글 #${escapeText(id)}이(가) 없어요. \`list\`로 번호를 확인하세요.`,
  scheduleUsage: (command) =>
    [
      '예약 글:',
      `• \`${command} schedule 평일 9:55 | 5분 뒤 스탠드업\` (다른 시간대는 \`|\` 앞에 \`tz=Europe/London\`)`,
      `• \`${command} schedule list\``,
      `• \`${command} schedule delete 3\``,
    ].join('\n'),
  invalidSetting: (field, value, fix) => `${field} 값 ${quoteInput(value)}이(가) 올바르지 않아요: ${fix}`,
  // NOTE: schedule problems come from the schedule parser in English only.
  settingProblem: (field, problem) => `${field}: ${problem}`,
  settingFix: (fix) => {
    switch (fix.kind) {
      case 'missing_close':
        return '라운드가 마감되는 때를 알려 주세요. 예: close="평일 11:50"';
      case 'schedule':
        return fix.message;
      case 'time_zone':
        return 'Asia/Seoul이나 Europe/London 같은 IANA 시간대 이름을 쓰세요.';
      case 'reminder_range':
        return `마감 몇 분 전인지 1부터 ${fix.max} 사이의 정수로 쓰세요. 예: 30,10 또는 none`;
      case 'reminder_too_early':
        return (
          `라운드는 길어야 ${fix.roundMinutes}분 동안 열려 있어서 마감 ` +
          `${fix.minutes.join('분, ')}분 전 알림은 보낼 수 없어요. 더 짧게 쓰세요.`
        );
      case 'group_size':
        return '2부터 8 사이의 정수를 쓰세요.';
      case 'carry_over':
        return 'yes(다음 라운드로 신청 유지) 또는 no(라운드마다 초기화)를 쓰세요.';
      case 'title_length':
        return `${fix.max}자 이하로 쓰세요.`;
      case 'unclosed_quote':
        return '따옴표가 닫히지 않았어요. 값 끝에 "를 붙이세요. 예: close="평일 11:50"';
      case 'repeated_key':
        return '같은 설정이 두 번 이상 있어요. 설정마다 한 번씩만 쓰세요.';
      case 'unknown_keys':
        return `key=value 형식으로 다음 키를 쓰세요: ${fix.keys.join(', ')}`;
      case 'post_text':
        return `| 기호 뒤에 ${fix.max}자 이하로 메시지를 쓰세요.`;
    }
  },
  setupUsage: (command) =>
    [
      `\`${command} setup\`으로 설정 창을 열거나 한 줄로 설정하세요:`,
      `\`${command} setup close="평일 11:50" open="평일 9:00" tz=Asia/Seoul reminders=30,10 size=4 carryover=no title="점심"\``,
      '`open`을 빼면 라운드가 마감되자마자 다음 라운드가 열려요.',
    ].join('\n'),
  modal: {
    title: '라운드',
    submit: '저장',
    cancel: '취소',
    name: '이름',
    nameHint: '글에 보이는 이름이에요. 예: 점심, 커피챗',
    close: '마감',
    closeHint: '신청을 마감하고 그룹을 정하는 때: "평일 11:50", "매주 월 10:00" 또는 cron 식 50 11 * * 1-5',
    open: '열림',
    openHint: '새 라운드가 열리는 때. 비워 두면 이전 라운드가 마감되자마자 열려요.',
    timeZone: '시간대',
    timeZoneHint: 'Asia/Seoul 같은 IANA 이름',
    reminders: '알림',
    remindersHint: '마감 몇 분 전인지, 예: 30, 10. 비워 두면 알림이 없어요.',
    groupSize: '그룹 크기',
    carryOver: '신청',
    carryOverYes: '다음 라운드로 이어가기 (매주 커피챗)',
    carryOverNo: '라운드마다 초기화 (오늘 점심)',
  },
};

function peopleEn(count: number): string {
  return count === 1 ? '1 person' : `${count} people`;
}

const catalogs: Record<Language, RoundMessages> = { en, ko };

export function roundMessagesFor(language: Language): RoundMessages {
  return catalogs[language];
}

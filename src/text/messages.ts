import type { Language } from '../config.js';
import { escapeText, quoteInput } from './format.js';

/** Every sentence the bot shows a Slack user, in each language it speaks. */
export interface Messages {
  registered(count: number): string;
  alreadyRegistered(count: number): string;
  unregistered(count: number): string;
  notRegistered(): string;
  listEmpty(): string;
  listHeader(count: number): string;
  unknownCommand(word: string, command: string): string;
  emptyCommand(command: string): string;
  unexpectedArguments(word: string, args: string, command: string): string;
  help(command: string, botMention: string): string;
  internalError(): string;
  /** A failure after part of the request was saved, so 'nothing changed' would be false. */
  partialError(command: string): string;
  restarting(): string;
}

const en: Messages = {
  registered: (count) =>
    `You're registered. ${count === 1 ? 'You are the first one' : `${count} people are in`}.`,
  alreadyRegistered: (count) =>
    `You were already registered, so nothing changed. ${peopleEn(count)} registered.`,
  unregistered: (count) => `You're off the list. ${peopleEn(count)} still registered.`,
  notRegistered: () => "You weren't registered here, so there was nothing to remove.",
  listEmpty: () => 'Nobody has registered in this channel yet.',
  listHeader: (count) => `*${peopleEn(count)} registered*, in sign-up order:`,
  unknownCommand: (word, command) =>
    `I don't know the command ${quoteInput(word)}. Try \`${command} help\` to see what I can do.`,
  emptyCommand: (command) =>
    `No command given. Try \`${command} register\`, \`${command} list\` or \`${command} help\`.`,
  unexpectedArguments: (word, args, command) =>
    `\`${escapeText(word)}\` takes no arguments, but got ${quoteInput(args)}. ` +
    `You can only change your own sign-up: type \`${command} ${escapeText(word)}\`.`,
  help: (command, botMention) =>
    [
      '*Mate keeps a sign-up list for this channel.*',
      `• \`${command} register\` (or \`join\`, \`등록\`): add yourself`,
      `• \`${command} unregister\` (or \`leave\`, \`취소\`): take your name off`,
      `• \`${command} list\` (or \`listup\`, \`ls\`, \`목록\`): see who signed up`,
      `• \`${command} help\`: show this message`,
      '*Scheduled rounds*',
      `• \`${command} config\`: when this channel's rounds open and close`,
      `• \`${command} skip\`: sit out the next draw and stay signed up (carry-over channels)`,
      `• \`${command} schedule list\`: this channel's scheduled posts`,
      `• Organisers: \`${command} setup\`, \`open\`, \`close\`, \`pause\`, \`resume\`, ` +
        `\`organisers\`, \`schedule\``,
      `You can also mention me: \`${botMention} register\`. In a DM with me, I keep a list ` +
        'for that DM only.',
    ].join('\n'),
  internalError: () =>
    'Something went wrong on my side and nothing was changed. Please try again in a minute.',
  restarting: () => 'Mate is restarting and did not run that. Please try again in a few seconds.',
  partialError: (command) =>
    `Something went wrong on my side after part of that was saved. Check with \`${command} config\` before trying again.`,
};

const ko: Messages = {
  registered: (count) =>
    `등록했어요. ${count === 1 ? '첫 번째 신청자예요' : `지금 ${count}명이 신청했어요`}.`,
  alreadyRegistered: (count) => `이미 등록되어 있어서 바뀐 것은 없어요. 지금 ${count}명이 신청했어요.`,
  unregistered: (count) => `신청을 취소했어요. 지금 ${count}명이 남아 있어요.`,
  notRegistered: () => '이 채널에 등록되어 있지 않아서 취소할 것이 없어요.',
  listEmpty: () => '아직 이 채널에 신청한 사람이 없어요.',
  listHeader: (count) => `*신청자 ${count}명* (신청 순서):`,
  unknownCommand: (word, command) =>
    `${quoteInput(word)}은(는) 모르는 명령이에요. \`${command} help\`로 쓸 수 있는 명령을 확인하세요.`,
  emptyCommand: (command) =>
    `명령이 없어요. \`${command} 등록\`, \`${command} 목록\` 또는 \`${command} help\`를 입력해 보세요.`,
  unexpectedArguments: (word, args, command) =>
    `\`${escapeText(word)}\` 명령은 인자를 받지 않는데 ${quoteInput(args)}이(가) 붙었어요. ` +
    `자신의 신청만 바꿀 수 있어요: \`${command} ${escapeText(word)}\`라고 입력하세요.`,
  help: (command, botMention) =>
    [
      '*Mate는 이 채널의 신청 목록을 관리해요.*',
      `• \`${command} 등록\` (또는 \`register\`, \`join\`): 신청하기`,
      `• \`${command} 취소\` (또는 \`unregister\`, \`leave\`): 신청 취소`,
      `• \`${command} 목록\` (또는 \`list\`, \`listup\`, \`ls\`): 신청자 보기`,
      `• \`${command} help\`: 이 도움말 보기`,
      '*예약 라운드*',
      `• \`${command} 설정보기\`: 이 채널의 라운드가 열리고 마감되는 때`,
      `• \`${command} 건너뛰기\`: 다음 추첨만 쉬고 신청은 유지 (이어가기 채널)`,
      `• \`${command} schedule list\`: 이 채널의 예약 글`,
      `• 운영자: \`${command} setup\`, \`open\`, \`close\`, \`pause\`, \`resume\`, ` +
        `\`organisers\`, \`schedule\``,
      `저를 멘션해도 돼요: \`${botMention} 등록\`. 저와의 DM에서는 그 DM만의 목록을 관리해요.`,
    ].join('\n'),
  internalError: () => '처리 중에 문제가 생겨서 아무것도 바뀌지 않았어요. 잠시 후 다시 시도해 주세요.',
  restarting: () => 'Mate가 다시 시작하는 중이라 실행하지 못했어요. 몇 초 후에 다시 시도해 주세요.',
  partialError: (command) =>
    `일부를 저장한 뒤에 문제가 생겼어요. 다시 시도하기 전에 \`${command} 설정보기\`로 확인해 주세요.`,
};

function peopleEn(count: number): string {
  return count === 1 ? '1 person' : `${count} people`;
}

const catalogs: Record<Language, Messages> = { en, ko };

export function messagesFor(language: Language): Messages {
  return catalogs[language];
}

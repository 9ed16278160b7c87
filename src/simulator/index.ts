export { SlackSimulator } from './simulator.js';
export type {
  BlockActionInput,
  SendMessageInput,
  SendMessageResult,
  SimulatorOptions,
  SlashCommandInput,
  ViewSubmissionInput,
  ViewSubmissionResult,
  WaitOptions,
} from './simulator.js';
export type {
  AckResult,
  EventDeliveryResult,
  InteractionResult,
  RecordedCall,
  SimulatorLogger,
  SimulatorMessage,
  SlashCommandResult,
} from './types.js';
export { ANY_METHOD } from './faults.js';
export type { Fault } from './faults.js';
export { DEFAULT_PING_INTERVAL_MS } from './socket-mode.js';
export type { ConnectionInfo, DisconnectReason } from './socket-mode.js';
export { SUPPORTED_METHODS } from './web-api.js';
export { Workspace, channelType } from './workspace.js';
export type {
  ConversationKind,
  NewChannel,
  NewUser,
  SimulatedChannel,
  SimulatedUser,
  StoredMessage,
  WorkspaceOptions,
} from './workspace.js';
export type { StateInput } from './block-elements.js';

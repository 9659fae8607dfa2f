/** The shared OpenAI-compatible client room: chat client, messages, key redaction, the Batch API session. */
export { ChatClient, resolveApiKey, endpointOf, DEFAULT_OPENAI_ENDPOINT, checkCompletion, scrubError, type ChatClientOptions } from './client.js';
export type { ChatMessage, ContentPart, TextPart, ImagePart } from './messages.js';
export { redact } from './redact.js';
export { BatchSession, type BatchRequest, type BatchSessionOptions } from './batch.js';

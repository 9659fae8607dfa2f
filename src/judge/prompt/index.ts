/** Prompt building for judges: templates, truncation, screenshots, chat messages. */
export type { ChatMessage, ImagePart } from '../../llm/messages.js';
export { messagesToText } from '../../llm/messages.js';
export { truncateText } from './truncate.js';
export { parseTemplate, loadTemplate } from './template.js';
export type { PromptOptions, PromptBuilder } from './builder.js';
export { createPromptBuilder, buildPrompt } from './builder.js';
export { NEUTRALISED_PREFIX, neutraliseMarkers, fenceFor } from './untrusted.js';

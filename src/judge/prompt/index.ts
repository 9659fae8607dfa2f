/** Prompt building for judges: templates, truncation, screenshots, chat messages. */
export type { ChatMessage, ContentPart, TextPart, ImagePart } from './messages.js';
export { compactContent, messagesToText } from './messages.js';
export type { TruncationLimits, Truncated } from './truncate.js';
export { PUBLISHED_LIMITS, truncateText, truncationMarker, resolveLimits } from './truncate.js';
export type { ImageSettings, EncodedImage } from './screenshot.js';
export {
  PUBLISHED_IMAGE_SETTINGS,
  reencodeScreenshot,
  encodeLazyScreenshot,
  resolveImageSettings,
} from './screenshot.js';
export type {
  PromptTemplate,
  TemplateOptions,
  TemplateNode,
  TemplateVariable,
  TemplateImage,
  TemplateFlag,
  TemplateContext,
} from './template.js';
export {
  TEMPLATE_VARIABLES,
  TEMPLATE_IMAGES,
  TEMPLATE_FLAGS,
  parseTemplate,
  loadTemplate,
  renderTemplate,
} from './template.js';
export type { BuiltinTemplateName } from './templates.js';
export { BUILTIN_TEMPLATE_NAMES, DEFAULT_TEMPLATE, builtinTemplate, answerFormat } from './templates.js';
export type { PromptOptions, PromptRequest, PromptBuilder, BuiltPrompt, TruncationNote } from './builder.js';
export { PROMPT_BUILDER_VERSION, promptVersion, createPromptBuilder, buildPrompt } from './builder.js';
export { NEUTRALISED_PREFIX, neutraliseMarkers, fenceFor } from './untrusted.js';

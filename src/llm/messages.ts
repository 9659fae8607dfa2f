/**
 * OpenAI-style chat messages, defined here so that prompt building does not
 * depend on any SDK's types (the shapes are structurally compatible with the
 * `openai` package's `ChatCompletionMessageParam`).
 */

export interface TextPart {
  type: 'text';
  text: string;
}

export interface ImagePart {
  type: 'image_url';
  image_url: { url: string };
}

export type ContentPart = TextPart | ImagePart;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  /** A plain string when there are no images (widest endpoint support), parts otherwise. */
  content: string | ContentPart[];
}

/** Joins adjacent text parts, drops empty ones, and returns a string when no image remains. */
export function compactContent(parts: readonly ContentPart[]): string | ContentPart[] {
  const out: ContentPart[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      if (part.text === '') continue;
      const last = out[out.length - 1];
      if (last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + part.text };
      else out.push({ type: 'text', text: part.text });
    } else {
      out.push(part);
    }
  }
  if (out.every((p) => p.type === 'text')) return out.map((p) => (p as TextPart).text).join('');
  return out;
}

/**
 * A readable rendering of messages for logs and notebooks: images become
 * `[image: <media type>, <n> bytes]` instead of kilobytes of base64.
 */
export function messagesToText(messages: readonly ChatMessage[]): string {
  return messages
    .map((m) => {
      const body =
        typeof m.content === 'string'
          ? m.content
          : m.content.map((p) => (p.type === 'text' ? p.text : describeImageUrl(p.image_url.url))).join('');
      return `--- ${m.role} ---\n${body}`;
    })
    .join('\n');
}

function describeImageUrl(url: string): string {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (!match) return `[image: ${url}]`;
  const base64 = match[2]!;
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return `[image: ${match[1]}, ${(base64.length / 4) * 3 - padding} bytes]`;
}

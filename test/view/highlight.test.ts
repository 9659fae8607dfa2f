import { describe, expect, it } from 'vitest';
import { highlightCode } from '../../src/view/highlight.js';
import { sniffImageType } from '../../src/view/image.js';

describe('server-side highlighting as tokens', () => {
  it('gives back exactly the code, as text runs with highlight.js classes', () => {
    const code = 'def f(x):\n    return "</textarea><script>alert(1)</script>" & x  # &amp; &lt;\n';
    const { language, tokens } = highlightCode(code, 'Python');
    expect(language).toBe('python');
    expect(tokens.map(([, t]) => t).join('')).toBe(code);
    expect(tokens).toContainEqual(['hljs-keyword', 'def']);
    expect(tokens.some(([cls, t]) => cls === 'hljs-string' && t.includes('<script>'))).toBe(true);
  });

  it('maps the dataset language names and falls back to plain text for unknown or huge code', () => {
    expect(highlightCode('#include <stdio.h>\nint main(){}', 'C++').language).toBe('cpp');
    expect(highlightCode('<div onclick="x()">hi</div>', 'HTML').tokens.map(([, t]) => t).join('')).toBe('<div onclick="x()">hi</div>');
    const big = 'x = 1\n'.repeat(50_000);
    expect(highlightCode(big, 'Python').tokens).toEqual([['', big]]);
    expect(highlightCode('graph TD; A-->B', 'Mermaid').tokens).toEqual([['', 'graph TD; A-->B']]);
  });
});

describe('image sniffing', () => {
  it('knows PNG, JPEG, GIF and WebP by their bytes, and nothing else', () => {
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('<svg onload="alert(1)">'))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });
});

/**
 * Deterministic screenshots for the visual environments: each scene is a
 * shapes-only SVG (no text, so no font can make the PNG machine-dependent)
 * that mimics what the matching program shows, rendered to PNG by resvg.
 */
import { Resvg } from '@resvg/resvg-js';

export const SCREENSHOT_WIDTH = 320;
export const SCREENSHOT_HEIGHT = 240;

export const SCENE_NAMES = [
  'pricing', 'todo', 'cards', 'barchart', 'ball', 'snake', 'tictactoe', 'form', 'linechart',
  'circles', 'starfield', 'palette', 'flowchart', 'sequence', 'orgchart',
] as const;
export type SceneName = (typeof SCENE_NAMES)[number];

/** What a screenshot shows: a program's scene, its empty page, or a framework error overlay. */
export type ScreenKind = { scene: SceneName; state: 'page' | 'blank' | 'error' };

const W = SCREENSHOT_WIDTH;
const H = SCREENSHOT_HEIGHT;

const rect = (x: number, y: number, w: number, h: number, fill: string, extra = ''): string =>
  `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}" ${extra}/>`;
const circle = (cx: number, cy: number, r: number, fill: string, extra = ''): string =>
  `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" ${extra}/>`;
const line = (x1: number, y1: number, x2: number, y2: number, stroke: string, width = 2, extra = ''): string =>
  `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${stroke}" stroke-width="${width}" ${extra}/>`;
/** A grey bar standing in for a line of text. */
const textBar = (x: number, y: number, w: number, fill = '#9aa3b2', h = 6): string => rect(x, y, w, h, fill, 'rx="3"');

/** Page background of each scene (what a blank page of that program looks like). */
const BACKGROUND: Record<SceneName, string> = {
  pricing: '#f4f6fb', todo: '#ffffff', cards: '#f8fafc', barchart: '#ffffff', ball: '#10131a', snake: '#111111',
  tictactoe: '#ffffff', form: '#f9fafb', linechart: '#ffffff', circles: '#ffffff', starfield: '#000000',
  palette: '#ffffff', flowchart: '#ffffff', sequence: '#ffffff', orgchart: '#ffffff',
};

type Painter = (accent: string) => string;

const PAINTERS: Record<SceneName, Painter> = {
  pricing: (a) => {
    let s = rect(0, 0, W, 44, a) + textBar(16, 18, 110, '#ffffff', 8);
    [0, 1, 2].forEach((i) => {
      const x = 14 + i * 102;
      const y = i === 1 ? 62 : 70;
      const stroke = i === 1 ? `stroke="${a}" stroke-width="2"` : 'stroke="#e2e6ee"';
      s += rect(x, y, 90, 140, '#ffffff', `rx="8" ${stroke}`);
      s += textBar(x + 10, y + 14, 50, '#3b4252', 8) + textBar(x + 10, y + 34, 40) + textBar(x + 10, y + 48, 60);
      s += rect(x + 10, y + 108, 70, 20, a, 'rx="4"');
    });
    return s;
  },
  todo: (a) => {
    let s = textBar(24, 24, 120, a, 12);
    s += rect(24, 52, 150, 22, '#ffffff', 'stroke="#b8bfcc"') + rect(182, 52, 44, 22, '#e8ebf0', 'stroke="#b8bfcc"');
    [0, 1].forEach((i) => {
      const y = 96 + i * 26;
      s += circle(34, y + 3, 3, '#3b4252') + textBar(44, y, 90 - i * 18, '#3b4252') + rect(150, y - 6, 50, 18, '#e8ebf0', 'stroke="#b8bfcc"');
    });
    return s;
  },
  cards: (a) => {
    let s = textBar(24, 24, 150, '#3b4252', 12);
    [0, 1, 2].forEach((i) => {
      const x = 24 + i * 94;
      s += rect(x, 60, 84, 80, '#ffffff', 'stroke="#e2e6ee"') + rect(x, 60, 84, 4, a);
      s += rect(x + 12, 78, 30 + 8 * (2 - i), 20, a, 'rx="3"') + textBar(x + 12, 112, 56);
    });
    return s;
  },
  barchart: (a) => {
    let s = textBar(16, 16, 140, '#3b4252', 12);
    for (let r = 0; r < 5; r++) s += line(16, 44 + r * 14, 136, 44 + r * 14, '#e2e6ee', 1);
    s += line(70, 44, 70, 100, '#e2e6ee', 1);
    [120, 135, 160, 148].forEach((v, i) => {
      const h = v * 0.7;
      s += rect(160 + i * 38, 220 - h, 26, h, a);
    });
    return s + line(152, 220, 312, 220, '#9aa3b2', 1);
  },
  ball: (a) => circle(64, 84, 10, a) + rect(120, 220, 80, 10, '#ffffff'),
  snake: (a) => {
    const size = 16;
    let s = '';
    for (const [x, y] of [[5, 7], [4, 7], [3, 7]] as const) s += rect(x * size, y * size, size - 2, size - 2, a);
    return s + rect(12 * size, 7 * size, size - 2, size - 2, '#ee3333');
  },
  tictactoe: (a) => {
    let s = textBar(24, 24, 80, '#3b4252', 12);
    const marks = ['X', 'O', null, null, 'X', null, 'O', null, null];
    marks.forEach((m, i) => {
      const x = 24 + (i % 3) * 68;
      const y = 48 + Math.floor(i / 3) * 60;
      s += rect(x, y, 64, 56, '#eef0f4', 'stroke="#b8bfcc"');
      if (m === 'X') s += line(x + 20, y + 16, x + 44, y + 40, a, 4) + line(x + 44, y + 16, x + 20, y + 40, a, 4);
      if (m === 'O') s += circle(x + 32, y + 28, 13, 'none', `stroke="${a}" stroke-width="4"`);
    });
    return s;
  },
  form: (a) => {
    let s = rect(0, 0, W, 40, '#ffffff') + textBar(90, 16, 140, a, 10);
    s += rect(16, 56, 140, 120, '#ffffff', 'rx="6" stroke="#e2e6ee"') + textBar(28, 70, 50);
    s += rect(28, 98, 116, 4, '#d5d9e2', 'rx="2"') + rect(28, 98, 55, 4, a, 'rx="2"') + circle(83, 100, 7, a);
    s += rect(28, 140, 54, 22, '#e8ebf0', 'rx="4"') + rect(90, 140, 54, 22, a, 'rx="4"');
    s += rect(164, 56, 140, 120, '#ffffff', 'rx="6" stroke="#e2e6ee"') + textBar(176, 70, 40) + rect(176, 90, 116, 30, '#f4f6fb', 'stroke="#e2e6ee"');
    return s + textBar(184, 102, 96, '#3b4252');
  },
  linechart: (a) => {
    let s = textBar(16, 16, 150, '#3b4252', 12) + rect(16, 44, 200, 4, '#d5d9e2', 'rx="2"') + circle(46, 46, 7, a);
    const damping = 0.15;
    const omega = 2 * Math.PI * 0.8;
    const points: string[] = [];
    for (let i = 0; i <= 100; i++) {
      const t = (i / 100) * 10;
      const x = Math.exp(-damping * omega * t) * Math.cos(omega * Math.sqrt(1 - damping ** 2) * t);
      points.push(`${(20 + i * 2.9).toFixed(1)},${(150 - x * 60).toFixed(1)}`);
    }
    s += line(20, 150, 310, 150, '#c9ced8', 1) + line(20, 80, 20, 220, '#c9ced8', 1);
    return s + `<polyline points="${points.join(' ')}" fill="none" stroke="${a}" stroke-width="2"/>`;
  },
  circles: (a) => {
    let s = '';
    for (let i = 10; i > 0; i--) s += circle(160, 120, i * 11, i % 2 ? a : '#ffffff', `opacity="${(0.3 + i * 0.07).toFixed(2)}"`);
    return s;
  },
  starfield: (a) => {
    // A fixed linear congruential sequence: the scene must not depend on the sample's RNG stream.
    let state = 7;
    const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    let s = '';
    for (let i = 0; i < 120; i++) {
      const depth = 0.1 + next() * 0.9;
      const x = W / 2 + ((next() * 2 - 1) / depth) * (W / 4);
      const y = H / 2 + ((next() * 2 - 1) / depth) * (H / 4);
      if (x >= 0 && x < W && y >= 0 && y < H) s += circle(Math.round(x), Math.round(y), Math.max(1, Math.round(3 * (1 - depth))), a);
    }
    return s;
  },
  palette: (a) => {
    let s = textBar(24, 24, 140, '#3b4252', 12);
    const base = (210 + 47) % 360;
    [0, 30, 60, 180, 210].forEach((offset, i) => {
      s += rect(24 + i * 56, 56, 48, 96, `hsl(${(base + offset) % 360}, 65%, 55%)`, 'rx="6"');
    });
    return s + rect(24, 168, 110, 28, a);
  },
  flowchart: (a) => {
    const box = (x: number, y: number, fill = '#ececff') => rect(x, y, 70, 24, fill, 'rx="4" stroke="#9370db"');
    const diamond = (cx: number, cy: number) =>
      `<polygon points="${cx},${cy - 16} ${cx + 30},${cy} ${cx},${cy + 16} ${cx - 30},${cy}" fill="#ececff" stroke="#9370db"/>`;
    let s = line(160, 30, 160, 50, '#333333', 1) + line(160, 82, 80, 110, '#333333', 1) + line(160, 82, 240, 110, '#333333', 1);
    s += line(80, 122, 80, 150, '#333333', 1) + line(240, 122, 240, 150, '#333333', 1);
    s += line(240, 180, 205, 204, '#333333', 1) + line(240, 180, 280, 204, '#333333', 1);
    s += box(125, 8) + diamond(160, 66) + box(45, 110) + box(205, 110) + box(45, 150) + diamond(240, 164);
    return s + box(170, 204, a) + box(245, 204);
  },
  sequence: (a) => {
    let s = '';
    [60, 160, 260].forEach((x) => {
      s += line(x, 40, x, 220, '#999999', 1, 'stroke-dasharray="4 3"') + rect(x - 34, 12, 68, 26, a, 'rx="3"');
    });
    const arrows: Array<[number, number, number, boolean]> = [[60, 160, 70, false], [160, 260, 100, false], [260, 160, 130, true], [160, 60, 160, true]];
    for (const [x1, x2, y, dashed] of arrows) {
      s += line(x1, y, x2, y, '#333333', 1.5, dashed ? 'stroke-dasharray="5 3"' : '') + textBar(Math.min(x1, x2) + 20, y - 12, 50, '#555555', 5);
      const d = x2 > x1 ? -6 : 6;
      s += `<polygon points="${x2},${y} ${x2 + d},${y - 4} ${x2 + d},${y + 4}" fill="#333333"/>`;
    }
    return s + rect(40, 180, 140, 22, '#fff5ad', 'stroke="#aaaa33"');
  },
  orgchart: (a) => {
    let s = line(160, 48, 160, 70, '#9aa3b2', 1) + line(70, 70, 250, 70, '#9aa3b2', 1);
    [70, 160, 250].forEach((x) => (s += line(x, 70, x, 86, '#9aa3b2', 1)));
    s += line(160, 114, 160, 132, '#9aa3b2', 1) + line(45, 132, 285, 132, '#9aa3b2', 1);
    [45, 125, 205, 285].forEach((x) => (s += line(x, 132, x, 150, '#9aa3b2', 1)));
    s += rect(125, 20, 70, 28, a, 'rx="6"') + textBar(145, 31, 30, '#ffffff');
    [70, 160, 250].forEach((x) => (s += rect(x - 35, 86, 70, 28, '#ffffff', `rx="6" stroke="${a}" stroke-width="2"`) + textBar(x - 15, 97, 30)));
    [45, 125, 205, 285].forEach((x) => (s += rect(x - 34, 150, 68, 28, '#ffffff', `rx="6" stroke="${a}" stroke-width="2"`) + textBar(x - 16, 161, 32)));
    return s;
  },
};

/** A framework error overlay (React/Vite, Streamlit, Mermaid all show a reddish box with the message). */
function errorOverlay(): string {
  let s = rect(12, 12, W - 24, H - 24, '#fff0f0', 'rx="6" stroke="#e5484d" stroke-width="2"');
  s += textBar(28, 32, 150, '#e5484d', 10);
  for (let i = 0; i < 5; i++) s += textBar(28, 60 + i * 16, 240 - i * 28, '#7a2e2e');
  return s;
}

/** The SVG source of a screen. */
export function sceneSvg(screen: ScreenKind, accent: string): string {
  const bg = screen.state === 'error' ? '#ffffff' : BACKGROUND[screen.scene];
  const body = screen.state === 'page' ? PAINTERS[screen.scene](accent) : screen.state === 'error' ? errorOverlay() : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${rect(0, 0, W, H, bg)}${body}</svg>`;
}

/** Renders an SVG to PNG bytes. No text is drawn, so system fonts are not loaded. */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: 'original' }, logLevel: 'off' });
  return new Uint8Array(resvg.render().asPng());
}

/** Renders screens once per (screen, accent): the sample reuses a few dozen distinct images. */
export class ScreenshotCache {
  private readonly cache = new Map<string, Uint8Array>();
  render(screen: ScreenKind, accent: string): Uint8Array {
    const key = `${screen.scene}/${screen.state}/${accent}`;
    let png = this.cache.get(key);
    if (!png) {
      png = svgToPng(sceneSvg(screen, accent));
      this.cache.set(key, png);
    }
    return png;
  }
  get size(): number {
    return this.cache.size;
  }
}

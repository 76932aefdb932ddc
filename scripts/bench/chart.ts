/**
 * The bench chart: latency (p50 dashed, p99 solid) against throughput, one
 * colour per target, drawn as SVG and rendered to PNG with resvg.
 */
import { writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { Measure } from './loadgen.js';

export type Series = { name: string; colour: string; points: Measure[] };

const W = 900;
const H = 560;
const M = { left: 70, right: 220, top: 40, bottom: 60 };

export function writeChart(file: string, title: string, series: Series[]): void {
  const all = series.flatMap((s) => s.points);
  const maxX = niceCeil(Math.max(...all.map((p) => p.perSecond)));
  const maxY = niceCeil(Math.max(...all.flatMap((p) => [p.p99Ms, p.p50Ms]).filter(Number.isFinite)));
  const x = (v: number) => M.left + (v / maxX) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (v / maxY) * (H - M.top - M.bottom);
  const parts: string[] = [];
  for (let i = 0; i <= 5; i++) {
    const vx = (maxX / 5) * i;
    const vy = (maxY / 5) * i;
    parts.push(`<line x1="${x(vx)}" y1="${y(0)}" x2="${x(vx)}" y2="${y(maxY)}" stroke="#eee"/>`);
    parts.push(`<line x1="${x(0)}" y1="${y(vy)}" x2="${x(maxX)}" y2="${y(vy)}" stroke="#eee"/>`);
    parts.push(`<text x="${x(vx)}" y="${H - M.bottom + 18}" text-anchor="middle">${Math.round(vx)}</text>`);
    parts.push(`<text x="${M.left - 8}" y="${y(vy) + 4}" text-anchor="end">${round(vy)}</text>`);
  }
  parts.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(maxX)}" y2="${y(0)}" stroke="#333"/>`);
  parts.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(maxY)}" stroke="#333"/>`);
  parts.push(
    `<text x="${(x(0) + x(maxX)) / 2}" y="${H - 18}" text-anchor="middle">throughput (requests or ballots per second)</text>`,
  );
  parts.push(
    `<text transform="translate(20 ${(y(0) + y(maxY)) / 2}) rotate(-90)" text-anchor="middle">latency (ms)</text>`,
  );
  parts.push(`<text x="${M.left}" y="24" font-weight="bold">${escape(title)}</text>`);
  series.forEach((s, i) => {
    const pts = [...s.points].sort((a, b) => a.connections - b.connections);
    for (const [key, dash] of [
      ['p99Ms', ''],
      ['p50Ms', ' stroke-dasharray="5 4"'],
    ] as const) {
      const valid = pts.filter((p) => Number.isFinite(p[key]));
      parts.push(
        `<polyline fill="none" stroke="${s.colour}" stroke-width="2"${dash} points="${valid.map((p) => `${x(p.perSecond)},${y(p[key])}`).join(' ')}"/>`,
      );
      for (const p of valid)
        parts.push(`<circle cx="${x(p.perSecond)}" cy="${y(p[key])}" r="3.5" fill="${s.colour}"/>`);
    }
    const ly = M.top + 10 + i * 22;
    parts.push(`<rect x="${W - M.right + 20}" y="${ly - 10}" width="14" height="14" fill="${s.colour}"/>`);
    parts.push(`<text x="${W - M.right + 40}" y="${ly + 2}">${escape(s.name)}</text>`);
  });
  const ly = M.top + 10 + series.length * 22 + 10;
  parts.push(`<text x="${W - M.right + 20}" y="${ly}">solid: p99, dashed: p50</text>`);
  parts.push(`<text x="${W - M.right + 20}" y="${ly + 18}">points: connections</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>${parts.join('\n')}</svg>`;
  const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  writeFileSync(file, png);
}

function niceCeil(v: number): number {
  if (!Number.isFinite(v) || v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((c) => c >= v)!;
}

const round = (v: number) => (v >= 10 ? Math.round(v) : Math.round(v * 10) / 10);
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

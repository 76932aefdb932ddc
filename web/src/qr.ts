/**
 * A QR code as inline SVG (uqr encodes; the drawing is ours, built with the
 * DOM, so the page's CSP needs no image source): a link a phone's camera
 * opens, e.g. the kiosk's address on the chair's page.
 */
import { encode } from 'uqr';

const svgNs = 'http://www.w3.org/2000/svg';

/** `text` as a QR code, `label` its accessible name (the link it holds, in words). */
export function qrCode(text: string, label: string): SVGSVGElement {
  const { data, size } = encode(text, { ecc: 'M', border: 2 });
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('class', 'qr');
  svg.setAttribute('shape-rendering', 'crispEdges');
  let path = '';
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  const back = document.createElementNS(svgNs, 'rect');
  back.setAttribute('width', String(size));
  back.setAttribute('height', String(size));
  back.setAttribute('fill', '#fff');
  const modules = document.createElementNS(svgNs, 'path');
  modules.setAttribute('d', path);
  modules.setAttribute('fill', '#000');
  svg.append(back, modules);
  return svg;
}

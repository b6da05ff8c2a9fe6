/** WCAG 2.2 relative luminance and contrast, for checking a force's brand colour before we use it. */

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function rgb(hex: string): [number, number, number] {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

export function luminance(hex: string): number {
  const [r, g, b] = rgb(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The brand colour, darkened just enough (same hue) to carry white text at `minimum` contrast: the
 * header, the user's bubbles and the buttons all put white on it. Returns it unchanged when it passes.
 */
export function accessibleOnWhite(hex: string, minimum = 4.5): string {
  let [r, g, b] = rgb(hex);
  let colour = hex.toLowerCase();
  for (let i = 0; i < 100 && contrastRatio(colour, '#ffffff') < minimum; i++) {
    [r, g, b] = [r, g, b].map((c) => Math.floor(c * 0.95)) as [number, number, number];
    colour = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  }
  return colour;
}

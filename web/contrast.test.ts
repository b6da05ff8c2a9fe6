import { accessibleOnWhite, contrastRatio } from './contrast';

describe('contrast', () => {
  test.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#003366', '#ffffff', 12.6],
    ['#767676', '#ffffff', 4.54],
  ])('%s on %s is %d:1', (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 1);
  });

  test('keeps a colour that passes and darkens one that does not, keeping its hue', () => {
    expect(accessibleOnWhite('#003366')).toBe('#003366');
    const fixed = accessibleOnWhite('#4da3ff');
    expect(contrastRatio(fixed, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(fixed.slice(i, i + 2), 16));
    expect(b).toBeGreaterThan(g!);
    expect(g).toBeGreaterThan(r!);
    expect(contrastRatio(accessibleOnWhite('#ffff00'), '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

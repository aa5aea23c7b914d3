// A story's before/after figure as one line of Chinese text (the public site, the compilation, the review drawer).

export interface StoryFigureText { label: string; unit: string; before: number; after: number }

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/** "开办时间：3 个工作日 → 0.5 个工作日"; a percent (or per-mille) sign sits right after the number. */
export function storyFigureLine(f: StoryFigureText): string {
  const gap = /^[%‰]/.test(f.unit) ? '' : ' ';
  return `${f.label}：${num(f.before)}${gap}${f.unit} → ${num(f.after)}${gap}${f.unit}`;
}

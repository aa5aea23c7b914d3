// Platt scaling of the router's top-1 margin: P(top department is right) = 1 / (1 + exp(-(a·margin + b))), fitted on
// out-of-fold scores only (cross-validation on the training data), never on the cases it is judged on. Pure.
//
// The margin is the top logit minus the runner-up's. Targets are Platt's smoothed labels ((n₊+1)/(n₊+2) and
// 1/(n₋+2)) so a perfectly separated fold does not send `a` to infinity; Newton's method on the log-loss with a
// backtracking step (Lin, Lin & Weng's note on Platt's algorithm).

export interface Platt {
  a: number;
  b: number;
}

export function plattProbability(p: Platt, score: number): number {
  const t = p.a * score + p.b;
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/** Fits a and b on `scores` with `correct` outcomes. With no cases or a single outcome it still answers (smoothed targets). */
export function fitPlatt(scores: ArrayLike<number>, correct: ArrayLike<boolean | number>): Platt {
  const n = scores.length;
  if (n === 0) return { a: 1, b: 0 };
  let pos = 0;
  for (let i = 0; i < n; i++) if (correct[i]) pos++;
  const neg = n - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = Float64Array.from({ length: n }, (_, i) => (correct[i] ? hi : lo));
  let a = 0;
  let b = Math.log((neg + 1) / (pos + 1)) * -1;
  const loss = (a_: number, b_: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const f = a_ * scores[i] + b_;
      // log(1 + exp(-f)) + (1 - t) f, written to stay finite
      s += f >= 0 ? (1 - t[i]) * f + Math.log1p(Math.exp(-f)) : -t[i] * f + Math.log1p(Math.exp(f));
    }
    return s;
  };
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let g1 = 0; let g2 = 0; let h11 = 1e-12; let h22 = 1e-12; let h21 = 0;
    for (let i = 0; i < n; i++) {
      const f = a * scores[i] + b;
      const p = f >= 0 ? 1 / (1 + Math.exp(-f)) : Math.exp(f) / (1 + Math.exp(f));
      const d1 = p - t[i];
      const d2 = p * (1 - p);
      g1 += scores[i] * d1;
      g2 += d1;
      h11 += scores[i] * scores[i] * d2;
      h22 += d2;
      h21 += scores[i] * d2;
    }
    if (Math.abs(g1) < 1e-7 && Math.abs(g2) < 1e-7) break;
    const det = h11 * h22 - h21 * h21;
    if (Math.abs(det) < 1e-18) break;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    let step = 1;
    let next = loss(a + step * da, b + step * db);
    while (next > current + 1e-4 * step * (g1 * da + g2 * db) && step > 1e-8) {
      step /= 2;
      next = loss(a + step * da, b + step * db);
    }
    if (step <= 1e-8) break;
    a += step * da;
    b += step * db;
    const done = Math.abs(current - next) < 1e-10 * Math.max(1, Math.abs(current));
    current = next;
    if (done) break;
  }
  // A larger margin never means less likely right: a slope below zero (noise on few cases) becomes the base rate.
  if (!(a >= 0)) return { a: 0, b: Math.log(hi * pos + lo * neg) - Math.log(n - (hi * pos + lo * neg)) };
  return { a, b };
}

/** A non-decreasing step function: from[i] is the lowest score of block i, value[i] its share right. */
export interface Isotonic {
  from: number[];
  value: number[];
  count: number[];
}

/**
 * Isotonic regression of `correct` on `scores` (pool adjacent violators): the non-decreasing estimate of P(right |
 * score) closest to the outcomes in squared error. Ties in score share one block.
 */
export function fitIsotonic(scores: ArrayLike<number>, correct: ArrayLike<boolean | number>): Isotonic {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((x, y) => scores[x] - scores[y]);
  const from: number[] = [];
  const sum: number[] = [];
  const count: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const s = scores[order[k]];
    const y = correct[order[k]] ? 1 : 0;
    // The last block always holds the previous score (pooling merges it backwards), so a tie joins it.
    if (k > 0 && scores[order[k - 1]] === s) {
      sum[sum.length - 1] += y;
      count[count.length - 1]++;
    } else {
      from.push(s);
      sum.push(y);
      count.push(1);
    }
    // Pool while the last block's mean is below its predecessor's.
    while (sum.length > 1 && sum[sum.length - 1] * count[count.length - 2] < sum[sum.length - 2] * count[count.length - 1]) {
      const s2 = sum.pop()!;
      const c2 = count.pop()!;
      from.pop();
      sum[sum.length - 1] += s2;
      count[count.length - 1] += c2;
    }
  }
  return { from, value: sum.map((s, i) => s / count[i]), count };
}

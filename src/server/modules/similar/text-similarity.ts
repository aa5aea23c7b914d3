import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

// Word similarity for Chinese problem texts: jieba words (search mode, so 许可证 also yields 许可) weighted by
// jieba's own IDF table, compared by cosine over word sets. Loaded once per process on first use (~0.3 s).

const require = createRequire(import.meta.url);

let jieba: Jieba | null = null;
let idf: Map<string, number> | null = null;
/**
 * Only the table's common words are kept (IDF below this; ~80k of 270k words, ~20 MB instead of ~60 MB): every rarer
 * or unknown word (place names, enterprise names, jargon) weighs `rareIdf`, which is what the table gives them anyway.
 */
const keepBelow = 11;
const rareIdf = 12;

function load(): { jieba: Jieba; idf: Map<string, number> } {
  if (!jieba || !idf) {
    const { dict, idf: idfText } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array; idf: Uint8Array };
    jieba = Jieba.withDict(dict);
    idf = new Map();
    const text = Buffer.from(idfText).toString('utf8');
    for (let at = 0; at < text.length;) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      const space = text.lastIndexOf(' ', end);
      if (space > at) {
        const v = Number(text.slice(space + 1, end));
        if (v < keepBelow) idf.set(text.slice(at, space), v);
      }
      at = end + 1;
    }
  }
  return { jieba, idf };
}

// Words every complaint uses; they say nothing about which problem it is.
const stopWords = new Set([
  '问题', '反映', '情况', '希望', '要求', '相关', '部门', '处理', '解决', '请求', '协调', '我们', '公司', '本人', '目前', '已经',
  '没有', '现在', '一直', '多次', '能够', '尽快', '请问', '你好', '您好', '谢谢', '感谢', '政府', '有关', '进行', '存在', '导致',
  '造成', '这个', '那个', '什么', '为什么', '怎么', '如何', '是否', '可以', '不能', '无法', '至今', '仍然', '还是', '以及', '但是',
  '因为', '所以', '如果', '一个', '一些', '我司', '企业', '群众', '市民', '诉求', '来电', '来信',
]);

const wordPattern = /[\p{Script=Han}A-Za-z]/u;

/** Loads the dictionary now (about a second of CPU, once per process) so the first similar-cases lookup is quick. */
export function warmUp(): void {
  load();
}

/** The distinct words of a text that can tell problems apart (two characters or more, no stop words). */
export function words(text: string): Set<string> {
  const { jieba: j } = load();
  const out = new Set<string>();
  for (const w of j.cutForSearch(text.slice(0, 4000), true)) {
    const t = w.trim().toLowerCase();
    if ([...t].length < 2 || !wordPattern.test(t) || stopWords.has(t)) continue;
    out.add(t);
  }
  return out;
}

export interface WeightedWords {
  words: Set<string>;
  /** Sum of squared weights, for the cosine's norm. */
  norm2: number;
}

export function weigh(set: Set<string>): WeightedWords {
  const { idf: table } = load();
  let norm2 = 0;
  for (const w of set) {
    const v = table.get(w) ?? rareIdf;
    norm2 += v * v;
  }
  return { words: set, norm2 };
}

/** Cosine of the IDF-weighted word sets, 0..1. */
export function cosine(a: WeightedWords, b: WeightedWords): number {
  if (!a.norm2 || !b.norm2) return 0;
  const { idf: table } = load();
  const [small, large] = a.words.size <= b.words.size ? [a, b] : [b, a];
  let dot = 0;
  for (const w of small.words) {
    if (!large.words.has(w)) continue;
    const v = table.get(w) ?? rareIdf;
    dot += v * v;
  }
  return dot / Math.sqrt(a.norm2 * b.norm2);
}

/** Per-process cache of case word sets: a case's title and description never change after intake. */
export class WordCache {
  #map = new Map<number, WeightedWords>();
  constructor(private readonly max = 50_000) {}

  get(id: number): WeightedWords | undefined {
    return this.#map.get(id);
  }

  set(id: number, value: WeightedWords): void {
    if (this.#map.size >= this.max) {
      // Oldest first: Map keeps insertion order.
      const first = this.#map.keys().next();
      if (!first.done) this.#map.delete(first.value);
    }
    this.#map.set(id, value);
  }

  get size(): number {
    return this.#map.size;
  }
}

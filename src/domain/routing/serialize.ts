import { vocabularyFrom, type FeatureSet } from './features.js';
import type { LinearModel, Loss } from './model.js';

// A model as bytes for the database: a JSON header (classes, terms, user words, temperature, feature set) and the
// float arrays. A header without `features` is a model from before character pairs: 'words'.

const format = 1;

export function serializeModel(m: LinearModel): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({
    format, classes: m.classes, terms: m.vocab.terms, userWords: m.userWords, stopWords: m.stopWords ?? [], temperature: m.temperature, features: m.features ?? 'words', ...(m.loss ? { loss: m.loss } : {}), ...(m.platt ? { platt: m.platt } : {}),
  }));
  const floats = m.vocab.idf.length + m.weights.length + m.bias.length;
  const pad = (4 - ((4 + header.length) % 4)) % 4;
  const out = new Uint8Array(4 + header.length + pad + floats * 4);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  const body = new Float32Array(out.buffer, 4 + header.length + pad, floats);
  body.set(m.vocab.idf, 0);
  body.set(m.weights, m.vocab.idf.length);
  body.set(m.bias, m.vocab.idf.length + m.weights.length);
  return out;
}

export function deserializeModel(bytes: Uint8Array): LinearModel {
  const copy = new Uint8Array(bytes); // aligned, owned buffer
  const headerLength = new DataView(copy.buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(copy.subarray(4, 4 + headerLength))) as {
    format: number; classes: number[]; terms: string[]; userWords: string[]; stopWords?: string[]; temperature: number; features?: FeatureSet; loss?: Loss; platt?: { a: number; b: number };
  };
  if (header.format !== format) throw new Error(`unknown router model format ${header.format}`);
  const pad = (4 - ((4 + headerLength) % 4)) % 4;
  const V = header.terms.length;
  const K = header.classes.length;
  const body = new Float32Array(copy.buffer, 4 + headerLength + pad, V + V * K + K);
  return {
    classes: header.classes,
    vocab: vocabularyFrom(header.terms, body.slice(0, V)),
    weights: body.slice(V, V + V * K),
    bias: body.slice(V + V * K),
    temperature: header.temperature,
    userWords: header.userWords,
    stopWords: header.stopWords ?? [],
    features: header.features ?? 'words',
    ...(header.loss ? { loss: header.loss } : {}),
    ...(header.platt ? { platt: header.platt } : {}),
  };
}

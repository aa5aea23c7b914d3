import type { DeadlinePolicy } from '../../../domain/case/types.js';
import type { BlobStore } from '../../kernel/blob-store/types.js';

/** What every part of the demo extras needs: the demo's clock and its deadline policy. */
export interface DemoContext {
  now: Date;
  policy: DeadlinePolicy;
  /** Where evidence bytes go; without it the demo has no evidence files. */
  files?: BlobStore;
}

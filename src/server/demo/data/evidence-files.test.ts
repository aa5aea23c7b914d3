import { describe, expect, it } from 'vitest';
import { sniffAttachment } from '../../modules/portal/uploads.js';
import { barChartPng, onePagePdf } from './evidence-files.js';

describe('demo evidence files', () => {
  it('pass the upload content check as what they claim to be', async () => {
    const png = barChartPng([0.3, 0.6, 0.9]);
    const pdf = onePagePdf(['Hengyang 2026-Q3', 'value 1.0']);
    expect(await sniffAttachment(png, png.length)).toMatchObject({ mime: 'image/png' });
    expect(await sniffAttachment(pdf, pdf.length)).toMatchObject({ mime: 'application/pdf' });
    expect(png.length).toBeLessThan(20_000);
  });
});

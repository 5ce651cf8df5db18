/**
 * Demo attachments with real bytes: a small text file on "Q3 planning" (two versions) and a tiny
 * PNG on "Brand guidelines".
 */
import type { EmulatorContext } from '../context.ts';
import type { DemoSite } from '../seed/demo-site.ts';
import type { AttachmentStore } from './store.ts';
import { writeAttachment } from './upload.ts';

/** A 1×1 PNG (67 bytes). */
export const DEMO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const DEMO_TEXT_V1 =
  'Q3 goals\n1. Grow qualified leads by 20%\n2. Launch the partner programme\n';
export const DEMO_TEXT_V2 = `${DEMO_TEXT_V1}3. Refresh the website homepage\n`;

export function seedAttachments(
  context: EmulatorContext,
  site: DemoSite,
  store: AttachmentStore,
): void {
  const planning = site.pages.get('Q3 planning');
  const brand = site.pages.get('Brand guidelines');
  const { alice, carol } = site.users;
  const text = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'));
  if (planning) {
    const file = { name: 'q3-goals.txt', mediaType: 'text/plain' };
    writeAttachment(
      context,
      store,
      alice,
      planning,
      { ...file, bytes: text(DEMO_TEXT_V1), comment: 'First cut' },
      { minorEdit: false, mode: 'create', createdAt: site.at(2, 6) },
    );
    writeAttachment(
      context,
      store,
      alice,
      planning,
      { ...file, bytes: text(DEMO_TEXT_V2), comment: 'Added the homepage goal' },
      { minorEdit: true, mode: 'create-or-update', createdAt: site.at(2, 8) },
    );
  }
  if (brand)
    writeAttachment(
      context,
      store,
      carol,
      brand,
      {
        name: 'logo.png',
        mediaType: 'image/png',
        bytes: new Uint8Array(DEMO_PNG),
        comment: 'The logo',
      },
      { minorEdit: false, mode: 'create', createdAt: site.at(1, 2) },
    );
}

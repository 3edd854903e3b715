import t from 'tap';
import type * as PemBlocks from '../../src/files/pem-blocks.js';

t.test('a reader that throws costs one finding with a reason, not the audit', async (t) => {
  const pemBlocks = await t.mockImport<typeof PemBlocks>('../../src/files/pem-blocks.js');
  const { classifyContent, READER_BUG_REASON } = await t.mockImport<typeof import('../../src/files/classify-content.js')>(
    '../../src/files/classify-content.js',
    {
      '../../src/files/pem-blocks.js': {
        ...pemBlocks,
        parsePem: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'label')");
        },
      },
    },
  );
  const facts = classifyContent(Buffer.from('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), 'cert.pem');
  t.equal(facts.kind, 'unparseable');
  t.equal(facts.parseError, `${READER_BUG_REASON}: TypeError: Cannot read properties of undefined (reading 'label')`);
  t.equal(facts.materialDetected, true, 'named and looking like material: reported, not dropped as "other"');
  t.strictSame(facts.certificates, []);
});

import { fromSegments, iimText } from './embedded-metadata.js';

describe('embedded metadata precedence', () => {
  it('prefers IPTC IIM, then XMP, then EXIF, field by field', () => {
    const read = fromSegments({
      iptc: { Credit: 'AP Photo', Byline: 'Bojan Slavkovic' },
      photoshop: { Credit: 'XMP Credit' },
      dc: { creator: ['XMP Creator'], rights: { lang: 'x-default', value: '© 2022 AP' }, description: { lang: 'x-default', value: 'FILE PHOTO: NATO troops' } },
      xmpRights: { UsageTerms: 'Editorial use only' },
      Iptc4xmpExt: { DigitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture' },
      ifd0: { Artist: 'EXIF Artist', Copyright: 'EXIF ©', ImageDescription: 'EXIF caption' },
    });
    expect(read).toEqual({
      caption: 'FILE PHOTO: NATO troops',
      credit: 'AP Photo',
      creator: 'Bojan Slavkovic',
      copyrightNotice: '© 2022 AP',
      usageTerms: 'Editorial use only',
      digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture',
    });
  });

  it('falls back to EXIF and to IPTC Source when nothing better is there', () => {
    expect(fromSegments({ iptc: { Source: 'Reuters' }, ifd0: { Artist: ' Jane  Doe ', Copyright: 'Jane Doe 2026' } })).toMatchObject({
      credit: 'Reuters',
      creator: 'Jane Doe',
      copyrightNotice: 'Jane Doe 2026',
      caption: '',
    });
  });

  it('reads UTF-8 IIM text that was decoded as Latin-1, and leaves real Latin-1 alone', () => {
    expect(iimText(Buffer.from('© Đorđe Šušnjar', 'utf8').toString('latin1'))).toBe('© Đorđe Šušnjar');
    expect(iimText('Café')).toBe('Café');
  });
});

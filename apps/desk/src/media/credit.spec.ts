import { creditChanges, creditFormOf, isCreditProblem, isUncredited, mediaTitle, percent } from './credit.js';

const asset = {
  creditLine: '',
  caption: 'Troops at a checkpoint',
  credit: '',
  creator: '',
  copyrightNotice: '',
  altText: '',
  originalName: 'nato.jpg',
  kind: 'image' as const,
};

describe('photo credits in the Desk', () => {
  it('flags a photo without a credit line (neither credit nor creator)', () => {
    expect(isUncredited(asset)).toBe(true);
    expect(isUncredited({ creditLine: ' ' })).toBe(true);
    expect(isUncredited({ creditLine: '© AP Photo' })).toBe(false);
  });

  it('fills the form from the asset and sends only what changed, trimmed', () => {
    const form = creditFormOf(asset);
    expect(form).toEqual({ caption: 'Troops at a checkpoint', credit: '', creator: '', copyrightNotice: '', altText: '' });
    expect(creditChanges(asset, form)).toEqual({});
    expect(creditChanges(asset, { ...form, credit: ' AP Photo ', creator: 'Bojan Slavkovic' })).toEqual({ credit: 'AP Photo', creator: 'Bojan Slavkovic' });
    expect(creditChanges(asset, { ...form, caption: '' })).toEqual({ caption: '' });
  });

  it('knows a precondition about the credit', () => {
    expect(isCreditProblem('the image has no credit')).toBe(true);
    expect(isCreditProblem('Credit is required')).toBe(true);
    expect(isCreditProblem('the image rights expired')).toBe(false);
    expect(isCreditProblem(undefined)).toBe(false);
  });

  it('names an asset and its upload progress', () => {
    expect(mediaTitle(asset)).toBe('Troops at a checkpoint');
    expect(mediaTitle({ ...asset, caption: '' })).toBe('nato.jpg');
    expect(mediaTitle({ ...asset, caption: '', originalName: null })).toBe('Untitled image');
    expect(mediaTitle({ ...asset, caption: 'x'.repeat(90) })).toBe(`${'x'.repeat(80)}…`);
    expect(percent(50, 200)).toBe(25);
    expect(percent(5, 0)).toBe(0);
    expect(percent(300, 200)).toBe(100);
  });
});

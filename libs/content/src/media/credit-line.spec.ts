import { creditLine, isCredited } from './credit-line.js';

describe('creditLine', () => {
  it.each([
    ['AP Photo', 'Bojan Slavkovic', '© AP Photo / Bojan Slavkovic'],
    ['AP Photo', '', '© AP Photo'],
    ['', 'Bojan Slavkovic', '© Bojan Slavkovic'],
    ['© Reuters', 'Mike Segar', '© Reuters / Mike Segar'],
    ['(c) Reuters', '', '© Reuters'],
    ['Copyright Getty Images', 'Jane Doe', 'Copyright Getty Images / Jane Doe'],
    ['AP Photo/Bojan Slavkovic', 'Bojan Slavkovic', '© AP Photo/Bojan Slavkovic'],
    ['  AP   Photo ', '  Bojan  Slavkovic ', '© AP Photo / Bojan Slavkovic'],
    ['', '', ''],
    [null, undefined, ''],
  ])('credit %j + creator %j → %j', (credit, creator, expected) => {
    expect(creditLine(credit, creator)).toBe(expected);
  });

  it('treats an image with neither credit nor creator as uncredited', () => {
    expect(isCredited({ credit: ' ', creator: '' })).toBe(false);
    expect(isCredited({ credit: '', creator: 'Someone' })).toBe(true);
  });
});

/**
 * The demo newsroom: the people, taxonomy, media and stories `npm start`
 * loads into an empty database (and `npm run db:seed` loads idempotently).
 */
export const DEMO_PASSWORDS = {
  admin: 'dispatch-admin-demo',
  editor: 'dispatch-editor-demo',
  contributor: 'dispatch-reporter-demo',
} as const;

export const demoUsers = [
  { email: 'admin@dispatch.local', name: 'Ada Admin', role: 'admin', password: DEMO_PASSWORDS.admin },
  { email: 'editor@dispatch.local', name: 'Elena Editor', role: 'editor', password: DEMO_PASSWORDS.editor },
  { email: 'reporter@dispatch.local', name: 'Rade Reporter', role: 'contributor', password: DEMO_PASSWORDS.contributor },
] as const;

export const demoLocales = [
  { code: 'en', name: 'English', nativeName: 'English', rtl: false, isDefault: true, searchConfig: 'english' },
  { code: 'ar', name: 'Arabic', nativeName: 'العربية', rtl: true, isDefault: false, searchConfig: 'simple' },
  { code: 'es', name: 'Spanish', nativeName: 'Español', rtl: false, isDefault: false, searchConfig: 'spanish' },
  { code: 'ru', name: 'Russian', nativeName: 'Русский', rtl: false, isDefault: false, searchConfig: 'russian' },
  { code: 'de', name: 'German', nativeName: 'Deutsch', rtl: false, isDefault: false, searchConfig: 'german' },
  { code: 'fr', name: 'French', nativeName: 'Français', rtl: false, isDefault: false, searchConfig: 'french' },
  { code: 'sr', name: 'Serbian', nativeName: 'Српски', rtl: false, isDefault: false, searchConfig: 'simple' },
] as const;

export const demoSections = [
  { slug: 'world-news', name: 'World News', names: { ru: 'В мире', de: 'Weltnachrichten', es: 'Mundo' }, parent: null },
  { slug: 'europe', name: 'Europe', names: { ru: 'Европа', de: 'Europa', es: 'Europa' }, parent: 'world-news' },
  { slug: 'russia', name: 'Russia', names: { ru: 'Россия', de: 'Russland' }, parent: null },
  { slug: 'business', name: 'Business', names: { ru: 'Бизнес', de: 'Wirtschaft' }, parent: null },
  { slug: 'sport', name: 'Sport', names: { ru: 'Спорт', de: 'Sport' }, parent: null },
  { slug: 'podcasts', name: 'Podcasts', names: { ru: 'Подкасты' }, parent: null },
] as const;

export const demoTags = [
  { slug: 'nato', name: 'NATO', names: { ru: 'НАТО', de: 'NATO' }, description: 'The North Atlantic alliance.' },
  { slug: 'kosovo', name: 'Kosovo', names: { ru: 'Косово', de: 'Kosovo' }, description: '' },
  { slug: 'serbia', name: 'Serbia', names: { ru: 'Сербия', de: 'Serbien' }, description: '' },
  { slug: 'kfor', name: 'KFOR', names: { ru: 'КФОР' }, description: 'The NATO-led Kosovo Force.' },
  { slug: 'united-nations', name: 'United Nations', names: { ru: 'ООН', de: 'Vereinte Nationen' }, description: '' },
  { slug: 'balkans', name: 'Balkans', names: { ru: 'Балканы', de: 'Balkan' }, description: '' },
  {
    slug: 'north-atlantic-treaty-organization',
    name: 'North Atlantic Treaty Organization',
    names: {},
    description: 'Duplicate of NATO, kept to show a merge.',
  },
] as const;

export const demoAuthors = [
  { slug: 'rade-reporter', name: 'Rade Reporter', bio: 'Balkans correspondent.', userEmail: 'reporter@dispatch.local' },
  { slug: 'elena-editor', name: 'Elena Editor', bio: 'Europe editor.', userEmail: 'editor@dispatch.local' },
  { slug: 'newsdesk', name: 'Newsdesk', bio: 'Reporting by the Dispatch newsdesk.', userEmail: null },
] as const;

export const demoMedia = {
  kosovoCheckpoint: {
    caption: 'FILE PHOTO: NATO troops guard a checkpoint near the village of Leposavic, northern Kosovo.',
    credit: 'AP Photo',
    creator: 'Bojan Slavkovic',
    copyrightNotice: '© AP Photo',
    usageTerms: 'Editorial use only.',
    altText: 'Soldiers in helmets standing at a road checkpoint beside an armoured vehicle',
    isFilePhoto: true,
    focal: { x: 0.5, y: 0.6 },
    hue: 205,
  },
  unSecurityCouncil: {
    caption: 'The UN Security Council chamber in New York.',
    credit: 'Reuters',
    creator: 'Mike Segar',
    copyrightNotice: '© Reuters',
    usageTerms: 'Editorial use only.',
    altText: 'The UN Security Council chamber with its horseshoe-shaped table',
    isFilePhoto: false,
    focal: { x: 0.5, y: 0.5 },
    hue: 30,
  },
  podcastCover: {
    caption: 'The Dispatch Daily podcast.',
    credit: 'Dispatch',
    creator: '',
    copyrightNotice: '© Dispatch',
    usageTerms: '',
    altText: 'Dispatch Daily cover art',
    isFilePhoto: false,
    focal: { x: 0.5, y: 0.5 },
    hue: 330,
  },
} as const;

export const PODCAST_SECONDS = 29 * 60 + 13;

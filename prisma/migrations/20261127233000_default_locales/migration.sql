-- The language editions Dispatch ships configured (admins may add more).
-- English is the default, Arabic is written right to left. search_config is
-- the PostgreSQL text search configuration used for that language.
INSERT INTO "locale" ("code", "name", "native_name", "rtl", "is_default", "search_config", "position") VALUES
  ('en', 'English', 'English', false, true, 'english', 0),
  ('ar', 'Arabic', 'العربية', true, false, 'simple', 1),
  ('es', 'Spanish', 'Español', false, false, 'spanish', 2),
  ('ru', 'Russian', 'Русский', false, false, 'russian', 3),
  ('de', 'German', 'Deutsch', false, false, 'german', 4),
  ('fr', 'French', 'Français', false, false, 'french', 5),
  ('sr', 'Serbian', 'Српски', false, false, 'simple', 6)
ON CONFLICT ("code") DO NOTHING;

-- The city's own settings (一网覆盖): one row, written by `yiwang init`, the first-start page or the admin's 城市设置.
-- Every text that names the city (SMS signatures, Word and Excel titles, the public site) reads it from here.
CREATE TABLE city_settings (
  id            integer PRIMARY KEY CHECK (id = 1),
  city_name     text NOT NULL CHECK (length(city_name) BETWEEN 2 AND 20),
  division_code text NOT NULL CHECK (division_code ~ '^[1-9][0-9]{5}$'),
  hotline_name  text NOT NULL,
  sms_signature text NOT NULL,
  site_title    text NOT NULL,
  logo          bytea,
  logo_type     text CHECK (logo_type IN ('image/png', 'image/jpeg')),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- A platform already in use before this migration was set up by the demo loader for the one city that ran it;
-- keep its texts as they were. An empty database gets its row from `yiwang init` or the first-start page.
INSERT INTO city_settings (id, city_name, division_code, hotline_name, sms_signature, site_title)
SELECT 1, '衡阳市', '430400', '12345', '衡阳市优化营商环境', '衡阳市优化营商环境问题并网督办平台'
WHERE EXISTS (SELECT 1 FROM users);

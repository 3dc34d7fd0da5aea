-- Bench data: 1,000 cities with a workshop, a window and a quote each, and 1,000,000 past bookings
-- spread over them, so that every query of the benchmark runs against full tables. Witten (from the
-- demo seed) is the city under test: live, no daily cap, 2,000 jockeys on shift, windows that never fill.
\set ON_ERROR_STOP on
BEGIN;

INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, concurrency_stamp,
                   phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, is_platform_admin, is_disabled, created_at)
SELECT gen_random_uuid(), 'bench-' || i || '@bench.test', upper('bench-' || i || '@bench.test'), 'bench-' || i || '@bench.test',
       upper('bench-' || i || '@bench.test'), false, md5(i::text), md5(i::text), false, false, true, 0, false, false, now()
FROM generate_series(1, 2000) i;

INSERT INTO cities (id, slug, name, status, time_zone_id, concierge_fee_cents, pilot_daily_booking_cap, free_cancellation_hours, late_cancellation_fee_cents, created_at)
SELECT gen_random_uuid(), 'bench-' || lpad(i::text, 4, '0'), 'Bench ' || i, 'Live', 'Europe/Berlin', 2900, 5, 24, 1500, now()
FROM generate_series(1, 1000) i;

INSERT INTO partner_workshops (tenant_id, id, name, served_postal_codes, is_active, created_at, address_street, address_postal_code, address_town, labour_rate_net_cents)
SELECT c.id, gen_random_uuid(), 'Werkstatt ' || c.slug, '{}', true, now(), 'Benchweg 1', '10115', c.name, 9800
FROM cities c WHERE c.slug LIKE 'bench-%';

INSERT INTO pickup_windows (tenant_id, id, workshop_id, day, start, "end", capacity)
SELECT w.tenant_id, gen_random_uuid(), w.id, 'Monday', '07:00', '09:00', 5
FROM partner_workshops w JOIN cities c ON c.id = w.tenant_id WHERE c.slug LIKE 'bench-%';

INSERT INTO quotes (tenant_id, id, workshop_id, postal_code, total_net_cents, total_vat_cents, total_gross_cents, created_at, valid_until,
                    vehicle_make, vehicle_model, vehicle_year, vehicle_fuel, vehicle_class, lines)
SELECT w.tenant_id, gen_random_uuid(), w.id, '10115', 21900, 4161, 26061, now() - interval '1 year', now() - interval '1 year',
       'Volkswagen', 'Golf', 2019, 'Petrol', 'Compact', '[]'::jsonb
FROM partner_workshops w JOIN cities c ON c.id = w.tenant_id WHERE c.slug LIKE 'bench-%';

INSERT INTO bookings (tenant_id, id, quote_id, workshop_id, customer_user_id, status, slot_window_id, slot_date, pickup_start_utc, pickup_end_utc,
                      hold_expires_at, license_plate, total_gross_cents, created_at, address_postal_code, address_street, address_town,
                      contact_email, contact_name, contact_phone, vehicle_class, vehicle_fuel, vehicle_make, vehicle_model, vehicle_year, events, lines)
SELECT q.tenant_id, gen_random_uuid(), q.id, q.workshop_id, u.id, 'Completed', p.id,
       (date '2025-11-24' + (n % 52) * 7), (date '2025-11-24' + (n % 52) * 7) + time '06:00', (date '2025-11-24' + (n % 52) * 7) + time '08:00',
       now() - interval '1 year', 'B-EN ' || (n % 9000 + 1), 26061, now() - interval '1 year', '10115', 'Benchweg 1', 'Bench',
       'bench@bench.test', 'Bench', '030 1234567', 'Compact', 'Petrol', 'Volkswagen', 'Golf', 2019, '[]'::jsonb, '[]'::jsonb
FROM quotes q
JOIN pickup_windows p ON p.tenant_id = q.tenant_id
CROSS JOIN generate_series(1, 1000) n
JOIN LATERAL (SELECT id FROM users WHERE email = 'bench-' || (n % 2000 + 1) || '@bench.test') u ON true;

-- The city under test.
UPDATE cities SET status = 'Live' WHERE slug = 'witten';
UPDATE pickup_windows SET capacity = 1000000 WHERE tenant_id = (SELECT id FROM cities WHERE slug = 'witten');
INSERT INTO jockey_shifts (tenant_id, id, jockey_user_id, day, start, "end")
SELECT (SELECT id FROM cities WHERE slug = 'witten'), gen_random_uuid(), u.id, d.day, '00:00', '23:59'
FROM users u CROSS JOIN (VALUES ('Monday'), ('Tuesday'), ('Wednesday'), ('Thursday'), ('Friday'), ('Saturday'), ('Sunday')) d(day)
WHERE u.email LIKE 'bench-%';

COMMIT;
ANALYZE users; ANALYZE cities; ANALYZE partner_workshops; ANALYZE pickup_windows; ANALYZE quotes; ANALYZE bookings; ANALYZE jockey_shifts;

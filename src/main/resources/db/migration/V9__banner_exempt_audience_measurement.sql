-- FR portals: a statistics declaration may be marked as audience measurement exempt from consent under the CNIL's
-- conditions (the banner then runs it until the visitor opposes it). Refused for other categories and jurisdictions.
ALTER TABLE cookie_declaration ADD COLUMN exempt_audience_measurement BOOLEAN DEFAULT FALSE NOT NULL;

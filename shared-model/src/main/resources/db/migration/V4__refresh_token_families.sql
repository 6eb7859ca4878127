-- Refresh-token families (RFC 9700, section 4.14.2): a login starts a family, every rotation stays
-- in it. A refresh token presented again after it was rotated or revoked (reuse) revokes the whole
-- family, so a stolen token and the legitimate one both stop working. Tokens issued before this
-- migration each form a family of their own.
ALTER TABLE refresh_tokens ADD COLUMN family uuid;
UPDATE refresh_tokens SET family = jti;
ALTER TABLE refresh_tokens ALTER COLUMN family SET NOT NULL;
-- Family revocation looks rows up by family; the purge of expired rows by expiry.
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

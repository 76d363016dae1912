/**
 * Secrets the application must read back (a robot's webhook URL with its access token, a 加签
 * secret) are kept in the database only sealed: AES-256-GCM under the `secrets` subkey of the
 * deployment key, which never enters the database. Whoever holds only the database or a backup
 * reads nothing. The additional data binds a sealed value to where it is stored (bureau, channel,
 * field), so a ciphertext copied into another bureau's row does not open there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deploymentKeys } from './deployment-key.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `v1.<base64url of iv | tag | ciphertext>`; `aad` names where the value is stored. */
export function sealSecret(plain: string, aad: string, key: Buffer = deploymentKeys().secrets): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The plain text of a sealed value, or null when it does not open (another deployment key, altered, moved). */
export function openSecret(sealed: string, aad: string, key: Buffer = deploymentKeys().secrets): string | null {
  const [version, data] = sealed.split('.');
  if (version !== VERSION || !data) return null;
  const raw = Buffer.from(data, 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

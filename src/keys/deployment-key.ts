/**
 * The deployment key: 32 random bytes kept outside the database (FAZHI_KEY_FILE, created with mode
 * 0600 on first start), or FAZHI_SECRET from the environment. Every app server of one deployment
 * uses the same key. Separate subkeys are derived from it with HKDF-SHA256, one per purpose, so a
 * value signed for one purpose (an audit row) never verifies as another (a backup manifest).
 * Whoever owns only the database cannot compute these MACs. The key never goes into the database,
 * a backup or a log; only its public fingerprint (`auditKeyId`) does.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Config, loadConfig } from '../config.ts';
import { KEY_MSG } from './key.messages.ts';

export type DeploymentKeys = {
  /** HMAC key of the audit chain rows. */
  audit: Buffer;
  /** HMAC key of the anchors of the audit chain head. */
  anchor: Buffer;
  /** HMAC key of backup manifests. */
  backup: Buffer;
  /** AES-256-GCM key of the secrets kept in the database (channel webhook URLs and signing secrets). */
  secrets: Buffer;
  /** Public fingerprint of the audit key, stored on each keyed audit row so a wrong key is named as such. */
  auditKeyId: string;
};

const KEY_BYTES = 32;
const SALT = 'fazhi deployment key';

function subkey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, SALT, `fazhi ${purpose} v1`, KEY_BYTES));
}

/** The subkeys of a master key (32 bytes from the key file, or the bytes of FAZHI_SECRET). */
export function deriveKeys(master: Buffer): DeploymentKeys {
  const audit = subkey(master, 'audit-chain');
  return {
    audit,
    anchor: subkey(master, 'audit-anchor'),
    backup: subkey(master, 'backup-manifest'),
    secrets: subkey(master, 'stored-secrets'),
    auditKeyId: createHmac('sha256', audit).update('fazhi audit key id').digest('hex').slice(0, 16),
  };
}

export type KeySource = Pick<Config, 'keyFile' | 'secret'>;

/**
 * Reads the master key: FAZHI_SECRET if given, else the key file, which is created (32 random bytes,
 * mode 0600, exclusively so two servers starting at once end with one key) when absent.
 */
export function readDeploymentKey(src: KeySource, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Buffer {
  if (src.secret) return Buffer.from(src.secret, 'utf8');
  const file = src.keyFile;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
      log(KEY_MSG.created(file));
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw new Error(KEY_MSG.cannotCreate(file, (e as Error).message));
    }
  }
  let key: Buffer;
  try {
    key = fs.readFileSync(file);
  } catch (e) {
    throw new Error(KEY_MSG.cannotRead(file, (e as Error).message));
  }
  if (key.length !== KEY_BYTES) throw new Error(KEY_MSG.wrongSize(file, key.length));
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) log(KEY_MSG.tooOpen(file));
  return key;
}

let current: DeploymentKeys | null = null;

/** Loads the deployment key of `cfg` and makes it the one this process signs and verifies with. */
export function installDeploymentKey(src: KeySource, log?: (line: string) => void): DeploymentKeys {
  current = deriveKeys(readDeploymentKey(src, log));
  return current;
}

/**
 * The keys of this process: those given to `installDeploymentKey` at start (serve, demo, every CLI
 * command), else those the environment's configuration names (library use, tests).
 */
export function deploymentKeys(): DeploymentKeys {
  if (!current) current = deriveKeys(readDeploymentKey(loadConfig()));
  return current;
}

/**
 * The bench signs its audit rows with a throwaway deployment key in a temp dir (servers it spawns
 * inherit it), never a deployment's and never one in the repository. Imported first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-bench-key-'));
process.env.FAZHI_KEY_FILE = path.join(keyDir, 'fazhi.key');
delete process.env.FAZHI_SECRET;
process.on('exit', () => fs.rmSync(keyDir, { recursive: true, force: true }));

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApiDocument } from '@/lib/api/openapi';

/**
 * `npm run openapi [-- FILE]` prints (or writes) the OpenAPI document the app serves at
 * /api/v1/openapi.json; `npm run openapi:lint` writes it to a temporary file and lints it with
 * Redocly's recommended rules (redocly.yaml), failing on any error.
 */
const text = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
const [command, file] = process.argv.slice(2);

if (command === 'lint') {
  const dir = mkdtempSync(path.join(tmpdir(), 'backroom-openapi-'));
  const spec = path.join(dir, 'openapi.json');
  writeFileSync(spec, text);
  const bin = path.resolve('node_modules/.bin/redocly');
  const result = spawnSync(bin, ['lint', '--config', path.resolve('redocly.yaml'), spec], {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  rmSync(dir, { recursive: true, force: true });
  process.exit(result.status ?? 1);
} else if (command === 'write' && file) {
  writeFileSync(file, text);
} else {
  process.stdout.write(text);
}

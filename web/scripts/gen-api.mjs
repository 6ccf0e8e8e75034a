// npm run gen:api — dump the service's OpenAPI (scripts/openapi.py, no server needed) and generate
// src/api/schema.d.ts with openapi-typescript. The generated file is committed; a test regenerates
// it and fails when it differs (tests/web/test_web_build.py).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import openapiTS, { astToString } from 'openapi-typescript';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(web, '..');
const python =
  process.env.XIUHUA_PYTHON ||
  [join(root, '.venv', 'bin', 'python')].find((p) => existsSync(p)) ||
  'python3';

const dir = mkdtempSync(join(tmpdir(), 'xiuhua-openapi-'));
try {
  const json = join(dir, 'openapi.json');
  execFileSync(python, [join(root, 'scripts', 'openapi.py'), json], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PYTHONPATH: root },
  });
  const ast = await openapiTS(pathToFileURL(json), { alphabetize: true, defaultNonNullable: false });
  const header =
    '// 由 `npm run gen:api` 从服务的 OpenAPI 生成，请勿手工修改。\n' +
    '// Generated from the service OpenAPI by openapi-typescript; do not edit.\n\n';
  const out = join(web, 'src', 'api', 'schema.d.ts');
  const text = header + astToString(ast);
  const old = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (old !== text) writeFileSync(out, text);
  console.log(`src/api/schema.d.ts ${old === text ? 'unchanged' : 'written'} (${text.length} chars)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

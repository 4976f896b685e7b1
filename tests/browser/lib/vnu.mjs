// The Nu Html Checker (vnu.jar from npm `vnu-jar`, run with the machine's
// Java): every HTML file of the site, and every stylesheet with `--css`.
// Only errors count; vnu's warnings and info messages are not findings.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const VNU_JAR = join(require.resolve('vnu-jar/package.json'), '..', 'build', 'dist', 'vnu.jar');

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.JAVA || 'java', ['-jar', VNU_JAR, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (err) =>
      reject(new Error(`cannot run java (${err.message}): install a JRE (apt-get install -y default-jre-headless)`)),
    );
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Validates every `.html` and every `.css` file under `dir`. Returns
 * findings `{ file, message }`, one per error, with line and column where
 * vnu gives them.
 */
export async function validate(dir) {
  const findings = [];
  for (const mode of ['--skip-non-html', '--skip-non-css']) {
    const { code, stdout, stderr } = await run(['--errors-only', '--format', 'json', '--stdout', mode, dir]);
    let report;
    try {
      report = JSON.parse(stdout || stderr);
    } catch {
      throw new Error(`vnu exited ${code} without a JSON report:\n${stderr || stdout}`);
    }
    for (const m of report.messages ?? []) {
      if (m.type !== 'error' && m.subType !== 'fatal') continue;
      const file = m.url ? relative(dir, decodeURIComponent(new URL(m.url).pathname)) : '(unknown file)';
      const where = m.lastLine ? `:${m.firstLine ?? m.lastLine}:${m.firstColumn ?? m.lastColumn}` : '';
      findings.push({ file, message: `${file}${where}: ${m.message}${m.extract ? ` — ${m.extract.replace(/\s+/g, ' ').trim()}` : ''}` });
    }
    if (code !== 0 && !findings.length) {
      throw new Error(`vnu exited ${code} but reported no error:\n${stderr}`);
    }
  }
  return findings;
}

/** The bundled vnu's version, for the report. */
export async function version() {
  const { stdout } = await run(['--version']);
  return stdout.trim();
}

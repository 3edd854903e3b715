import { readFileSync } from 'node:fs';

/** package.json sits one level above both src/ and dist/. */
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export const TOOL_NAME = packageJson.name;
export const TOOL_VERSION = packageJson.version;
export const TOOL_URI = 'https://github.com/dockprobe/dockprobe';

/** Permission bits as people write them: 0o600 → "0600". */
export function formatMode(mode: number): string {
  return `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

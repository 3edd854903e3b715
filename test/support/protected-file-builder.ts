import type { ProtectedFile, ProtectedObject } from '../../src/config/config-observation.js';
import type { FileStat } from '../../src/files/file-observation.js';
import { stat } from './config-observation-builder.js';

/** Where each section 3 object sits on a usual Debian-like host, for hand-built observations. */
export const PROTECTED_PATHS: Record<ProtectedObject, string> = {
  'docker.service': '/lib/systemd/system/docker.service',
  'docker.socket': '/lib/systemd/system/docker.socket',
  'etc-docker': '/etc/docker',
  'registry-certificate': '/etc/docker/certs.d/registry.example:5000/ca.crt',
  'tls-ca': '/etc/docker/ca.pem',
  'tls-cert': '/etc/docker/server-cert.pem',
  'tls-key': '/etc/docker/server-key.pem',
  'docker-sock': '/var/run/docker.sock',
  'daemon.json': '/etc/docker/daemon.json',
  'etc-default-docker': '/etc/default/docker',
  'etc-sysconfig-docker': '/etc/sysconfig/docker',
  'containerd-sock': '/run/containerd/containerd.sock',
};

/** One section 3 object as the collector reports it; `fileStat` null is "could not check". */
export function protectedFile(object: ProtectedObject, fileStat: FileStat | null, systemPath = PROTECTED_PATHS[object]): ProtectedFile {
  return { object, path: systemPath, systemPath, stat: fileStat, problem: fileStat ? null : 'permission denied (EACCES)' };
}

/** Every object, as the benchmark wants it: root:root (the socket root:docker 999) at its most open allowed mode. */
export function hardenedProtectedFiles(): ProtectedFile[] {
  return [
    protectedFile('docker.service', stat(0o644)),
    protectedFile('docker.socket', stat(0o644)),
    protectedFile('etc-docker', stat(0o755, 0, 0, 'directory')),
    protectedFile('registry-certificate', stat(0o444)),
    protectedFile('tls-ca', stat(0o444)),
    protectedFile('tls-cert', stat(0o444)),
    protectedFile('tls-key', stat(0o400)),
    protectedFile('docker-sock', stat(0o660, 0, 999, 'other')),
    protectedFile('daemon.json', stat(0o644)),
    protectedFile('etc-default-docker', stat(0o644)),
    protectedFile('etc-sysconfig-docker', stat(0o644)),
    protectedFile('containerd-sock', stat(0o660, 0, 0, 'other')),
  ];
}

/** The hardened set with one object's entry replaced. */
export function hardenedExcept(object: ProtectedObject, replacement: ProtectedFile | ProtectedFile[]): ProtectedFile[] {
  return hardenedProtectedFiles().flatMap((file) => (file.object === object ? replacement : [file]));
}

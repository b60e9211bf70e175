/**
 * A throwaway self-signed certificate for the local HTTPS status server, made at test time with
 * the openssl CLI. The browsers are told to accept it (Chromium: --ignore-certificate-errors;
 * Firefox: the BiDi `acceptInsecureCerts` capability), so it only has to be well formed; the SANs
 * still name every mapped host so that a stricter client sees a matching name.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TlsPair {
  readonly key: string
  readonly cert: string
}

export const DEFAULT_TLS_HOSTS: readonly string[] = ['status.openai.com']

const OPENSSL = process.env.OPENSSL ?? '/usr/bin/openssl'
const cache = new Map<string, TlsPair>()

/**
 * PEM key + certificate for status.openai.com, every host in `extraHosts`, localhost and
 * 127.0.0.1. Cached per process and per host set (one openssl run, ~20 ms, per set).
 */
export function selfSignedCert(extraHosts: Iterable<string> = []): TlsPair {
  const hosts = [...new Set([...DEFAULT_TLS_HOSTS, ...extraHosts, 'localhost'])].sort()
  const cacheKey = hosts.join(',')
  const cached = cache.get(cacheKey)
  if (cached) return cached

  const dir = mkdtempSync(join(tmpdir(), 'status-monitor-tls-'))
  try {
    const keyPath = join(dir, 'key.pem')
    const certPath = join(dir, 'cert.pem')
    const configPath = join(dir, 'openssl.cnf')
    const san = [...hosts.map((host) => `DNS:${host}`), 'IP:127.0.0.1'].join(',')
    // A config file rather than -addext: the SAN list may be long, and the extensions must
    // describe a server leaf (CA:FALSE, serverAuth), which is what browsers expect.
    writeFileSync(
      configPath,
      [
        '[req]',
        'distinguished_name = dn',
        'x509_extensions = ext',
        'prompt = no',
        '[dn]',
        `CN = ${DEFAULT_TLS_HOSTS[0]}`,
        'O = Status Monitor e2e (throwaway)',
        '[ext]',
        'basicConstraints = critical, CA:FALSE',
        'keyUsage = critical, digitalSignature, keyEncipherment',
        'extendedKeyUsage = serverAuth',
        `subjectAltName = ${san}`,
        '',
      ].join('\n'),
    )
    execFileSync(
      OPENSSL,
      [
        'req', '-x509', '-nodes',
        '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
        '-keyout', keyPath, '-out', certPath,
        '-days', '2', '-config', configPath,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    const pair: TlsPair = { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') }
    cache.set(cacheKey, pair)
    return pair
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

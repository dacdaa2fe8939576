// The `registries` parser, the helper's server-URL matching and the Docker config edits,
// called directly: what is accepted, what is refused and why, what is kept and put back.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  addCredHelpers,
  dockerConfigPath,
  parseRecord,
  restoreDockerConfig
} from '../src/registry/docker-config.js'
import { ICR_HOSTS, parseRegistries, serverHost } from '../src/registry/hosts.js'
import { nodeFiles } from '../src/runner/files.js'
import { oneLine } from '../src/untrusted.js'

let temp: string
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'registry-config-'))
})
afterEach(() => rmSync(temp, { recursive: true, force: true }))

describe('parseRegistries', () => {
  it('accepts every ICR host, its private. form and loopback host:port, any separator', () => {
    const all = [...ICR_HOSTS, ...ICR_HOSTS.map((h) => `private.${h}`)]
    expect(parseRegistries(all.join(' '))).toEqual(all)
    expect(
      parseRegistries('us.icr.io,de.icr.io\n  127.0.0.1:5000\n[::1]:5000 localhost:5000\n')
    ).toEqual(['us.icr.io', 'de.icr.io', '127.0.0.1:5000', '[::1]:5000', 'localhost:5000'])
    expect(parseRegistries('US.ICR.IO us.icr.io')).toEqual(['us.icr.io'])
    expect(parseRegistries('')).toEqual([])
  })
  it.each([
    'https://us.icr.io',
    'us.icr.io/ns',
    '*.icr.io',
    'icr.io:443',
    'eu.icr.io',
    'private.private.us.icr.io',
    'docker.io',
    '127.0.0.1',
    '127.0.0.1:0',
    '127.0.0.1:70000',
    '10.0.0.1:5000',
    '::1:5000',
    'localhost.evil.com:5000'
  ])('refuses %s and lists what is accepted', (entry) => {
    expect(() => parseRegistries(`us.icr.io ${entry}`)).toThrow(
      new RegExp(
        `"${oneLine(entry).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" is not a Container Registry host.*Accepted: icr\\.io, us\\.icr\\.io`
      )
    )
  })
  it.each(['us.icr.io,,de.icr.io', ',us.icr.io', 'us.icr.io,', 'us.icr.io, ,de.icr.io'])(
    'refuses an empty entry in %j',
    (raw) => expect(() => parseRegistries(raw)).toThrow(/empty entry/)
  )
})

describe('serverHost', () => {
  it.each([
    ['us.icr.io', 'us.icr.io'],
    ['https://us.icr.io', 'us.icr.io'],
    ['https://US.icr.io/v2/', 'us.icr.io'],
    ['http://127.0.0.1:5000/v2/ns/app', '127.0.0.1:5000'],
    [' 127.0.0.1:5000\n', '127.0.0.1:5000'],
    ['us.icr.io?x=1', 'us.icr.io']
  ])('%j names %s', (url, host) => expect(serverHost(url)).toBe(host))
})

describe('Docker config', () => {
  it('DOCKER_CONFIG wins over the home folder', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/d', HOME: '/h' })).toBe('/d/config.json')
    expect(dockerConfigPath({ HOME: '/h' })).toBe('/h/.docker/config.json')
  })

  it('keeps other keys, logs what it replaces and what it outranks, puts everything back', () => {
    const file = join(temp, 'config.json')
    const before =
      '{\n  "auths": {\n    "https://us.icr.io": {}\n  },\n  "credHelpers": {\n    "de.icr.io": "other"\n  },\n  "x": 1\n}\n'
    writeFileSync(file, before)
    const log: string[] = []
    const record = addCredHelpers(nodeFiles, file, ['us.icr.io', 'de.icr.io'], (m) => log.push(m))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      auths: { 'https://us.icr.io': {} },
      credHelpers: { 'de.icr.io': 'ibmcloud', 'us.icr.io': 'ibmcloud' },
      x: 1
    })
    expect(log.join('\n')).toMatch(/existing auths entry for us\.icr\.io is left in place/)
    expect(log.join('\n')).toMatch(/replaced credHelpers entry for de\.icr\.io \("other"\)/)
    expect(record).toMatchObject({
      created: false,
      added: ['us.icr.io'],
      replaced: { 'de.icr.io': 'other' }
    })
    expect(parseRecord(JSON.stringify(record))).toEqual(record)
    restoreDockerConfig(nodeFiles, record)
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('keeps an entry a later step changed', () => {
    const file = join(temp, 'config.json')
    const record = addCredHelpers(nodeFiles, file, ['us.icr.io', 'uk.icr.io'], () => {})
    const changed = JSON.parse(readFileSync(file, 'utf8'))
    changed.credHelpers['uk.icr.io'] = 'mine'
    writeFileSync(file, JSON.stringify(changed))
    restoreDockerConfig(nodeFiles, record)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ credHelpers: { 'uk.icr.io': 'mine' } })
  })

  it.each([
    ['a relative file', { file: 'config.json' }],
    ['another file', { file: '/etc/passwd' }],
    ['a host it would not configure', { added: ['evil.example.com'] }],
    ['a helper name with a path', { replaced: { 'us.icr.io': '../../bin/sh' } }]
  ])('refuses a record naming %s', (_what, change) => {
    const record = {
      file: '/h/.docker/config.json',
      created: false,
      hadCredHelpers: false,
      added: [],
      replaced: {},
      ...change
    }
    expect(parseRecord(JSON.stringify(record))).toBeUndefined()
  })
})

/**
 * Crypto and ACL configuration (issue 3, configuration part): IOS submode prompts, the running-config
 * lines seeds 000 and 001 show, `show crypto isakmp policy`, `show crypto ipsec transform-set`,
 * `show access-lists`, `no` forms, and a running configuration that rebuilds itself on a blank router.
 */
import { describe, expect, it } from 'vitest';
import { configure, lastCommandOutput, outputOf, runScript } from '../../support/lab-driver.js';
import { loadLab } from '../../../src/lab/catalog.js';
import { commandOutput } from '../../../src/ios/router-console.js';
import { asStartupConfig } from '../../../src/lab/startup-config.js';

const SEED0_CRYPTO = `crypto isakmp policy 1
encr 3des
hash sha
authentication pre-share
crypto isakmp key cisco123 address 0.0.0.0 0.0.0.0
crypto ipsec transform-set DMVPN-TSET esp-3des esp-sha-hmac
mode transport
crypto ipsec profile DMVPN-IPSEC
set transform-set DMVPN-TSET
interface Tunnel0
tunnel protection ipsec profile DMVPN-IPSEC`;

const SEED1_HUB_CRYPTO = `crypto isakmp policy 10
hash md5
authentication pre-share
crypto isakmp key cisco123 address 10.1.2.1
crypto isakmp key cisco123 address 10.1.3.1
crypto ipsec transform-set myset esp-des esp-md5-hmac
crypto map mymap 10 ipsec-isakmp
set peer 10.1.2.1
set transform-set myset
match address 110
crypto map mymap 20 ipsec-isakmp
set peer 10.1.3.1
set transform-set myset
match address 120
interface Ethernet0/0
crypto map mymap
access-list 110 permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255
access-list 110 permit ip 192.168.1.0 0.0.0.255 172.16.1.0 0.0.0.255
access-list 120 permit ip 10.1.1.0 0.0.0.255 192.168.1.0 0.0.0.255
access-list 120 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255`;

function section(lines: string[], first: string): string[] {
  const at = lines.indexOf(first);
  expect(at, `${first} in show running-config`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('!', at);
  return lines.slice(at, end);
}

describe('crypto configuration', () => {
  it('enters the IOS crypto submodes with their prompts', () => {
    const { lines } = runScript(configure('Hub', SEED0_CRYPTO), { start: 'solved' });
    const hub = outputOf(lines, 'Hub');
    for (const echo of [
      'Hub(config-isakmp)#encr 3des',
      'Hub(config-isakmp)#authentication pre-share',
      'Hub(cfg-crypto-trans)#mode transport',
      'Hub(ipsec-profile)#set transform-set DMVPN-TSET',
      'Hub(config-if)#tunnel protection ipsec profile DMVPN-IPSEC',
    ]) {
      expect(hub).toContain(echo);
    }
    expect(hub.filter((l) => l.startsWith('%'))).toEqual([]);
  });

  it('renders seed 000’s crypto lines in show running-config, and the show commands', () => {
    const script = `${configure('Hub', SEED0_CRYPTO)}\nshow running-config\nshow crypto isakmp policy\nshow crypto ipsec transform-set\n`;
    const { lines } = runScript(script, { start: 'solved' });
    const run = lastCommandOutput(lines, 'Hub', 'show running-config');
    // `hash sha` is the default, so IOS does not print it.
    expect(section(run, 'crypto isakmp policy 1')).toEqual(['crypto isakmp policy 1', ' encr 3des', ' authentication pre-share']);
    expect(run).toContain('crypto isakmp key cisco123 address 0.0.0.0 0.0.0.0');
    expect(section(run, 'crypto ipsec transform-set DMVPN-TSET esp-3des esp-sha-hmac ')).toEqual([
      'crypto ipsec transform-set DMVPN-TSET esp-3des esp-sha-hmac ',
      ' mode transport',
    ]);
    expect(section(run, 'crypto ipsec profile DMVPN-IPSEC')).toEqual(['crypto ipsec profile DMVPN-IPSEC', ' set transform-set DMVPN-TSET ']);
    const tunnel = section(run, 'interface Tunnel0');
    expect(tunnel[tunnel.length - 1]).toBe(' tunnel protection ipsec profile DMVPN-IPSEC');
    expect(lastCommandOutput(lines, 'Hub', 'show crypto isakmp policy')).toEqual([
      'Global IKE policy',
      'Protection suite of priority 1',
      '        encryption algorithm:   Three key triple DES',
      '        hash algorithm:         Secure Hash Standard',
      '        authentication method:  Pre-Shared Key',
      '        Diffie-Hellman group:   #1 (768 bit)',
      '        lifetime:               86400 seconds, no volume limit',
    ]);
    expect(lastCommandOutput(lines, 'Hub', 'show crypto ipsec transform-set').slice(0, 2)).toEqual([
      'Transform set DMVPN-TSET: { esp-3des esp-sha-hmac  }',
      '   will negotiate = { Transport,  },',
    ]);
  });

  it('renders seed 001’s crypto map and numbered ACLs, and counts nothing before traffic', () => {
    const script = `${configure('Hub', SEED1_HUB_CRYPTO)}\nshow running-config\nshow access-lists\n`;
    const { lines } = runScript(script, { start: 'solved' });
    const run = lastCommandOutput(lines, 'Hub', 'show running-config');
    expect(section(run, 'crypto map mymap 10 ipsec-isakmp ')).toEqual([
      'crypto map mymap 10 ipsec-isakmp ',
      ' set peer 10.1.2.1',
      ' set transform-set myset ',
      ' match address 110',
    ]);
    expect(section(run, 'crypto isakmp policy 10')).toEqual(['crypto isakmp policy 10', ' hash md5', ' authentication pre-share']);
    expect(section(run, 'interface Ethernet0/0')).toContain(' crypto map mymap');
    expect(section(run, 'access-list 110 permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255')).toHaveLength(4);
    expect(lastCommandOutput(lines, 'Hub', 'show access-lists')).toEqual([
      'Extended IP access list 110',
      '    10 permit ip 10.1.1.0 0.0.0.255 172.16.1.0 0.0.0.255',
      '    20 permit ip 192.168.1.0 0.0.0.255 172.16.1.0 0.0.0.255',
      'Extended IP access list 120',
      '    10 permit ip 10.1.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
      '    20 permit ip 172.16.1.0 0.0.0.255 192.168.1.0 0.0.0.255',
    ]);
  });

  it('named extended ACLs: (config-ext-nacl)#, any/host operands, protocol numbers shown by name, sequence numbers', () => {
    const script = `${configure('Hub', 'ip access-list extended DMVPN\npermit gre host 172.16.10.1 any\n5 permit 50 any any\ndeny ip any any')}\nshow ip access-lists DMVPN\n`;
    const { lines } = runScript(script, { start: 'solved' });
    expect(outputOf(lines, 'Hub')).toContain('Hub(config-ext-nacl)#permit gre host 172.16.10.1 any');
    expect(lastCommandOutput(lines, 'Hub', 'show ip access-lists DMVPN')).toEqual([
      'Extended IP access list DMVPN',
      '    5 permit esp any any',
      '    10 permit gre host 172.16.10.1 any',
      '    20 deny ip any any',
    ]);
  });

  it('no forms remove what they name', () => {
    const script = `${configure('Hub', `${SEED1_HUB_CRYPTO}\nno crypto map mymap 20 ipsec-isakmp\nno access-list 120\nno crypto isakmp policy 10`)}\nshow running-config\n`;
    const { lines } = runScript(script, { start: 'solved' });
    const run = lastCommandOutput(lines, 'Hub', 'show running-config');
    expect(run).not.toContain('crypto map mymap 20 ipsec-isakmp ');
    expect(run).toContain('crypto map mymap 10 ipsec-isakmp ');
    expect(run.some((l) => l.startsWith('access-list 120'))).toBe(false);
    expect(run).not.toContain('crypto isakmp policy 10');
  });

  it('crypto isakmp keepalive: retry and periodic appear when not the defaults; no removes it', () => {
    const show = (lines: string[]) => lastCommandOutput(lines, 'Hub', 'show running-config').filter((l) => l.startsWith('crypto isakmp keepalive'));
    const periodic = runScript(`${configure('Hub', 'crypto isakmp keepalive 10 3 periodic')}\nshow running-config\n`, { start: 'solved' });
    expect(show(periodic.lines)).toEqual(['crypto isakmp keepalive 10 3 periodic']);
    const onDemand = runScript(`${configure('Hub', 'crypto isakmp keepalive 30 2 on-demand')}\nshow running-config\n`, { start: 'solved' });
    expect(show(onDemand.lines)).toEqual(['crypto isakmp keepalive 30']);
    const removed = runScript(`${configure('Hub', 'crypto isakmp keepalive 30\nno crypto isakmp keepalive')}\nshow running-config\n`, { start: 'solved' });
    expect(show(removed.lines)).toEqual([]);
    const bad = runScript(`${configure('Hub', 'crypto isakmp keepalive 5')}\n`, { start: 'solved' });
    expect(outputOf(bad.lines, 'Hub').join('\n')).toContain('% Invalid input detected at');
  });

  it('a running configuration with crypto rebuilds the same configuration on a blank router', () => {
    const { lab } = runScript(`${configure('Hub', `${SEED0_CRYPTO}\n${SEED1_HUB_CRYPTO}`)}\n`, { start: 'solved' });
    // Comment lines (`!`, `! Last configuration change …`) and the size header are not configuration.
    const body = (r: string[]) => r.filter((l) => !/^(Building configuration|Current configuration|!)/.test(l));
    const original = body(commandOutput(lab.router('Hub')!, 'show running-config'));
    const startup = asStartupConfig(original.filter((l) => l !== 'end'));
    const rebuilt = loadLab({ lab: 'dmvpn-phase1', start: 'blank', overlay: [{ router: 'Hub', lines: startup }] });
    expect(body(commandOutput(rebuilt.router('Hub')!, 'show running-config'))).toEqual(original);
  });
});

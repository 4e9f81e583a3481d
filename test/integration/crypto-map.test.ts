/**
 * Issue 3 on seed 001's crypto maps (lab `ipsec-hub-spoke`, IOS 12.2): Spoke1's LAN reaches Spoke2's
 * through the hub, which decrypts and encrypts again (done-when 3), the 12.x output layouts, and a
 * crypto ACL whose proxies the hub does not mirror (done-when 4), observed through the consoles.
 */
import { describe, expect, it } from 'vitest';
import { lastCommandOutput, outputOf, runScript } from '../support/lab-driver.js';

const LAB = { lab: 'ipsec-hub-spoke', start: 'solved' as const };
const PING = 'ping 192.168.1.1 source 172.16.1.1';

describe('ipsec-hub-spoke solved: spoke to spoke through the hub', () => {
  // Each new IKE peer costs one dropped first message while ARP resolves (the static routes point out
  // of Ethernet1, so every peer is proxy-ARPed) and its 10 s retransmission: hence the waits.
  const { lines, errors } = runScript(
    ['@Spoke1', 'enable', PING, '@wait 60s', PING, '@wait 60s', PING, 'show crypto isakmp sa', 'show crypto ipsec sa', '@Hub', 'enable', 'show crypto engine connections active', 'debug crypto isakmp'].join('\n'),
    LAB,
  );
  const pings = outputOf(lines, 'Spoke1').filter((l) => l.startsWith('Success rate'));

  it('the first pings time out while IKE runs, then the extended ping succeeds', () => {
    expect(errors).toEqual([]);
    expect(pings[0]).toContain('Success rate is 0 percent');
    expect(pings[2]).toMatch(/^Success rate is 100 percent \(5\/5\)/);
  });

  it('12.2 layouts: the ISAKMP table has the slot column and conn-ids count from 1', () => {
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa')).toEqual([
      'IPv4 Crypto ISAKMP SA',
      'dst             src             state          conn-id slot status',
      '10.1.4.1        10.1.2.1        QM_IDLE              1    0 ACTIVE',
      '',
      'IPv6 Crypto ISAKMP SA',
    ]);
  });

  it('the spoke protects its LAN to Spoke2’s LAN in tunnel mode, counted both ways', () => {
    const out = lastCommandOutput(lines, 'Spoke1', 'show crypto ipsec sa').join('\n');
    expect(out).toContain('interface: Ethernet1\n    Crypto map tag: mymap, local addr 10.1.2.1');
    expect(out).toContain('   local  ident (addr/mask/prot/port): (172.16.1.0/255.255.255.0/0/0)\n   remote ident (addr/mask/prot/port): (192.168.1.0/255.255.255.0/0/0)');
    expect(out).toContain('        in use settings ={Tunnel, }');
    expect(Number(/#pkts encaps: (\d+)/.exec(out)![1])).toBeGreaterThanOrEqual(5);
    expect(Number(/#pkts decaps: (\d+)/.exec(out)![1])).toBeGreaterThanOrEqual(5);
  });

  it('the hub’s engine table lists four IPsec SAs, each with packets encrypted or decrypted (12.x layout)', () => {
    const out = lastCommandOutput(lines, 'Hub', 'show crypto engine connections active');
    expect(out[1]).toBe('  ID Interface       IP-Address      State  Algorithm           Encrypt  Decrypt');
    const ipsec = out.filter((l) => /^ *2\d\d\d Ethernet1 +10\.1\.4\.1 +set +HMAC_MD5\+DES_56_CB/.test(l));
    expect(ipsec).toHaveLength(4);
    const counts = ipsec.map((l) => l.trim().split(/ +/).slice(-2).map(Number));
    expect(counts.every(([enc, dec]) => enc! + dec! > 0)).toBe(true);
    expect(counts.filter(([enc]) => enc! > 0)).toHaveLength(2);
    expect(counts.filter(([, dec]) => dec! > 0)).toHaveLength(2);
  });
});

describe('crypto ACL (proxy identity) mismatch', () => {
  it('the hub finds no map entry for the proposed proxies and refuses quick mode', () => {
    const { lines } = runScript(
      ['@Hub', 'enable', 'debug crypto isakmp', 'debug crypto ipsec', '@Spoke1', 'enable', 'debug crypto isakmp', PING, '@wait 60s', PING, 'show crypto isakmp sa'].join('\n'),
      { ...LAB, overlay: [{ router: 'Spoke1', lines: ['no access-list 110', 'access-list 110 permit ip 172.16.1.0 0.0.0.255 10.1.1.0 0.0.0.255', 'access-list 110 permit ip 172.16.1.0 0.0.0.255 192.168.0.0 0.0.255.255'] }] },
    );
    const hub = outputOf(lines, 'Hub').join('\n');
    expect(hub).toContain('IPSEC(validate_transform_proposal): proxy identities not supported');
    expect(hub).toMatch(/ISAKMP \(0:1\): IPSec policy invalidated proposal with error 32/);
    expect(hub).toMatch(/ISAKMP \(0:1\): phase 2 SA policy not acceptable! \(local 10\.1\.4\.1 remote 10\.1\.2\.1\)/);
    expect(outputOf(lines, 'Spoke1').join('\n')).toMatch(/processing NOTIFY PROPOSAL_NOT_CHOSEN protocol 3/);
    expect(lastCommandOutput(lines, 'Spoke1', PING).join('\n')).toContain('Success rate is 0 percent');
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa').join('\n')).toMatch(/QM_IDLE +1 +0 ACTIVE/);
  });
});

describe('debug crypto engine on 12.2: the engine’s own lines as phase 1 and the IPsec SAs are built', () => {
  const { lines } = runScript(['@Spoke1', 'enable', 'debug crypto engine', 'show debugging', PING, '@wait 30s', 'undebug all'].join('\n'), LAB);
  const spoke = outputOf(lines, 'Spoke1');
  const engine = spoke.filter((l) => /: (CryptoEngine0|CRYPTO_ENGINE): /.test(l)).map((l) => l.replace(/^\*\w+ +\d+ [\d:.]+: /, ''));

  it('is listed by show debugging and prints nothing of ISAKMP itself', () => {
    expect(lastCommandOutput(lines, 'Spoke1', 'show debugging').join('\n')).toContain('Crypto Engine debugging is on');
    expect(spoke.some((l) => l.includes('ISAKMP (0:'))).toBe(false);
  });

  it('a DH key pair, the SKEYID for the conn-id, HMACs under it, the DH value cleared, then one flow per IPsec SA', () => {
    expect(engine.slice(0, 4)).toEqual(['CryptoEngine0: generate alg parameter', 'CRYPTO_ENGINE: Dh phase 1 status: 0', 'CRYPTO_ENGINE: Dh phase 1 status: 0', 'CryptoEngine0: create ISAKMP SKEYID for conn id 1']);
    const clear = engine.indexOf('CryptoEngine0: clear dh number for conn id 1');
    expect(clear).toBeGreaterThan(4);
    expect(engine.slice(4, clear).every((l) => l === 'CryptoEngine0: generate hmac context for conn id 1')).toBe(true);
    const flows = engine.filter((l) => l.startsWith('CryptoEngine0: ipsec allocate flow '));
    expect(flows).toHaveLength(2);
    expect(engine.indexOf(flows[0]!)).toBeGreaterThan(clear);
  });
});

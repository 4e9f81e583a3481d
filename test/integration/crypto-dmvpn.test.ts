/**
 * Issue 3 on seed 000's DMVPN with tunnel protection: the solved lab's IKE and IPsec state as the show
 * commands print it (done-when 1), the order of the debug output when Spoke1's tunnel comes up
 * (done-when 2), and misconfigurations failing with IOS's symptoms (done-when 4) — all observed through
 * the consoles.
 */
import { describe, expect, it } from 'vitest';
import { lastCommandOutput, outputOf, runScript } from '../support/lab-driver.js';

const SOLVED = { start: 'solved' as const };

describe('seed 000 with tunnel protection: show output once the lab has converged', () => {
  const { lines, errors } = runScript(
    [
      '@wait 30s',
      '@Spoke1',
      'enable',
      'show crypto isakmp sa',
      'show crypto isakmp sa detail',
      'show crypto ipsec sa',
      'ping 203.0.113.1 source Loopback0 repeat 20',
      'show crypto ipsec sa detail',
      'show crypto sockets',
      'show crypto session detail',
      'terminal length 0',
      'show dmvpn detail',
      '@Hub',
      'enable',
      'show crypto isakmp sa',
      'show crypto engine connections active',
    ].join('\n'),
    SOLVED,
  );

  it('runs without errors', () => {
    expect(errors).toEqual([]);
    expect(lines.filter((l) => /% (Invalid|Incomplete|Ambiguous)/.test(l))).toEqual([]);
  });

  it('show crypto isakmp sa: one phase-1 SA, QM_IDLE and ACTIVE, in the 15.x columns', () => {
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa')).toEqual([
      'IPv4 Crypto ISAKMP SA',
      'dst             src             state          conn-id status',
      '172.16.10.1     172.16.1.1      QM_IDLE           1001 ACTIVE',
      '',
      'IPv6 Crypto ISAKMP SA',
    ]);
    // The hub is the responder: its own address is the dst column.
    expect(lastCommandOutput(lines, 'Hub', 'show crypto isakmp sa').join('\n')).toMatch(/^172\.16\.10\.1 +172\.16\.1\.1 +QM_IDLE +100\d ACTIVE$/m);
  });

  it('show crypto isakmp sa detail: 3des sha psk 1 with a lifetime counting down from 24 h', () => {
    const out = lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa detail').join('\n');
    expect(out).toMatch(/^1001  172\.16\.1\.1      172\.16\.10\.1            ACTIVE 3des sha    psk  1  23:59:\d\d $/m);
    expect(out).toContain('       Engine-id:Conn-id =  SW:1');
  });

  it('show crypto ipsec sa: transport mode GRE host to host, and the counters count the ping both ways', () => {
    const before = lastCommandOutput(lines, 'Spoke1', 'show crypto ipsec sa').join('\n');
    const after = lastCommandOutput(lines, 'Spoke1', 'show crypto ipsec sa detail').join('\n');
    expect(after).toContain('interface: Tunnel0\n    Crypto map tag: Tunnel0-head-0, local addr 172.16.1.1');
    expect(after).toContain('   local  ident (addr/mask/prot/port): (172.16.1.1/255.255.255.255/47/0)');
    expect(after).toContain('   remote ident (addr/mask/prot/port): (172.16.10.1/255.255.255.255/47/0)');
    expect(after).toContain('        in use settings ={Transport, }');
    expect(after).toContain('        transform: esp-3des esp-sha-hmac ,');
    expect(after).toContain('    ##pkts replay failed (rcv): 0');
    const count = (text: string, what: 'encaps' | 'decaps') => Number(new RegExp(`#pkts ${what}: (\\d+)`).exec(text)![1]);
    expect(count(after, 'encaps') - count(before, 'encaps')).toBeGreaterThanOrEqual(20);
    expect(count(after, 'decaps') - count(before, 'decaps')).toBeGreaterThanOrEqual(20);
    // The outbound SPI is the one the hub chose for its inbound SA.
    const spi = /current outbound spi: (0x[0-9A-F]+)/.exec(after)![1];
    expect(after).toContain(`     outbound esp sas:\n      spi: ${spi}(`);
  });

  it('show crypto sockets and show crypto session detail in seed 000’s layout', () => {
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto sockets')).toEqual([
      '',
      'Number of Crypto Socket connections 1',
      '',
      '   Tu0 Peers (local/remote): 172.16.1.1/172.16.10.1 ',
      '       Local Ident  (addr/mask/port/prot): (172.16.1.1/255.255.255.255/0/47)',
      '       Remote Ident (addr/mask/port/prot): (172.16.10.1/255.255.255.255/0/47)',
      '       IPSec Profile: "DMVPN-IPSEC"',
      '       Socket State: Open',
      '       Client: "TUNNEL SEC" (Client State: Active)',
      'Crypto Sockets in Listen state:',
      'Client: "TUNNEL SEC" Profile: "DMVPN-IPSEC" Map-name: "Tunnel0-head-0"',
    ]);
    const session = lastCommandOutput(lines, 'Spoke1', 'show crypto session detail').join('\n');
    expect(session).toContain('Interface: Tunnel0\nUptime: 00:00:');
    expect(session).toContain('Session status: UP-ACTIVE');
    expect(session).toContain('Peer: 172.16.10.1 port 500 fvrf: (none) ivrf: (none)\n      Phase1_id: 172.16.10.1\n      Desc: (none)');
    expect(session).toMatch(/IKEv1 SA: local 172\.16\.1\.1\/500 remote 172\.16\.10\.1\/500 Active \n {10}Capabilities:\(none\) connid:1001 lifetime:23:59:\d\d/);
    expect(session).toContain('  IPSEC FLOW: permit 47 host 172.16.1.1 host 172.16.10.1 \n        Active SAs: 2, origin: crypto map');
    expect(session).toMatch(/Inbound: {2}#pkts dec'ed \d+ drop 0 life \(KB\/Sec\) \d+\/\d+/);
  });

  it('show dmvpn detail ends with the tunnel’s crypto session, its outbound SPI and socket', () => {
    const out = lastCommandOutput(lines, 'Spoke1', 'show dmvpn detail').join('\n');
    const crypto = out.slice(out.indexOf('Crypto Session Details: '));
    expect(crypto).toMatch(/^Crypto Session Details: \n-{80}\n\nInterface: Tunnel0\nSession: \[0x[0-9A-F]{8}\]\n {2}IKEv1 SA: local 172\.16\.1\.1\/500 remote 172\.16\.10\.1\/500 Active /);
    expect(crypto).toContain('  Crypto Session Status: UP-ACTIVE     \n  fvrf: (none), Phase1_id: 172.16.10.1');
    expect(crypto).toMatch(/ {3}Outbound SPI : 0x[ 0-9A-F]{8}, transform : esp-3des esp-sha-hmac \n {4}Socket State: Open\n\nPending DMVPN Sessions:/);
  });

  it('show crypto engine connections active: both IPsec SAs per spoke count packets', () => {
    const out = lastCommandOutput(lines, 'Hub', 'show crypto engine connections active');
    expect(out[0]).toBe('Crypto Engine Connections');
    const ipsec = out.filter((l) => /^ +\d+ +IPsec +SHA\+3DES/.test(l));
    expect(ipsec).toHaveLength(4);
    expect(ipsec.every((l) => /IPsec +SHA\+3DES +\d+ +\d+ +\d+ 172\.16\.10\.1$/.test(l))).toBe(true);
  });
});

/** Indices of `wanted` as an ordered subsequence of `lines` (each found after the previous); -1 if missing. */
function inOrder(lines: string[], wanted: RegExp[]): number[] {
  const at: number[] = [];
  let from = 0;
  for (const w of wanted) {
    const i = lines.findIndex((l, k) => k >= from && w.test(l));
    at.push(i);
    if (i < 0) break;
    from = i + 1;
  }
  return at;
}

describe('debug dmvpn all all while Spoke1’s tunnel first comes up (seed 000’s sequence)', () => {
  // As in the seed: everything configured, Spoke1's tunnel still shut, so the hub knows nothing of it yet.
  const { lines } = runScript(
    [
      '@wait 30s',
      '@Hub',
      'enable',
      'debug dmvpn all all',
      '@Spoke1',
      'enable',
      'debug dmvpn all all',
      'configure terminal',
      'interface Tunnel0',
      'no shutdown',
      '@wait 15s',
    ].join('\n'),
    { ...SOLVED, overlay: [{ router: 'Spoke1', lines: ['interface Tunnel0', ' shutdown'] }] },
  );
  const spoke = outputOf(lines, 'Spoke1');
  const hub = outputOf(lines, 'Hub');
  const afterDebug = (own: string[]) => own.slice(own.findIndex((l) => l.endsWith('#debug dmvpn all all')));

  it('the spoke walks main mode as initiator, then quick mode, creates its SAs, then registers with NHRP', () => {
    const at = inOrder(afterDebug(spoke), [
      /IPSEC-IFC GRE\/Tu0\(172\.16\.1\.1\/172\.16\.10\.1\): Triggering tunnel immediately\./,
      /IPSEC\(sa_request\): ,/,
      /ISAKMP:\(0\):Old State = IKE_READY  New State = IKE_I_MM1/,
      /ISAKMP:\(0\): sending packet to 172\.16\.10\.1 my_port 500 peer_port 500 \(I\) MM_NO_STATE/,
      /Old State = IKE_I_MM1  New State = IKE_I_MM2/,
      /Old State = IKE_I_MM2  New State = IKE_I_MM3/,
      /Old State = IKE_I_MM3  New State = IKE_I_MM4/,
      /ISAKMP:\(100\d\): vendor ID is Unity/,
      /No NAT Found for self or peer/,
      /Send initial contact/,
      /Old State = IKE_I_MM4  New State = IKE_I_MM5/,
      /SA has been authenticated with 172\.16\.10\.1/,
      /Old State = IKE_I_MM5  New State = IKE_I_MM6/,
      /Old State = IKE_I_MM6  New State = IKE_P1_COMPLETE/,
      /beginning Quick Mode exchange, M-ID of \d+/,
      /QM Initiator gets spi/,
      /Old State = IKE_QM_READY  New State = IKE_QM_I_QM1/,
      /encaps is 2 \(Transport\)/,
      /Creating IPSec SAs/,
      /Old State = IKE_QM_I_QM1  New State = IKE_QM_PHASE2_COMPLETE/,
      /IPSEC\(create_sa\): sa created,/,
      /IPSEC\(create_sa\): sa created,/,
      /IPSEC\(update_current_outbound_sa\): updated peer 172\.16\.10\.1 current outbound sa to SPI [0-9A-F]+/,
      /tunnel_protection_socket_up/,
      /Signalling NHRP/,
      /NHRP: NHS 10\.1\.1\.254 Tunnel0 vrf 0 Cluster 0 Priority 0 Transitioned to 'E' from ' '/,
      /NHRP: Send Registration Request via Tunnel0 vrf 0, packet size: 108/,
      /NHRP: Receive Registration Reply via Tunnel0 vrf 0, packet size: 128/,
    ]);
    expect(at).not.toContain(-1);
  });

  it('the hub answers as responder (IKE_R_MM1 … IKE_P1_COMPLETE, SPI_STARVE, R_QM2) and then takes the registration', () => {
    const at = inOrder(afterDebug(hub), [
      /ISAKMP \(0\): received packet from 172\.16\.1\.1 dport 500 sport 500 Global \(N\) NEW SA/,
      /Old State = IKE_READY  New State = IKE_R_MM1/,
      /Checking ISAKMP transform 1 against priority 1 policy/,
      /atts are acceptable\. Next payload is 0/,
      /Old State = IKE_R_MM1  New State = IKE_R_MM2/,
      /Old State = IKE_R_MM2  New State = IKE_R_MM3/,
      /speaking to another IOS box!/,
      /Old State = IKE_R_MM3  New State = IKE_R_MM4/,
      /Old State = IKE_R_MM4  New State = IKE_R_MM5/,
      /processing NOTIFY INITIAL_CONTACT protocol 1/,
      /Old State = IKE_R_MM5  New State = IKE_P1_COMPLETE/,
      /Checking IPSec proposal 1/,
      /IPSEC\(validate_proposal_request\): proposal part #1/,
      /CRYPTO_SS\(TUNNEL SEC\): Passive open/,
      /QM Responder gets spi/,
      /Old State = IKE_QM_READY  New State = IKE_QM_SPI_STARVE/,
      /Creating IPSec SAs/,
      /Old State = IKE_QM_SPI_STARVE  New State = IKE_QM_R_QM2/,
      /IPSEC\(create_sa\): sa created,/,
      /Got MTU message mtu 1458/,
      /Old State = IKE_QM_R_QM2  New State = IKE_QM_PHASE2_COMPLETE/,
      /IPSEC\(key_engine_enable_outbound\): enable SA with spi \d+\/50/,
      /NHRP: Receive Registration Request via Tunnel0 vrf 0, packet size: 108/,
      /NHRP: Send Registration Reply via Tunnel0 vrf 0, packet size: 128/,
    ]);
    expect(at).not.toContain(-1);
  });

  it('the SPIs match across the two routers: each side’s inbound SPI is the other’s outbound', () => {
    const creating = (own: string[]) => {
      const i = own.map((l) => l.includes('Creating IPSec SAs')).lastIndexOf(true);
      const block = own.slice(i, i + 11).join('\n');
      return { inbound: /inbound SA[\s\S]*?has spi (0x[0-9A-F]+)/.exec(block)![1], outbound: /outbound SA[\s\S]*?has spi +(0x[0-9A-F]+)/.exec(block)![1] };
    };
    const s = creating(spoke);
    const h = creating(hub);
    expect(s.inbound).toBe(h.outbound);
    expect(s.outbound).toBe(h.inbound);
  });
});

/** Solved lab with a fault on Spoke1, its IKE restarted under `debug crypto isakmp`. */
function withFault(fault: string[], extra: string[] = []) {
  return runScript(
    [
      '@Hub',
      'enable',
      'debug crypto isakmp',
      'debug crypto ipsec',
      '@Spoke1',
      'enable',
      'debug crypto isakmp',
      'clear crypto session',
      '@wait 70s',
      'show crypto isakmp sa',
      'show crypto ipsec sa',
      'show ip nhrp nhs',
      ...extra,
    ].join('\n'),
    { ...SOLVED, overlay: [{ router: 'Spoke1', lines: fault }] },
  );
}

describe('crypto misconfigurations fail the way IOS does', () => {
  it('wrong pre-shared key: the hub cannot read MM5 and says so; the spoke retransmits MM5 and sits in MM_KEY_EXCH', () => {
    const { lines } = withFault(['no crypto isakmp key cisco123 address 0.0.0.0 0.0.0.0', 'crypto isakmp key wrongkey address 0.0.0.0 0.0.0.0']);
    expect(outputOf(lines, 'Hub').join('\n')).toContain('%CRYPTO-4-IKMP_BAD_MESSAGE: IKE message from 172.16.1.1 failed its sanity check or is malformed');
    const spoke = outputOf(lines, 'Spoke1').join('\n');
    expect(spoke).toMatch(/ISAKMP:\(100\d\): retransmitting phase 1 MM_KEY_EXCH\.\.\./);
    expect(spoke).toMatch(/incrementing error counter on sa, attempt 1 of 5: retransmit phase 1/);
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa').join('\n')).toMatch(/172\.16\.10\.1 +172\.16\.1\.1 +MM_KEY_EXCH/);
    expect(lastCommandOutput(lines, 'Spoke1', 'show ip nhrp nhs').join('\n')).not.toMatch(/RE priority/);
  });

  it('no key for the peer: the spoke cannot start main mode', () => {
    const { lines } = withFault(['no crypto isakmp key cisco123 address 0.0.0.0 0.0.0.0']);
    const spoke = outputOf(lines, 'Spoke1').join('\n');
    expect(spoke).toContain('ISAKMP:(0):No pre-shared key with 172.16.10.1!');
    expect(spoke).toContain('ISAKMP:(0):construct_initial_message: Can not start Main mode');
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa').some((l) => l.startsWith('172.16.10.1'))).toBe(false);
  });

  it('ISAKMP policy mismatch: the hub explains each refusal and rejects phase 1', () => {
    const { lines } = withFault(['crypto isakmp policy 1', ' encryption aes 256']);
    const hub = outputOf(lines, 'Hub').join('\n');
    expect(hub).toContain('ISAKMP:      encryption AES-CBC');
    expect(hub).toContain('ISAKMP:(0):Encryption algorithm offered does not match policy!');
    expect(hub).toContain('ISAKMP:(0):atts are not acceptable. Next payload is 0');
    expect(hub).toContain('ISAKMP:(0):no offers accepted!');
    expect(hub).toContain('ISAKMP:(0): phase 1 SA policy not acceptable! (local 172.16.10.1 remote 172.16.1.1)');
  });

  it('transform-set mismatch: phase 1 completes, quick mode is refused with PROPOSAL_NOT_CHOSEN', () => {
    const { lines } = withFault(['crypto ipsec transform-set DMVPN-TSET esp-des esp-md5-hmac', ' mode transport']);
    const hub = outputOf(lines, 'Hub').join('\n');
    expect(hub).toContain('ISAKMP: transform 1, ESP_DES ');
    expect(hub).toMatch(/IPSEC\(ipsec_process_proposal\): transform proposal not supported for identity: \n {4}\{esp-des esp-md5-hmac \}/);
    expect(hub).toMatch(/ISAKMP:\(100\d\): phase 2 SA policy not acceptable! \(local 172\.16\.10\.1 remote 172\.16\.1\.1\)/);
    expect(outputOf(lines, 'Spoke1').join('\n')).toMatch(/processing NOTIFY PROPOSAL_NOT_CHOSEN protocol 3/);
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa').join('\n')).toMatch(/QM_IDLE +100\d ACTIVE/);
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto ipsec sa').join('\n')).toContain('current outbound spi: 0x0(0)');
  });

  it('PFS on one side only: quick mode fails the same way', () => {
    const { lines } = withFault(['crypto ipsec profile DMVPN-IPSEC', ' set pfs group2']);
    expect(outputOf(lines, 'Hub').join('\n')).toMatch(/ISAKMP:      group is 2/);
    expect(outputOf(lines, 'Spoke1').join('\n')).toMatch(/processing NOTIFY PROPOSAL_NOT_CHOSEN protocol 3/);
  });

  it('PFS on both sides works, and both ends show the group they used', () => {
    const pfs = ['crypto ipsec profile DMVPN-IPSEC', ' set pfs group2'];
    const { lines } = runScript(['@wait 30s', '@Spoke1', 'enable', 'show crypto ipsec sa', '@Hub', 'enable', 'show crypto ipsec sa peer 172.16.1.1'].join('\n'), {
      ...SOLVED,
      overlay: ['Hub', 'Spoke1', 'Spoke2'].map((router) => ({ router, lines: pfs })),
    });
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto ipsec sa').join('\n')).toContain('     PFS (Y/N): Y, DH group: group2');
    expect(lastCommandOutput(lines, 'Hub', 'show crypto ipsec sa peer 172.16.1.1').join('\n')).toContain('     PFS (Y/N): Y, DH group: group2');
  });

  it('a shorter phase-1 lifetime on one side is not a failure: both use the shorter one', () => {
    const { lines } = withFault(['crypto isakmp policy 1', ' lifetime 3600'], ['show crypto isakmp sa detail']);
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa').join('\n')).toMatch(/QM_IDLE +100\d ACTIVE/);
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa detail').join('\n')).toMatch(/ACTIVE 3des sha    psk  1  00:5\d:\d\d/);
    expect(lastCommandOutput(lines, 'Spoke1', 'show ip nhrp nhs').join('\n')).toMatch(/RE priority/);
  });
});

describe('lifetimes: SAs rekey before they expire and traffic keeps flowing (25 h of virtual time)', () => {
  const { lines } = runScript(
    [
      '@Spoke1',
      'enable',
      '@wait 30s',
      'show crypto ipsec sa detail',
      'show crypto isakmp sa',
      // A day and an hour: phase 1 has run out once (IOS renews it only when quick mode next needs it).
      '@wait 90000s',
      'ping 203.0.113.1 source Loopback0 repeat 50',
      'show crypto ipsec sa detail',
      'show crypto isakmp sa',
    ].join('\n'),
    SOLVED,
  );
  const outputs = (command: string) => {
    const own = outputOf(lines, 'Spoke1');
    const starts = own.flatMap((l, i) => (l === `Spoke1#${command}` ? [i] : []));
    return starts.map((s) => own.slice(s + 1, own.findIndex((l, i) => i > s && l.startsWith('Spoke1#'))).join('\n'));
  };

  it('a fresh SA pair has replaced the first one, and no packet went out without an SA after start-up', () => {
    const [first, last] = outputs('show crypto ipsec sa detail');
    const spi = (t: string) => /current outbound spi: (0x[0-9A-F]+)/.exec(t)![1];
    const noSa = (t: string) => Number(/#pkts no sa \(send\) (\d+)/.exec(t)![1]);
    expect(spi(last!)).not.toBe(spi(first!));
    expect(spi(last!)).not.toBe('0x0');
    expect(noSa(last!)).toBe(noSa(first!));
    expect(lastCommandOutput(lines, 'Spoke1', 'ping 203.0.113.1 source Loopback0 repeat 50').join('\n')).toContain('Success rate is 100 percent (50/50)');
  });

  it('phase 1 was negotiated again after its 24 h lifetime ran out', () => {
    const [first, last] = outputs('show crypto isakmp sa');
    expect(first).toMatch(/QM_IDLE +1001 ACTIVE/);
    expect(last).toMatch(/QM_IDLE +100[2-9] ACTIVE/);
  });
});

describe('the responder’s shorter phase-1 lifetime reaches the initiator (RESPONDER-LIFETIME)', () => {
  // Spoke1 brings its tunnel up last, so it is the initiator; the hub's policy says one hour.
  const { lines } = runScript(
    [
      '@wait 30s',
      '@Hub',
      'enable',
      'debug crypto isakmp',
      '@Spoke1',
      'enable',
      'debug crypto isakmp',
      'configure terminal',
      'interface Tunnel0',
      'no shutdown',
      'end',
      '@wait 20s',
      'show crypto isakmp sa detail',
    ].join('\n'),
    {
      ...SOLVED,
      overlay: [
        { router: 'Spoke1', lines: ['interface Tunnel0', ' shutdown'] },
        { router: 'Hub', lines: ['crypto isakmp policy 1', ' lifetime 3600'] },
      ],
    },
  );
  const hub = outputOf(lines, 'Hub');
  const spoke = outputOf(lines, 'Spoke1');

  it('the hub sends MM6 as MM_KEY_EXCH, then the notify with its lifetime, then completes phase 1', () => {
    const at = inOrder(hub, [
      /Old State = IKE_R_MM4  New State = IKE_R_MM5/,
      /ISAKMP:\(100\d\): sending packet to 172\.16\.1\.1 my_port 500 peer_port 500 \(R\) MM_KEY_EXCH/,
      /ISAKMP:\(100\d\):Returning Actual lifetime: 3600/,
      /ISAKMP:\(100\d\):Sending NOTIFY RESPONDER_LIFETIME protocol 1/,
      /ISAKMP: Sending phase 1 responder lifetime 3600/,
      /Old State = IKE_R_MM5  New State = IKE_P1_COMPLETE/,
    ]);
    expect(at).not.toContain(-1);
  });

  it('the spoke takes it: its timer restarts at one hour, and show crypto isakmp sa detail counts down from it', () => {
    const at = inOrder(spoke, [
      /processing NOTIFY RESPONDER_LIFETIME protocol 1/,
      /ISAKMP:\(100\d\): processing responder lifetime/,
      /ISAKMP:\(100\d\): restart ike sa timer to 3600 secs/,
      /deleting node -?\d+ error FALSE reason "Informational \(in\) state 1"/,
      /Input = IKE_MESG_FROM_PEER, IKE_INFO_NOTIFY/,
    ]);
    expect(at).not.toContain(-1);
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa detail').join('\n')).toMatch(/ACTIVE 3des sha    psk  1  00:59:\d\d/);
  });
});

describe('dead peer detection (crypto isakmp keepalive)', () => {
  const script = (keepalive: string[]) =>
    runScript(
      [
        '@wait 30s',
        '@Spoke1',
        'enable',
        ...(keepalive.length ? ['configure terminal', ...keepalive, 'end'] : []),
        // A fresh phase 1, negotiated with the keepalive in force.
        'clear crypto isakmp',
        '@wait 10s',
        'show crypto isakmp sa detail',
        'debug crypto isakmp',
        // The hub stays up but stops speaking EIGRP: the spoke's hellos go unanswered.
        '@Hub',
        'enable',
        'debug crypto isakmp',
        'configure terminal',
        'no router eigrp 1',
        'end',
        '@wait 30s',
        'undebug all',
        // Now the hub is gone from the network altogether.
        'configure terminal',
        'interface Ethernet0/0',
        ' shutdown',
        'end',
        '@wait 40s',
        '@Spoke1',
        'show crypto isakmp sa',
        'show crypto ipsec sa',
      ].join('\n'),
      SOLVED,
    );

  describe('on demand, every 10 s, retries every 2 s', () => {
    const { lines } = script(['crypto isakmp keepalive 10']);
    const spoke = outputOf(lines, 'Spoke1');
    const hub = outputOf(lines, 'Hub');

    it('show crypto isakmp sa detail marks the SA D (dead peer detection)', () => {
      expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa detail').join('\n')).toMatch(/ACTIVE 3des sha    psk  1  23:59:\d\d D$/m);
    });

    it('unanswered traffic makes the spoke ask R-U-THERE; the hub acknowledges with the same sequence number', () => {
      const ask = spoke.findIndex((l) => l.includes('Sending NOTIFY DPD/R_U_THERE protocol 1'));
      expect(ask).toBeGreaterThan(-1);
      const seq = /seq\. no (0x[0-9A-F]+)/.exec(spoke.slice(ask, ask + 4).join('\n'))![1]!;
      expect(spoke[ask + 6]).toMatch(/Input = IKE_MESG_FROM_TIMER, IKE_TIMER_IM_ALIVE/);
      expect(hub.join('\n')).toContain(`DPD/R_U_THERE received from peer 172.16.1.1, sequence ${seq}`);
      expect(hub.join('\n')).toMatch(/Sending NOTIFY DPD\/R_U_THERE_ACK protocol 1\n {8}spi \d+, message ID = -?\d+\n.*seq\. no /);
      expect(spoke.join('\n')).toContain(`DPD/R_U_THERE_ACK received from peer 172.16.10.1, sequence ${seq}`);
      // Answered: no retry for that one.
      expect(spoke.slice(ask, ask + 30).join('\n')).not.toContain('PEERS_ALIVE_TIMER');
    });

    it('once the hub is unreachable: five retries two seconds apart, then the peer is declared dead and its SAs go', () => {
      const own = spoke.join('\n');
      for (let n = 1; n <= 5; n++) expect(own).toContain(`incrementing error counter on sa, attempt ${n} of 5: PEERS_ALIVE_TIMER`);
      const times = spoke.filter((l) => /attempt \d of 5: PEERS_ALIVE_TIMER/.test(l)).map((l) => Number(/:(\d\d)\.\d{3}:/.exec(l)![1]));
      expect(times.slice(1).map((t, i) => (t - times[i]! + 60) % 60)).toEqual([2, 2, 2, 2]);
      const at = inOrder(spoke, [
        /attempt 5 of 5: PEERS_ALIVE_TIMER/,
        /ISAKMP:\(100\d\):peer 172\.16\.10\.1 not responding!/,
        /deleting SA reason "peers alive" state \([IR]\) QM_IDLE {7}\(peer 172\.16\.10\.1\)/,
        /Old State = IKE_P1_COMPLETE  New State = IKE_DEST_SA/,
        // Traffic to the hub starts IKE afresh, and nobody answers.
        /Old State = IKE_READY  New State = IKE_I_MM1/,
        /retransmitting phase 1 MM_NO_STATE/,
      ]);
      expect(at).not.toContain(-1);
      expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa').join('\n')).toMatch(/172\.16\.10\.1 +172\.16\.1\.1 +MM_NO_STATE/);
      expect(lastCommandOutput(lines, 'Spoke1', 'show crypto ipsec sa').join('\n')).toContain('current outbound spi: 0x0(0)');
    });
  });

  it('keepalives configured after phase 1 came up do not apply to that SA: no D until it is negotiated again', () => {
    const { lines } = runScript(
      ['@wait 30s', '@Spoke1', 'enable', 'configure terminal', 'crypto isakmp keepalive 10', 'end', 'show crypto isakmp sa detail', 'clear crypto isakmp', '@wait 10s', 'show crypto isakmp sa detail'].join('\n'),
      SOLVED,
    );
    const own = outputOf(lines, 'Spoke1');
    const details = own.flatMap((l, i) => (l === 'Spoke1#show crypto isakmp sa detail' ? [own.slice(i + 1, i + 12).join('\n')] : []));
    expect(details[0]).toMatch(/ACTIVE 3des sha    psk  1  23:59:\d\d $/m);
    expect(details[1]).toMatch(/ACTIVE 3des sha    psk  1  23:59:\d\d D$/m);
  });

  it('without keepalives nothing is asked: the dead hub’s SAs stay up on the spoke', () => {
    const { lines } = script([]);
    expect(outputOf(lines, 'Spoke1').join('\n')).not.toContain('R_U_THERE');
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa detail').join('\n')).toMatch(/ACTIVE 3des sha    psk  1  23:59:\d\d $/m);
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto isakmp sa').join('\n')).toMatch(/QM_IDLE +100\d ACTIVE/);
    expect(lastCommandOutput(lines, 'Spoke1', 'show crypto ipsec sa').join('\n')).not.toContain('current outbound spi: 0x0(0)');
  });
});

describe('debug crypto engine on 15.1: what the engine does for each message of a new phase 1 and quick mode', () => {
  const { lines } = runScript(
    ['@wait 30s', '@Hub', 'enable', 'debug crypto engine', 'debug crypto isakmp', '@Spoke1', 'enable', 'configure terminal', 'interface Tunnel0', 'no shutdown', 'end', '@wait 15s'].join('\n'),
    { ...SOLVED, overlay: [{ router: 'Spoke1', lines: ['interface Tunnel0', ' shutdown'] }] },
  );
  const hub = outputOf(lines, 'Hub');

  it('the responder: DH secret and IKE SA with MM4, decrypt and hash for MM5, hash and encrypt for MM6, two IPsec SAs after quick mode', () => {
    const at = inOrder(hub, [
      /Old State = IKE_R_MM2  New State = IKE_R_MM3/,
      /crypto_engine: Create DH shared secret/,
      /crypto_engine: Modular Exponentiation/,
      /crypto_engine: Create IKE SA/,
      /crypto_engine: crypto_create_session\(\)/,
      /sending packet to 172\.16\.1\.1 my_port 500 peer_port 500 \(R\) MM_KEY_EXCH/,
      /crypto_engine: Decrypt IKE packet/,
      /crypto_engine: Generate IKE hash/,
      /processing HASH payload\. message ID = 0/,
      /crypto_engine: Generate IKE hash/,
      /crypto_engine: Encrypt IKE packet/,
      /Old State = IKE_R_MM5  New State = IKE_P1_COMPLETE/,
      // Quick mode: QM1 is decrypted and its HASH(1) computed before IOS reports processing it.
      /crypto_engine: Decrypt IKE packet/,
      /crypto_engine: Generate IKE hash/,
      /processing HASH payload\. message ID = \d+/,
      /crypto_engine: Create IPSec SA \(by keys\)/,
      /crypto_engine: Create IPSec SA \(by keys\)/,
    ]);
    expect(at).not.toContain(-1);
  });

  it('undebugged routers print no engine lines', () => {
    expect(outputOf(lines, 'Spoke1').some((l) => l.includes('crypto_engine'))).toBe(false);
  });
});

import * as fc from 'fast-check';
import { Port, Protocol } from '../../modules/security';

describe('Port', () => {
  test('describes single ports, ranges and all traffic', () => {
    expect(Port.tcp(80).label).toBe('80/tcp');
    expect(Port.udp(53).label).toBe('53/udp');
    expect(Port.tcpRange(8000, 8010).label).toBe('8000-8010/tcp');
    expect(Port.udpRange(5000, 5001).slug).toBe('5000-5001-udp');
    expect(Port.allTraffic().label).toBe('all traffic');
    expect(Port.allTraffic().protocol).toBe(Protocol.ALL);
  });

  test('a range contains the ports inside it, of the same protocol only', () => {
    const range = Port.tcpRange(8000, 8010);
    expect(range.contains(Port.tcp(8005))).toBe(true);
    expect(range.contains(Port.tcp(8011))).toBe(false);
    expect(range.contains(Port.udp(8005))).toBe(false);
    expect(Port.allTraffic().contains(Port.udp(1))).toBe(true);
    expect(Port.tcp(80).equals(Port.tcp(80))).toBe(true);
    expect(Port.tcp(80).equals(Port.udp(80))).toBe(false);
  });

  test('containment is reflexive and transitive over TCP ranges', () => {
    const port = fc.integer({ min: 1, max: 65535 });
    const range = fc.tuple(port, port).map(([a, b]) => Port.tcpRange(Math.min(a, b), Math.max(a, b)));
    fc.assert(
      fc.property(range, range, range, (a, b, c) => {
        expect(a.contains(a)).toBe(true);
        if (a.contains(b) && b.contains(c)) expect(a.contains(c)).toBe(true);
      }),
    );
  });

  test('fails when a port is outside 1-65535', () => {
    expect(() => Port.tcp(0)).toThrowProblem('SECURITY_PORT_INVALID', 'Port.tcp(port)', 'received 0', '1 to 65535');
    expect(() => Port.udp(70000)).toThrowProblem('SECURITY_PORT_INVALID', 'Port.udp(port)', '70000');
    expect(() => Port.tcp(80.5)).toThrowProblem('SECURITY_PORT_INVALID', '80.5');
  });

  test('fails when a range is reversed', () => {
    expect(() => Port.tcpRange(9000, 8000)).toThrowProblem(
      'SECURITY_PORT_RANGE_REVERSED',
      'Port.tcpRange(fromPort, toPort)',
      '9000-8000',
      'Port.tcpRange(8000, 9000)',
    );
  });
});

using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Vigil.Linux.Vrrp;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Vrrp;

/// <summary>Socket-level interoperability with Debian's keepalived 2.2.7 running in a namespace on the same bridge.</summary>
public class KeepalivedInteropTests
{
    private const string Config = """
        global_defs {
          router_id vigil-interop
        }
        vrrp_instance VI_1 {
          state MASTER
          interface eth0
          virtual_router_id 51
          priority 150
          advert_int 1
          virtual_ipaddress {
            192.0.2.100/32
          }
        }
        """;

    private static int CountLines(string log, string text) =>
        log.Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));

    [NetFact("keepalived", "tcpdump")]
    public async Task Keepalived_AdvertsAreReceived_AndOurHigherPriorityAdvertsMakeItBackup()
    {
        using var lab = new Lab();
        var sw = lab.Switch();
        var k = lab.Host("ka");
        var v = lab.Host("vigil");
        lab.Attach(k, "eth0", sw);
        lab.Attach(v, "eth0", sw);
        k.AddAddress("eth0", "192.0.2.2/24");
        v.AddAddress("eth0", "192.0.2.1/24");
        var dir = Directory.CreateTempSubdirectory("vigil-ka-").FullName;
        try
        {
            using var capture = PacketCapture.Start(lab, sw, "ip proto 112");
            var conf = Path.Combine(dir, "keepalived.conf");
            var log = Path.Combine(dir, "keepalived.log");
            File.WriteAllText(conf, Config);
            using var socket = v.Run(() => VrrpSocket.Open(new VrrpSocketOptions("eth0", AddressFamily.InterNetwork)));
            lab.Start(k, "keepalived", ["-n", "-l", "-D", "-f", conf, "-p", Path.Combine(dir, "k.pid"), "-r", Path.Combine(dir, "v.pid")], log);

            // 1. keepalived becomes master (after its ~3.6 s down timer) and its adverts reach our socket intact.
            var buffer = new byte[2048];
            var d = await VrrpSocketTests.ReceiveWithinAsync(socket, buffer, 15);
            var p = d.Payload.Span;
            Assert.Equal(IPAddress.Parse("192.0.2.2"), d.Source);
            Assert.Equal(IPAddress.Parse("224.0.0.18"), d.Destination);
            Assert.Equal(255, d.HopLimit);
            Assert.Equal(20 + 20, d.IpTotalLength);
            Assert.Equal(0x21, p[0]);                // v2 advertisement
            Assert.Equal(51, p[1]);                  // vrid
            Assert.Equal(150, p[2]);                 // priority
            Assert.Equal(1, p[3]);                   // one address
            Assert.Equal(1, p[5]);                   // advert_int 1 s
            Assert.Equal(IPAddress.Parse("192.0.2.100"), new IPAddress(p.Slice(8, 4)));
            Assert.Equal(0, VrrpTestPacket.Checksum(p)); // valid RFC 3768 checksum
            Eventually.True(() => File.ReadAllText(log).Contains("(VI_1) Entering MASTER STATE", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "keepalived is master");

            // 2. Control: a higher-priority advert with a broken checksum must be discarded (keepalived stays master,
            // tcpdump flags it), so what follows proves that our checksum is what keepalived accepts.
            var bad = VrrpTestPacket.V2(51, 200, 1, IPAddress.Parse("192.0.2.100"));
            BinaryPrimitives.WriteUInt16BigEndian(bad.AsSpan(6), (ushort)(BinaryPrimitives.ReadUInt16BigEndian(bad.AsSpan(6)) ^ 0x5555));
            ushort id = 1;
            for (var i = 0; i < 3; i++)
            {
                socket.Send(bad, IPAddress.Parse("192.0.2.1"), IPAddress.Parse("224.0.0.18"), id++);
                Thread.Sleep(100);
            }

            // keepalived (master, advert_int 1) keeps advertising; two more of its adverts after ours = it did not yield.
            await VrrpSocketTests.ReceiveWithinAsync(socket, buffer, 5);
            await VrrpSocketTests.ReceiveWithinAsync(socket, buffer, 5);
            Assert.DoesNotContain("Entering BACKUP STATE", File.ReadAllText(log).Split("Entering MASTER STATE")[^1], StringComparison.Ordinal);

            // 3. Valid adverts with priority 200 from us: keepalived must go BACKUP.
            var good = VrrpTestPacket.V2(51, 200, 1, IPAddress.Parse("192.0.2.100"));
            var backup = Eventually.Wait(
                () =>
                {
                    socket.Send(good, IPAddress.Parse("192.0.2.1"), IPAddress.Parse("224.0.0.18"), id++);
                    return CountLines(File.ReadAllText(log), "(VI_1) Entering BACKUP STATE") >= 2; // the first is "(init)"
                },
                TimeSpan.FromSeconds(10),
                TimeSpan.FromMilliseconds(250));
            var text = File.ReadAllText(log);
            Assert.True(backup, "keepalived did not go BACKUP:\n" + text);
            Assert.Contains("(VI_1) Master received advert from 192.0.2.1 with higher priority 200, ours 150", text, StringComparison.Ordinal);

            var dump = capture.Decode(4);
            Assert.Contains("bad vrrp cksum", dump, StringComparison.Ordinal); // our control packets, flagged
            Assert.Contains("192.0.2.1 > 224.0.0.18: VRRPv2, Advertisement, vrid 51, prio 200, authtype none, intvl 1s, length 20", dump, StringComparison.Ordinal);
        }
        finally
        {
            lab.Dispose();
            Directory.Delete(dir, recursive: true);
        }
    }

    private const string ConfigV6 = """
        global_defs {
          router_id vigil-interop6
        }
        vrrp_instance VI_6 {
          state MASTER
          interface eth0
          virtual_router_id 54
          priority 150
          advert_int 1
          virtual_ipaddress {
            fe80::54/64
            2001:db8::100/64
          }
        }
        """;

    [NetFact("keepalived")]
    public async Task KeepalivedV3Ipv6_AdvertsArriveWithHopLimit255_AndOurKernelChecksummedAdvertsMakeItBackup()
    {
        using var lab = new Lab();
        var sw = lab.Switch();
        var k = lab.Host("ka");
        var v = lab.Host("vigil");
        k.Exec("sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0").EnsureSuccess("accept_dad");
        lab.Attach(k, "eth0", sw);
        lab.Attach(v, "eth0", sw);
        k.Ip("-6", "addr", "add", "2001:db8::2/64", "dev", "eth0", "nodad");
        v.Ip("-6", "addr", "add", "fe80::1/64", "dev", "eth0", "nodad");
        string? LinkLocal()
        {
            var links = System.Text.Json.JsonDocument.Parse(k.Ip("-6", "-j", "addr", "show", "dev", "eth0", "scope", "link").StdOut).RootElement;
            // iproute2 prints filtered-out addresses as {} entries.
            return links.GetArrayLength() > 0 && links[0].TryGetProperty("addr_info", out var infos)
                ? infos.EnumerateArray().Select(i => i.TryGetProperty("local", out var l) ? l.GetString() : null).FirstOrDefault(l => l is not null)
                : null;
        }

        Eventually.True(() => LinkLocal() is not null, TimeSpan.FromSeconds(5), "keepalived's host has its link-local address");
        var kLinkLocal = LinkLocal()!;
        var dir = Directory.CreateTempSubdirectory("vigil-ka-").FullName;
        try
        {
            var conf = Path.Combine(dir, "keepalived.conf");
            var log = Path.Combine(dir, "keepalived.log");
            File.WriteAllText(conf, ConfigV6);
            using var socket = v.Run(() => VrrpSocket.Open(new VrrpSocketOptions("eth0", AddressFamily.InterNetworkV6)));
            lab.Start(k, "keepalived", ["-n", "-l", "-D", "-f", conf, "-p", Path.Combine(dir, "k.pid"), "-r", Path.Combine(dir, "v.pid")], log);

            var buffer = new byte[2048];
            var d = await VrrpSocketTests.ReceiveWithinAsync(socket, buffer, 15);
            var p = d.Payload.Span;
            Assert.Equal(IPAddress.Parse(kLinkLocal), new IPAddress(d.Source.GetAddressBytes()));
            Assert.Equal(IPAddress.Parse("ff02::12"), d.Destination);
            Assert.Equal(255, d.HopLimit);
            Assert.Equal(0x31, p[0]);                                  // v3 advertisement
            Assert.Equal(54, p[1]);
            Assert.Equal(150, p[2]);
            Assert.Equal(2, p[3]);
            Assert.Equal(100, BinaryPrimitives.ReadUInt16BigEndian(p[4..]) & 0x0fff); // 100 centiseconds
            Assert.Equal(IPAddress.Parse("fe80::54"), new IPAddress(p.Slice(8, 16)));
            Assert.Equal(IPAddress.Parse("2001:db8::100"), new IPAddress(p.Slice(24, 16)));
            Assert.Equal(0, VrrpTestPacket.Ipv6Checksum(IPAddress.Parse(kLinkLocal), IPAddress.Parse("ff02::12"), 112, p));
            Eventually.True(() => File.ReadAllText(log).Contains("(VI_6) Entering MASTER STATE", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "keepalived is master");

            var advert = VrrpTestPacket.V3Ipv6(54, 200, 100, IPAddress.Parse("fe80::54"), IPAddress.Parse("2001:db8::100"));
            var backup = Eventually.Wait(
                () =>
                {
                    socket.Send(advert, IPAddress.Parse("fe80::1"), IPAddress.Parse("ff02::12"));
                    return CountLines(File.ReadAllText(log), "(VI_6) Entering BACKUP STATE") >= 2;
                },
                TimeSpan.FromSeconds(10),
                TimeSpan.FromMilliseconds(250));
            var text = File.ReadAllText(log);
            Assert.True(backup, "keepalived did not go BACKUP:\n" + text);
            Assert.Contains("(VI_6) Master received advert from fe80::1 with higher priority 200, ours 150", text, StringComparison.Ordinal);
        }
        finally
        {
            lab.Dispose();
            Directory.Delete(dir, recursive: true);
        }
    }
}

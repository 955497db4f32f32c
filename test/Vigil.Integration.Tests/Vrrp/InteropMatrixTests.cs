using System.Diagnostics;
using System.Text.RegularExpressions;
using Vigil.Testing;
using Vigil.Testing.Nodes;

namespace Vigil.Integration.Tests.Vrrp;

/// <summary>
/// The acceptance matrix of issue 3: Vigil with Vigil and Vigil with Debian's keepalived 2.2.7, each side once master
/// and once backup, in every VRRP flavour. In each: the election converges to the higher priority as the only VIP
/// holder; SIGKILL of the master moves the VIP; a restarted higher priority preempts; SIGTERM hands over after the
/// skew time (well under the master-down interval); with nopreempt a restarted higher priority does not take over;
/// tcpdump decodes both sides' adverts alike (no checksum error Vigil has and keepalived has not) and keepalived logs no
/// complaint about Vigil's adverts.
/// </summary>
public class InteropMatrixTests
{
    private const string EnteringMaster = @"\(VI_1\) Entering MASTER STATE";

    public static TheoryData<InteropMode, bool, bool> Cells => new()
    {
        { InteropMode.V2Multicast, true, false },
        { InteropMode.V2Multicast, false, true },
        { InteropMode.V2Multicast, true, true },
        { InteropMode.V3Multicast, true, false },
        { InteropMode.V3Multicast, false, true },
        { InteropMode.V3Multicast, true, true },
        { InteropMode.V3ChecksumAsV2, true, true },
        { InteropMode.V2Unicast, true, false },
        { InteropMode.V2Unicast, false, true },
        { InteropMode.V2UnicastRouted, true, false },
        { InteropMode.V2UnicastRouted, false, true },
        { InteropMode.V3Ipv6, true, false },
        { InteropMode.V3Ipv6, false, true },
    };

    [NetTheory("keepalived", "tcpdump")]
    [MemberData(nameof(Cells))]
    public void Pair_ElectsFailsOverPreemptsAndHandsOver(InteropMode mode, bool highIsVigil, bool lowIsVigil)
    {
        using var s = new InteropScenario(mode, highIsVigil, lowIsVigil);
        using var capture = new PacketCapture(s.Lab, s.Switch, "br0", "ip proto 112 or ip6 proto 112");

        // Election: both start as BACKUP; the higher priority wins after one master-down interval.
        s.Low.Start();
        s.High.Start();
        Assert.True(s.High.WaitForLog(EnteringMaster, s.ElectionTimeout), Describe(s));
        Eventually.True(() => s.OnlyHolder(s.HighNs), TimeSpan.FromSeconds(5), "only the high-priority node holds the VIP\n" + Describe(s));

        // SIGKILL: no goodbye, the backup takes over after its master-down interval.
        Crash(s.High);
        Assert.True(s.Low.WaitForLog(EnteringMaster, s.ElectionTimeout), Describe(s));
        // (the killed node's VIP stays on its interface until it restarts and removes it, like keepalived's)
        Eventually.True(() => s.LowNs.HasAddress(s.Vip), TimeSpan.FromSeconds(5), "the backup took the VIP\n" + Describe(s));

        // Restart of the higher priority: it preempts.
        var lowMasters = s.Low.CountLog(EnteringMaster);
        s.High.Start();
        Assert.True(s.High.WaitForLog(EnteringMaster, s.ElectionTimeout, 2), Describe(s));
        Assert.True(s.Low.WaitForLog(@"\(VI_1\) Entering BACKUP STATE", s.ElectionTimeout, 2), Describe(s));
        Eventually.True(() => s.OnlyHolder(s.HighNs), TimeSpan.FromSeconds(5), "the restarted node preempted\n" + Describe(s));

        // SIGTERM: priority 0 makes the backup take over after its skew time, well before a master-down interval.
        var watch = Stopwatch.StartNew();
        s.High.Stop();
        Assert.True(s.Low.WaitForLog(EnteringMaster, s.ElectionTimeout, lowMasters + 1), Describe(s));
        var handover = watch.Elapsed;
        Assert.True(handover < s.MasterDownInterval * 0.8, $"SIGTERM handover took {handover.TotalMilliseconds:F0} ms, master down interval {s.MasterDownInterval.TotalMilliseconds:F0} ms\n{Describe(s)}");
        Eventually.True(() => s.OnlyHolder(s.LowNs), TimeSpan.FromSeconds(5), "the backup holds the VIP after SIGTERM\n" + Describe(s));

        // nopreempt: the restarted higher priority stays BACKUP.
        s.High.Configure(s.Config(InteropScenario.HighPriority, s.HighAddress, s.LowAddress, nopreempt: true));
        var highBackups = s.High.CountLog(@"\(VI_1\) Entering BACKUP STATE");
        s.High.Start();
        Assert.True(s.High.WaitForLog(@"\(VI_1\) Entering BACKUP STATE", s.ElectionTimeout, highBackups + 1), Describe(s));
        Assert.False(s.High.WaitForLog(EnteringMaster, s.MasterDownInterval + TimeSpan.FromSeconds(1), 3), "nopreempt node took over\n" + Describe(s));
        Assert.True(s.OnlyHolder(s.LowNs), "the lower priority master keeps the VIP with nopreempt\n" + Describe(s));

        s.High.Stop();
        s.Low.Stop();
        var decoded = capture.StopAndDecode();
        AssertWireAgreement(decoded, s);
        foreach (var node in new[] { s.High, s.Low }.Where(n => n is KeepalivedNode))
        {
            Assert.Empty(InteropScenario.Complaints(node));
        }
    }

    /// <summary>Every advert decodes as VRRP with a checksum tcpdump accepts (v2 sum; v3 with the pseudo-header).</summary>
    private static void AssertWireAgreement(string decoded, InteropScenario s)
    {
        var adverts = Regex.Matches(decoded, @"(?<src>[0-9a-f.:]+) > (?<dst>[0-9a-f.:]+): VRRPv(?<v>[23]), Advertisement[^\n]*").ToList();
        Assert.True(adverts.Count >= 4, "adverts captured:\n" + decoded[..Math.Min(decoded.Length, 4000)]);
        var bad = adverts.Where(m => m.Value.Contains("bad", StringComparison.OrdinalIgnoreCase)).Select(m => m.Groups["src"].Value).ToHashSet();
        var bySource = adverts.GroupBy(m => m.Groups["src"].Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(bySource.Keys.Any(k => k.StartsWith(s.IsV6 ? "fe80" : s.HighAddress, StringComparison.Ordinal)), "no advert from the high node:\n" + string.Join("\n", bySource));
        if (s.Mode == InteropMode.V3ChecksumAsV2)
        {
            // tcpdump 4.99 verifies VRRPv3 over IPv4 with the RFC 5798 pseudo-header, which the RFC 9568 §5.2.8 variant
            // leaves out on purpose: every advert must be flagged (the variant is really on the wire).
            Assert.True(adverts.All(m => m.Value.Contains("bad vrrp cksum", StringComparison.Ordinal)), "v3_checksum_as_v2 adverts carry the pseudo-header checksum:\n" + decoded[..Math.Min(decoded.Length, 4000)]);
        }
        else
        {
            Assert.True(bad.Count == 0, "checksum errors in " + string.Join(", ", bad) + "\n" + decoded[..Math.Min(decoded.Length, 4000)]);
        }
    }

    /// <summary>
    /// SIGKILL, then remove the pid files as a reboot would: keepalived's orphaned VRRP child stays a zombie in this
    /// container (pid 1 does not reap), and keepalived 2.2.7 then refuses to start with "daemon is already running".
    /// </summary>
    private static void Crash(DaemonNode node)
    {
        node.Kill();
        foreach (var pid in Directory.GetFiles(node.Directory, "*.pid"))
        {
            File.Delete(pid);
        }
    }

    private static string Describe(InteropScenario s) =>
        $"--- {s.High}\n{s.High.Log}\n--- {s.Low}\n{s.Low.Log}";
}

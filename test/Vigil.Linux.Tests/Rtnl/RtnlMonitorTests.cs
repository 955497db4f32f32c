using System.Net;
using System.Net.Sockets;
using Vigil.Linux.Netlink;
using Vigil.Linux.Rtnl;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Rtnl;

public class RtnlMonitorTests
{
    private static byte[] LinkMessage(ushort type, int index, uint flags)
    {
        var b = new NetlinkMessageBuilder(type, 0);
        var ifi = b.Reserve(16);
        BitConverter.TryWriteBytes(ifi[4..], index);
        BitConverter.TryWriteBytes(ifi[8..], flags);
        b.PutString(3, "eth" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return b.ToArray();
    }

    [Fact]
    public void Decode_LinkFlagSequence_ClassifiesAgainstPreviousFlags()
    {
        using var monitor = RtnlMonitor.Open(RtnlMonitorGroups.None); // no groups, no seeding: decoding only
        const uint upRunning = 0x41, upOnly = 0x1;
        var datagram = LinkMessage(16, 5, upOnly).Concat(LinkMessage(16, 5, upRunning)).Concat(LinkMessage(16, 5, upRunning | 0x100))
            .Concat(LinkMessage(16, 5, upOnly)).Concat(LinkMessage(17, 5, 0)).ToArray();

        var events = monitor.Decode(datagram).Cast<LinkEvent>().ToList();

        Assert.Equal([LinkChange.Added, LinkChange.Up, LinkChange.Changed, LinkChange.Down, LinkChange.Deleted], events.Select(e => e.Change));
        Assert.Equal(upRunning | 0x100, events[3].PreviousFlags);
        Assert.Equal("eth5", events[4].Link.Name);
    }

    [Fact]
    public void Decode_AddressRouteAndGarbage_YieldsTypedEventsAndSkipsGarbage()
    {
        using var monitor = RtnlMonitor.Open(RtnlMonitorGroups.None);
        var addr = AddressMessages.Delete(new AddressEntry(4, IPAddress.Parse("192.0.2.7"), 24));
        var route = RouteMessages.Add(new RouteEntry(AddressFamily.InterNetwork) { Destination = IPAddress.Parse("198.51.100.0"), DestinationPrefixLength = 24, OutputInterface = 4 }, RouteAddMode.Add);
        byte[] garbage = [8, 0, 0, 0, 0x14, 0]; // shorter than a header: ignored

        var events = monitor.Decode([.. addr, .. route, .. garbage]);

        var a = Assert.IsType<AddressEvent>(events[0]);
        Assert.False(a.Added);
        Assert.Equal(IPAddress.Parse("192.0.2.7"), a.Address.Address);
        Assert.Equal(4, a.Address.InterfaceIndex);
        var r = Assert.IsType<RouteEvent>(events[1]);
        Assert.True(r.Added);
        Assert.Equal(2, events.Count);
    }

    private static async Task<T> WaitForAsync<T>(RtnlMonitor monitor, Func<T, bool> match, string what)
        where T : RtnlEvent
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var e in monitor.ReadEventsAsync(cts.Token))
            {
                if (e is T t && match(t))
                {
                    return t;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new Xunit.Sdk.XunitException($"no event within 10 s: {what}");
    }

    [NetFact]
    public async Task Monitor_LinkDownAddressDeletionRouteAndLinkDeletion_AreReported()
    {
        using var lab = new Lab();
        var h = lab.Host("h");
        h.Ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        h.Ip("link", "set", "v0", "up");
        h.Ip("link", "set", "v1", "up");
        h.AddAddress("v0", "192.0.2.1/24");
        using var monitor = h.Run(() => RtnlMonitor.Open());
        var v0 = int.Parse(h.Exec("cat", "/sys/class/net/v0/ifindex").StdOut.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        h.Ip("link", "set", "v1", "down"); // the peer going down takes v0's carrier: up but not running
        var down = await WaitForAsync<LinkEvent>(monitor, e => e.Link.Index == v0 && e.Change == LinkChange.Down, "v0 down");
        Assert.True(down.Link.IsUp);
        Assert.False(down.Link.IsRunning);

        h.Ip("link", "set", "v1", "up");
        await WaitForAsync<LinkEvent>(monitor, e => e.Link.Index == v0 && e.Change == LinkChange.Up, "v0 up");

        h.Ip("addr", "add", "192.0.2.100/32", "dev", "v0");
        await WaitForAsync<AddressEvent>(monitor, e => e.Added && e.Address.Address.Equals(IPAddress.Parse("192.0.2.100")), "VIP added");
        h.Ip("addr", "del", "192.0.2.100/32", "dev", "v0");
        var removed = await WaitForAsync<AddressEvent>(monitor, e => !e.Added && e.Address.Address.Equals(IPAddress.Parse("192.0.2.100")), "VIP deleted by hand");
        Assert.Equal(v0, removed.Address.InterfaceIndex);
        Assert.Equal(32, removed.Address.PrefixLength);

        h.Ip("-6", "addr", "add", "2001:db8::5/64", "dev", "v0", "nodad");
        await WaitForAsync<AddressEvent>(monitor, e => e.Added && e.Address.Address.Equals(IPAddress.Parse("2001:db8::5")), "IPv6 address added");

        h.Ip("route", "add", "198.51.100.0/24", "via", "192.0.2.254", "proto", "18");
        var route = await WaitForAsync<RouteEvent>(monitor, e => e.Added && e.Route.Destination?.Equals(IPAddress.Parse("198.51.100.0")) == true, "route added");
        Assert.Equal((byte)18, route.Route.Protocol);

        h.Ip("rule", "add", "from", "203.0.113.0/24", "table", "100", "pref", "100");
        await WaitForAsync<RuleEvent>(monitor, e => e.Added && e.Rule.Priority == 100, "rule added");

        h.Ip("link", "set", "v0", "down");
        var adminDown = await WaitForAsync<LinkEvent>(monitor, e => e.Link.Index == v0 && e.Change == LinkChange.Down, "v0 admin down");
        Assert.False(adminDown.Link.IsUp);

        h.Ip("link", "del", "v0");
        await WaitForAsync<LinkEvent>(monitor, e => e.Link.Index == v0 && e.Change == LinkChange.Deleted, "v0 deleted");
    }

    [NetFact]
    public async Task Monitor_BufferOverflows_ReportsOverrunThenKeepsWorking()
    {
        using var lab = new Lab();
        var h = lab.Host("h");
        h.Ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        h.Ip("link", "set", "v0", "up");
        using var monitor = h.Run(() => RtnlMonitor.Open(RtnlMonitorGroups.Addresses, 4096));
        var batch = string.Join('\n', Enumerable.Range(1, 200).Select(i => $"addr add 192.0.2.{i}/32 dev v0")) + "\n";
        var r = Cmd.Run("ip", ["-n", h.Name, "-batch", "-"], TimeSpan.FromSeconds(30), batch);
        Assert.Equal(0, r.ExitCode);

        await WaitForAsync<MonitorOverrun>(monitor, _ => true, "an overrun after 200 unread address events");
        // Events queued before the overrun are still being read; keep making new ones until one arrives.
        using var stop = new CancellationTokenSource();
        var adder = Task.Run(() =>
        {
            for (var i = 1; i < 250 && !stop.IsCancellationRequested; i++)
            {
                h.Ip("addr", "add", $"203.0.113.{i}/32", "dev", "v0");
                Thread.Sleep(50);
            }
        });
        await WaitForAsync<AddressEvent>(monitor, e => e.Added && e.Address.Address.ToString().StartsWith("203.0.113.", StringComparison.Ordinal), "events flow again");
        await stop.CancelAsync();
        await adder;
    }
}

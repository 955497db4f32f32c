using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Vigil.Linux.Netlink;
using static Vigil.Linux.Rtnl.RtnlConstants;

namespace Vigil.Linux.Rtnl;

/// <summary>
/// Watches rtnetlink multicast groups on its own NETLINK_ROUTE socket (never shared with requests, so events and
/// acks cannot interleave) and turns them into typed <see cref="RtnlEvent"/>s: link up/down/changed/deleted
/// (judged against the flags it last saw; it dumps the links once when opened), addresses, routes and rules
/// added or removed. Receiving is asynchronous (the runtime's epoll engine; no thread is blocked). A full socket
/// buffer yields <see cref="MonitorOverrun"/>. One reader at a time.
/// </summary>
public sealed class RtnlMonitor : IDisposable
{
    private readonly NetlinkSocket _socket;
    private readonly Dictionary<int, uint> _linkFlags = [];
    private readonly byte[] _buffer = new byte[256 * 1024];
    private readonly RtnlClient? _requests;

    private RtnlMonitor(NetlinkSocket socket, RtnlClient? requests)
    {
        _socket = socket;
        _requests = requests;
    }

    /// <summary>Opens the monitor in the caller's network namespace (the socket stays there).</summary>
    public static RtnlMonitor Open(RtnlMonitorGroups groups = RtnlMonitorGroups.All) => Open(groups, 4 << 20);

    /// <summary>As <see cref="Open(RtnlMonitorGroups)"/> with a chosen socket buffer (tests force overruns with a small one).</summary>
    internal static RtnlMonitor Open(RtnlMonitorGroups groups, int receiveBufferBytes)
    {
        uint bits = 0;
        bits |= groups.HasFlag(RtnlMonitorGroups.Links) ? RTMGRP_LINK : 0;
        bits |= groups.HasFlag(RtnlMonitorGroups.Ipv4Addresses) ? RTMGRP_IPV4_IFADDR : 0;
        bits |= groups.HasFlag(RtnlMonitorGroups.Ipv6Addresses) ? RTMGRP_IPV6_IFADDR : 0;
        bits |= groups.HasFlag(RtnlMonitorGroups.Ipv4Routes) ? RTMGRP_IPV4_ROUTE : 0;
        bits |= groups.HasFlag(RtnlMonitorGroups.Ipv6Routes) ? RTMGRP_IPV6_ROUTE : 0;
        bits |= groups.HasFlag(RtnlMonitorGroups.Rules) ? RTMGRP_IPV4_RULE : 0;

        // A large buffer (SO_RCVBUFFORCE, as root) so bursts such as a link flap with many addresses fit.
        var socket = NetlinkSocket.Open(Netlink.Netlink.NETLINK_ROUTE, bits, receiveBufferBytes);
        RtnlClient? requests = null;
        try
        {
            if (groups.HasFlag(RtnlMonitorGroups.Rules))
            {
                socket.AddMembership(RTNLGRP_IPV6_RULE); // above the legacy bitmask's reach
            }

            // Link state is seeded (and re-read after an overrun) through a separate request socket opened now,
            // in the caller's namespace: receives continue on thread-pool threads, which may be in another one.
            if (groups.HasFlag(RtnlMonitorGroups.Links))
            {
                requests = RtnlClient.Open();
            }

            var monitor = new RtnlMonitor(socket, requests);
            monitor.SeedLinks();
            return monitor;
        }
        catch
        {
            requests?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Events until <paramref name="cancellationToken"/> fires (then the enumeration ends with OperationCanceledException).</summary>
    public async IAsyncEnumerable<RtnlEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            foreach (var e in await ReceiveAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
    }

    /// <summary>Waits for the next datagram and returns the events in it (possibly none).</summary>
    public async ValueTask<IReadOnlyList<RtnlEvent>> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        int n;
        try
        {
            n = await _socket.ReceiveAsync(_buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
        {
            SeedLinks();
            return [new MonitorOverrun()];
        }

        return Decode(_buffer.AsSpan(0, n));
    }

    /// <summary>Turns one datagram into events, updating the link flags seen (internal for tests).</summary>
    internal List<RtnlEvent> Decode(ReadOnlySpan<byte> datagram)
    {
        var events = new List<RtnlEvent>();
        foreach (var msg in new NetlinkMessageEnumerator(datagram))
        {
            switch (msg.Type)
            {
                case RTM_NEWLINK when LinkMessages.TryParse(msg, out var link):
                    events.Add(Classify(link));
                    break;
                case RTM_DELLINK when LinkMessages.TryParse(msg, out var link):
                    _linkFlags.TryGetValue(link.Index, out var before);
                    _linkFlags.Remove(link.Index);
                    events.Add(new LinkEvent(LinkChange.Deleted, link, before));
                    break;
                case RTM_NEWADDR or RTM_DELADDR when AddressMessages.TryParse(msg, out var address):
                    events.Add(new AddressEvent(msg.Type == RTM_NEWADDR, address));
                    break;
                case RTM_NEWROUTE or RTM_DELROUTE when RouteMessages.TryParse(msg, out var route):
                    events.Add(new RouteEvent(msg.Type == RTM_NEWROUTE, route));
                    break;
                case RTM_NEWRULE or RTM_DELRULE when RuleMessages.TryParse(msg, out var rule):
                    events.Add(new RuleEvent(msg.Type == RTM_NEWRULE, rule));
                    break;
                case Netlink.Netlink.NLMSG_OVERRUN:
                    events.Add(new MonitorOverrun());
                    break;
            }
        }

        return events;
    }

    public void Dispose()
    {
        _socket.Dispose();
        _requests?.Dispose();
    }

    private LinkEvent Classify(LinkEntry link)
    {
        const uint upRunning = IFF_UP | IFF_RUNNING;
        var known = _linkFlags.TryGetValue(link.Index, out var before);
        _linkFlags[link.Index] = link.Flags;
        if (!known)
        {
            return new LinkEvent(LinkChange.Added, link, 0);
        }

        var wasUp = (before & upRunning) == upRunning;
        var change = (wasUp, link.IsUpAndRunning) switch
        {
            (false, true) => LinkChange.Up,
            (true, false) => LinkChange.Down,
            _ => LinkChange.Changed,
        };
        return new LinkEvent(change, link, before);
    }

    private void SeedLinks()
    {
        if (_requests is null)
        {
            return;
        }

        _linkFlags.Clear();
        foreach (var l in _requests.GetLinks())
        {
            _linkFlags[l.Index] = l.Flags;
        }
    }
}

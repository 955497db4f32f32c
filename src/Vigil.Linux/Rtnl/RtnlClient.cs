using System.Buffers.Binary;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Vigil.Linux.Interop;
using Vigil.Linux.Netlink;

namespace Vigil.Linux.Rtnl;

/// <summary>
/// rtnetlink requests on one NETLINK_ROUTE socket: links, addresses, routes and rules. Every call is a
/// synchronous request/ack with the kernel (no network wait); calls are serialised, so one client may be shared.
/// Failures are <see cref="NetlinkException"/> with the errno and the kernel's extended-ack message. The socket
/// belongs to the network namespace of the thread that opened it.
/// </summary>
public sealed class RtnlClient : IDisposable
{
    private readonly NetlinkSocket _socket;
    private readonly Lock _gate = new();

    private RtnlClient(NetlinkSocket socket) => _socket = socket;

    public static RtnlClient Open() => new(NetlinkSocket.Open(Netlink.Netlink.NETLINK_ROUTE, 0, 1 << 20));

    /// <summary>keepalived's VMAC address: 00:00:5e:00:01:VRID for IPv4, 00:00:5e:00:02:VRID for IPv6 (RFC 5798 §7.3).</summary>
    public static PhysicalAddress VirtualMac(int vrid, AddressFamily family)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vrid, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vrid, 255);
        return new PhysicalAddress([0x00, 0x00, 0x5e, 0x00, family == AddressFamily.InterNetworkV6 ? (byte)0x02 : (byte)0x01, (byte)vrid]);
    }

    // ---- links ----

    public IReadOnlyList<LinkEntry> GetLinks() => Collect<LinkEntry>(LinkMessages.Dump(), "dump links", LinkMessages.TryParse);

    /// <summary>The link with that index, or null when there is none.</summary>
    public LinkEntry? GetLink(int index) => GetOne(LinkMessages.GetByIndex(index), $"get link {index}");

    /// <summary>The link with that name, or null when there is none.</summary>
    public LinkEntry? GetLink(string name) => GetOne(LinkMessages.GetByName(name), $"get link {name}");

    /// <summary>
    /// Creates a macvlan named <paramref name="name"/> on <paramref name="parentIndex"/> with <paramref name="mac"/>
    /// (down, as the kernel creates links) and returns it.
    /// </summary>
    public LinkEntry CreateMacvlan(int parentIndex, string name, PhysicalAddress mac, MacvlanMode mode = MacvlanMode.Private)
    {
        Request(LinkMessages.CreateMacvlan(parentIndex, name, mac, (uint)mode), $"create macvlan {name} on link {parentIndex}");
        return GetLink(name) ?? throw new NetlinkException($"create macvlan {name}", Errno.ENODEV, "created link not found");
    }

    public void DeleteLink(int index) => Request(LinkMessages.Delete(index), $"delete link {index}");

    public void SetLinkUp(int index, bool up) => Request(LinkMessages.SetUp(index, up), $"set link {index} {(up ? "up" : "down")}");

    /// <summary>IPv6 address generation mode: 0 eui64, 1 none, 2 stable_secret, 3 random (keepalived sets VMACs to none or random).</summary>
    public void SetIpv6AddressGenerationMode(int index, byte mode) =>
        Request(LinkMessages.SetIpv6AddressGenerationMode(index, mode), $"set link {index} addrgenmode {mode}");

    // ---- addresses ----

    /// <summary>Every address of <paramref name="family"/> (Unspecified = both), optionally of one interface.</summary>
    public IReadOnlyList<AddressEntry> GetAddresses(AddressFamily family = AddressFamily.Unspecified, int interfaceIndex = 0)
    {
        var all = Collect<AddressEntry>(AddressMessages.Dump(family), "dump addresses", AddressMessages.TryParse);
        return interfaceIndex == 0 ? all : all.Where(a => a.InterfaceIndex == interfaceIndex).ToList();
    }

    /// <summary>Adds the address; EEXIST when it is already there unless <paramref name="replace"/> (which updates it).</summary>
    public void AddAddress(AddressEntry address, bool replace = false) =>
        Request(AddressMessages.Add(address, replace), $"add address {address.Address}/{address.PrefixLength} on link {address.InterfaceIndex}");

    /// <summary>Deletes the address; EADDRNOTAVAIL when it is not there.</summary>
    public void DeleteAddress(AddressEntry address) =>
        Request(AddressMessages.Delete(address), $"delete address {address.Address}/{address.PrefixLength} on link {address.InterfaceIndex}");

    // ---- routes ----

    /// <summary>Routes of <paramref name="family"/>, optionally of one table (e.g. 254 main).</summary>
    public IReadOnlyList<RouteEntry> GetRoutes(AddressFamily family, uint? table = null)
    {
        var all = Collect<RouteEntry>(RouteMessages.Dump(family), "dump routes", RouteMessages.TryParse);
        return table is null ? all : all.Where(r => r.Table == table).ToList();
    }

    public void AddRoute(RouteEntry route, RouteAddMode mode = RouteAddMode.Add) =>
        Request(RouteMessages.Add(route, mode), $"add route {Describe(route)}");

    /// <summary>Deletes the route; ESRCH when no route matches.</summary>
    public void DeleteRoute(RouteEntry route) => Request(RouteMessages.Delete(route), $"delete route {Describe(route)}");

    // ---- rules ----

    public IReadOnlyList<RuleEntry> GetRules(AddressFamily family) =>
        Collect<RuleEntry>(RuleMessages.Dump(family), "dump rules", RuleMessages.TryParse);

    public void AddRule(RuleEntry rule) => Request(RuleMessages.Add(rule), $"add rule {Describe(rule)}");

    /// <summary>Deletes the first rule matching every given field; ENOENT when none does.</summary>
    public void DeleteRule(RuleEntry rule) => Request(RuleMessages.Delete(rule), $"delete rule {Describe(rule)}");

    public void Dispose() => _socket.Dispose();

    private static string Describe(RouteEntry r) =>
        $"{(r.Destination is null ? "default" : $"{r.Destination}/{r.DestinationPrefixLength}")} table {r.Table}" +
        (r.Gateway is null ? "" : $" via {r.Gateway}") + (r.OutputInterface == 0 ? "" : $" dev {r.OutputInterface}");

    private static string Describe(RuleEntry r) =>
        $"{(r.From is null ? "from all" : $"from {r.From}/{r.FromPrefixLength}")}" +
        (r.To is null ? "" : $" to {r.To}/{r.ToPrefixLength}") + (r.Priority is null ? "" : $" pref {r.Priority}") +
        (r.Table is null ? "" : $" table {r.Table}");

    private void Request(byte[] message, string operation)
    {
        lock (_gate)
        {
            _socket.Request(message, operation);
        }
    }

    private delegate bool Parser<T>(NetlinkMessage msg, out T value);

    private List<T> Collect<T>(byte[] request, string operation, Parser<T> parse)
    {
        // A dump that raced with a change is flagged NLM_F_DUMP_INTR (linux/netlink.h): read it again.
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            List<byte[]> replies;
            lock (_gate)
            {
                replies = _socket.Query((byte[])request.Clone(), operation);
            }

            if (attempt < attempts && replies.Exists(r => (BinaryPrimitives.ReadUInt16LittleEndian(r.AsSpan(6)) & Netlink.Netlink.NLM_F_DUMP_INTR) != 0))
            {
                continue;
            }

            var result = new List<T>(replies.Count);
            foreach (var reply in replies)
            {
                if (parse(new NetlinkMessage(reply), out var value))
                {
                    result.Add(value);
                }
            }

            return result;
        }
    }

    private LinkEntry? GetOne(byte[] request, string operation)
    {
        try
        {
            return Collect<LinkEntry>(request, operation, LinkMessages.TryParse).FirstOrDefault();
        }
        catch (NetlinkException e) when (e.Errno is Errno.ENODEV or Errno.ENOENT)
        {
            return null;
        }
    }
}

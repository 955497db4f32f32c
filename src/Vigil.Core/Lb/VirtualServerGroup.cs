using System.Net.Sockets;

namespace Vigil.Lb;

/// <summary>
/// keepalived's <c>virtual_server group NAME</c>: every entry of the group becomes its own IPVS service
/// with the same settings and the same real servers (keepalived.conf(5); keepalived programs one IPVS
/// service per address of a range and per fwmark).
/// </summary>
public static class VirtualServerGroup
{
    /// <summary>Expansion stops after this many services and reports it (a /16 would be 65536 services).</summary>
    public const int DefaultMaxServices = 4096;

    /// <summary>
    /// The services of a group, in entry order: one per address of every range (port from the entry, or
    /// <paramref name="defaultPort"/> when the entry has none) and one per fwmark (family from the entry, or
    /// <paramref name="fwMarkFamily"/>). Each gets <paramref name="template"/>'s settings and destinations.
    /// A key produced twice is kept once; problems (too many addresses) are added to <paramref name="problems"/>.
    /// </summary>
    public static IReadOnlyList<VirtualService> Expand(
        IEnumerable<VirtualServerGroupEntry> entries,
        VirtualService template,
        LbProtocol protocol,
        ushort defaultPort,
        AddressFamily fwMarkFamily,
        ICollection<LbProblem> problems,
        int maxServices = DefaultMaxServices)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(problems);
        var result = new List<VirtualService>();
        var seen = new HashSet<VirtualServiceKey>();
        bool Add(VirtualServiceKey key)
        {
            if (result.Count >= maxServices)
            {
                problems.Add(new(LbProblemSeverity.Error, key, null,
                    $"virtual_server_group expands to more than {maxServices} services; the rest are ignored"));
                return false;
            }

            if (seen.Add(key))
            {
                result.Add(template with { Key = key });
            }

            return true;
        }

        foreach (var entry in entries)
        {
            switch (entry)
            {
                case VirtualServerGroupEntry.AddressRange r:
                    {
                        var family = r.First.AddressFamily;
                        var port = r.Port == 0 ? defaultPort : r.Port;
                        var first = VirtualServerGroupEntry.ToNumber(r.First);
                        var last = VirtualServerGroupEntry.ToNumber(r.Last);
                        for (var a = first; a <= last; a++)
                        {
                            if (!Add(VirtualServiceKey.ForAddress(protocol, VirtualServerGroupEntry.FromNumber(a, family), port)))
                            {
                                return result;
                            }

                            if (a == last)
                            {
                                break; // the last address of the family: a++ would wrap
                            }
                        }

                        break;
                    }

                case VirtualServerGroupEntry.FwMark m:
                    if (m.Mark == 0)
                    {
                        problems.Add(new(LbProblemSeverity.Error, null, null, "virtual_server_group: fwmark 0 is not a mark; ignored"));
                        break;
                    }

                    if (!Add(VirtualServiceKey.ForFwMark(m.Mark, m.Family ?? fwMarkFamily)))
                    {
                        return result;
                    }

                    break;
            }
        }

        return result;
    }
}

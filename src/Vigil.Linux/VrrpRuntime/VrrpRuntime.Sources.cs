using System.Net;
using Microsoft.Extensions.Logging;
using Vigil.Linux.Interop;
using Vigil.Linux.Rtnl;
using Vigil.Vrrp;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// A configured source address that is not on this host. Observed with keepalived 2.2.7: a <c>unicast_src_ip</c> missing
/// at start logs "bind unicast_src 192.0.2.5 failed 99 - Cannot assign requested address" and "(VI_1): entering FAULT
/// state (src address not configured)", with or without <c>track_src_ip</c>; a missing <c>mcast_src_ip</c> is not a
/// fault. keepalived then stays in FAULT even after the address is added; Vigil leaves FAULT when it appears.
/// <c>track_src_ip</c> (man keepalived.conf: "if the configured src_ip doesn't exist or is removed put the instance
/// into fault state") also makes a later removal, and a missing <c>mcast_src_ip</c>, a FAULT until the address is back.
/// </summary>
public sealed partial class VrrpRuntime
{
    private readonly Dictionary<string, (bool Seen, bool Fault)> _sourceState = new(StringComparer.Ordinal);

    private IEnumerable<VrrpInstanceSettings> SourceWatched =>
        _options.Instances.Where(s => s.McastSrcIp is not null && (!s.UnicastPeer.IsEmpty || s.TrackSourceAddress));

    /// <summary>Checks every watched source against the host's addresses (at start, and when one of them changes).</summary>
    private void CheckConfiguredSources(bool initial)
    {
        var watched = SourceWatched.ToList();
        if (watched.Count == 0)
        {
            return;
        }

        HashSet<IPAddress> local;
        try
        {
            local = [.. _query!.GetAddresses().Select(a => a.Address)];
        }
        catch (ErrnoException e)
        {
            LogMonitorFailed(_logger, e.Message);
            return;
        }

        foreach (var s in watched)
        {
            var present = local.Contains(s.McastSrcIp!);
            var (seen, fault) = _sourceState.TryGetValue(s.Name, out var st) ? st : (false, false);
            seen |= present;
            var now = !present && (s.TrackSourceAddress || !seen);
            if (now && initial && !s.UnicastPeer.IsEmpty)
            {
                LogUnicastBindFailed(_logger, s.McastSrcIp!.ToString());
            }

            if (now != fault)
            {
                if (!initial)
                {
                    if (now)
                    {
                        LogSourceGone(_logger, s.Name, s.McastSrcIp!.ToString());
                    }
                    else
                    {
                        LogSourceBack(_logger, s.Name, s.McastSrcIp!.ToString());
                    }
                }

                _engine!.PostFault(s.Name, VrrpFaultReasons.SourceAddressMissing, now);
            }

            _sourceState[s.Name] = (seen, now);
        }
    }

    private void OnAddressForSources(AddressEvent ae)
    {
        if (SourceWatched.Any(s => s.McastSrcIp!.Equals(ae.Address.Address)))
        {
            CheckConfiguredSources(initial: false);
        }
    }

    [LoggerMessage(EventId = 6140, Level = LogLevel.Error, Message = "bind unicast_src {Address} failed 99 - Cannot assign requested address")]
    private static partial void LogUnicastBindFailed(ILogger logger, string address);

    [LoggerMessage(EventId = 6141, Level = LogLevel.Warning, Message = "({Instance}) source address {Address} removed")]
    private static partial void LogSourceGone(ILogger logger, string instance, string address);

    [LoggerMessage(EventId = 6142, Level = LogLevel.Information, Message = "({Instance}) source address {Address} is configured again")]
    private static partial void LogSourceBack(ILogger logger, string instance, string address);
}

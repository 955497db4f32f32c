using Vigil.Lb;
using Vigil.Linux.Interop;
using Vigil.Linux.Netlink;

namespace Vigil.Linux.Ipvs;

/// <summary>
/// Talks to the kernel's IPVS over generic netlink (family "IPVS", resolved at open: its id is dynamic).
/// One instance per thread (the netlink socket is not shared); it lives in the network namespace of the
/// thread that opened it. Commands throw <see cref="NetlinkException"/> with the kernel's errno;
/// <see cref="Apply"/> turns those into <see cref="LbFailure"/>s.
/// </summary>
public sealed class IpvsClient : IDisposable
{
    private readonly NetlinkSocket _socket;
    private long _malformedReplies;

    private IpvsClient(NetlinkSocket socket, GenericFamily family)
    {
        _socket = socket;
        Family = family;
    }

    /// <summary>The resolved generic netlink family (id, version).</summary>
    public GenericFamily Family { get; }

    /// <summary>Replies that lacked what identifies a service or destination (skipped, counted).</summary>
    public long MalformedReplies => Interlocked.Read(ref _malformedReplies);

    /// <summary>
    /// Opens a generic netlink socket and resolves "IPVS". Returns null with a reason when the kernel has
    /// no IPVS (the family is absent until the ip_vs module is loaded; kernels built without IP_VS never
    /// have it) or netlink itself is unavailable: one clear answer, not an exception per command.
    /// </summary>
    public static IpvsClient? TryOpen(out string? unavailableReason)
    {
        NetlinkSocket? socket = null;
        try
        {
            socket = NetlinkSocket.Open(Netlink.Netlink.NETLINK_GENERIC);
            var family = GenericNetlink.Resolve(socket, IpvsNetlink.GENL_NAME);
            if (family is null)
            {
                socket.Dispose();
                unavailableReason = "IPVS not available: the kernel has no generic netlink family \"IPVS\" (module ip_vs not loaded, or a kernel without CONFIG_IP_VS)";
                return null;
            }

            unavailableReason = null;
            return new IpvsClient(socket, family);
        }
        catch (ErrnoException e)
        {
            socket?.Dispose();
            unavailableReason = $"IPVS not available: {e.Message}";
            return null;
        }
    }

    /// <summary>IPVS_CMD_GET_INFO.</summary>
    public IpvsInfo GetInfo()
    {
        foreach (var reply in _socket.Query(IpvsMessages.GetInfo(Family.Id), "IPVS get info"))
        {
            if (IpvsReplies.Info(reply) is IpvsInfo info)
            {
                return info;
            }
        }

        throw new ErrnoException("IPVS get info: no reply", Errno.EIO);
    }

    /// <summary>Every service (GET_SERVICE dump) with its destinations (one GET_DEST dump per service).</summary>
    public LbState GetServices() => GetServices(out _);

    public LbState GetServices(out IReadOnlyDictionary<(VirtualServiceKey Service, DestinationKey Destination), DestinationCounters> counters)
    {
        var services = new List<VirtualService>();
        var all = new Dictionary<(VirtualServiceKey, DestinationKey), DestinationCounters>();
        foreach (var reply in _socket.Query(IpvsMessages.DumpServices(Family.Id), "IPVS dump services"))
        {
            var service = IpvsReplies.Service(reply, out _);
            if (service is null)
            {
                Interlocked.Increment(ref _malformedReplies);
                continue;
            }

            var dests = new List<RealServer>();
            foreach (var d in _socket.Query(IpvsMessages.DumpDestinations(Family.Id, service.Key), $"IPVS dump destinations of {service.Key}"))
            {
                var dest = IpvsReplies.Destination(d, service.Key.Family, out var c);
                if (dest is null)
                {
                    Interlocked.Increment(ref _malformedReplies);
                    continue;
                }

                dests.Add(dest);
                all[(service.Key, dest.Key)] = c;
            }

            services.Add(service with { Destinations = dests });
        }

        counters = all;
        return new LbState(services);
    }

    /// <summary>Carries out one diff operation; throws <see cref="NetlinkException"/> when the kernel refuses.</summary>
    public void Execute(LbOperation operation) =>
        _socket.Request(IpvsMessages.For(Family.Id, operation), $"IPVS {operation}");

    /// <summary>
    /// Carries out <paramref name="operations"/> in order. A refused operation is recorded and the rest go
    /// on, except the destinations of a service whose creation failed (they would only fail with ESRCH).
    /// </summary>
    public LbApplyResult Apply(IEnumerable<LbOperation> operations)
    {
        var applied = new List<LbOperation>();
        var failed = new List<LbFailure>();
        var notAdded = new HashSet<VirtualServiceKey>();
        foreach (var op in operations)
        {
            var service = op switch
            {
                LbOperation.AddDestination a => a.Service,
                LbOperation.EditDestination e => e.Service,
                LbOperation.DeleteDestination d => d.Service,
                _ => null,
            };
            if (service is not null && notAdded.Contains(service))
            {
                failed.Add(new LbFailure(op, "skipped: its virtual service could not be added"));
                continue;
            }

            try
            {
                Execute(op);
                applied.Add(op);
            }
            catch (ErrnoException e)
            {
                failed.Add(new LbFailure(op, e.Message));
                if (op is LbOperation.AddService a)
                {
                    notAdded.Add(a.Service.Key);
                }
            }
        }

        return new LbApplyResult(applied, failed);
    }

    /// <summary>IPVS_CMD_SET_CONFIG (keepalived <c>lvs_timeouts</c>).</summary>
    public void SetTimeouts(LvsTimeouts timeouts) =>
        _socket.Request(IpvsMessages.SetConfig(Family.Id, timeouts), "IPVS set timeouts");

    /// <summary>IPVS_CMD_GET_CONFIG.</summary>
    public LvsTimeouts GetTimeouts()
    {
        foreach (var reply in _socket.Query(IpvsMessages.GetConfig(Family.Id), "IPVS get timeouts"))
        {
            return IpvsReplies.Config(reply);
        }

        throw new ErrnoException("IPVS get timeouts: no reply", Errno.EIO);
    }

    /// <summary>IPVS_CMD_NEW_DAEMON (keepalived <c>lvs_sync_daemon</c>); EEXIST when that role already runs.</summary>
    public void StartSyncDaemon(SyncDaemon daemon) =>
        _socket.Request(IpvsMessages.NewDaemon(Family.Id, daemon), $"IPVS start {daemon.State} sync daemon on {daemon.Interface}");

    /// <summary>IPVS_CMD_DEL_DAEMON; ESRCH when that role does not run.</summary>
    public void StopSyncDaemon(SyncDaemonState state) =>
        _socket.Request(IpvsMessages.DeleteDaemon(Family.Id, state), $"IPVS stop {state} sync daemon");

    /// <summary>IPVS_CMD_GET_DAEMON dump: the running sync daemons.</summary>
    public IReadOnlyList<SyncDaemon> GetSyncDaemons()
    {
        var result = new List<SyncDaemon>();
        foreach (var reply in _socket.Query(IpvsMessages.DumpDaemons(Family.Id), "IPVS dump sync daemons"))
        {
            if (IpvsReplies.Daemon(reply) is SyncDaemon d)
            {
                result.Add(d);
            }
            else
            {
                Interlocked.Increment(ref _malformedReplies);
            }
        }

        return result;
    }

    /// <summary>IPVS_CMD_FLUSH: removes every service (keepalived <c>lvs_flush</c>, <c>lvs_flush_on_stop</c>).</summary>
    public void Flush() => _socket.Request(IpvsMessages.Flush(Family.Id), "IPVS flush");

    /// <summary>IPVS_CMD_ZERO: clears every counter.</summary>
    public void ZeroCounters() => _socket.Request(IpvsMessages.Zero(Family.Id), "IPVS zero counters");

    public void Dispose() => _socket.Dispose();
}

using Vigil.IpvsLane;
using Vigil.Lb;
using Vigil.Linux.Ipvs;

// Inside the IPVS lane's guest (a stock Debian kernel with ip_vs): program IPVS through IpvsClient /
// IpvsBackend and check the kernel's table with ipvsadm (a separate implementation reading it back)
// and with our own dump. Prints "N passed, N failed"; exits non-zero on any failure.
var runner = new LaneRunner();
var client = IpvsClient.TryOpen(out var reason);
if (client is null)
{
    Console.WriteLine($"FAIL open: {reason}");
    Console.WriteLine("0 passed, 1 failed");
    return 1;
}

using (client)
{
    var lane = new Lane(client);
    Console.WriteLine($"IPVS family id {client.Family.Id}, version {client.GetInfo().VersionText}");
    runner.Check("every scheduler", lane.EveryScheduler);
    runner.Check("forwarding methods, weights, thresholds, tunnels", lane.ForwardingMethods);
    runner.Check("persistence, granularity, engine, flags, ops", lane.PersistenceAndFlags);
    runner.Check("fwmark services and virtual_server_group expansion", lane.FwMarkAndGroups);
    runner.Check("IPv6 services and a mixed-family tunnel", lane.Ipv6AndMixedFamily);
    runner.Check("edits are minimal and converge", lane.Edits);
    runner.Check("deletes leave foreign services alone", lane.Deletes);
    runner.Check("kernel refusals are failures, not exceptions", lane.Refusals);
    runner.Check("lvs_timeouts via SET_CONFIG/GET_CONFIG", lane.Timeouts);
    runner.Check("sync daemons via NEW/GET/DEL_DAEMON", lane.SyncDaemons);
    runner.Check("status snapshot equals ipvsadm -Ln", lane.Snapshot);
    runner.Check("auto-detect picks IPVS", lane.AutoDetect);
    runner.Check("flush empties the table", lane.Flush);
}

return runner.Finish();

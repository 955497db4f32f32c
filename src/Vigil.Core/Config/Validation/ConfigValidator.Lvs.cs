using System.Collections.Immutable;
using System.Net.Sockets;
using Vigil.Config.Model;

namespace Vigil.Config.Validation;

/// <summary>Virtual server checks and VS → RS → checker inheritance.</summary>
internal sealed partial class ConfigValidator
{
    private ImmutableArray<VirtualServerGroupConfig> ValidateVirtualServerGroups()
    {
        var result = ImmutableArray.CreateBuilder<VirtualServerGroupConfig>();
        foreach (var g in root.VirtualServerGroups)
        {
            if (g.Entries.IsEmpty)
            {
                _diag.Error(g.Location, "virtual_server_group", $"virtual server group {g.Name} has no entries - removing");
                continue;
            }

            result.Add(g);
        }

        return result.ToImmutable();
    }

    private ImmutableArray<VirtualServerConfig> ValidateVirtualServers(GlobalDefsConfig g, ImmutableArray<VirtualServerGroupConfig> groups, ImmutableArray<TrackFileConfig> files)
    {
        var result = ImmutableArray.CreateBuilder<VirtualServerConfig>();
        foreach (var raw in root.VirtualServers)
        {
            var vs = raw;
            var x = vs.Explicit;
            VirtualServerGroupConfig? group = null;
            if (vs.Kind == VirtualServerKind.Group)
            {
                group = groups.FirstOrDefault(gr => gr.Name == vs.GroupName);
                if (group is null)
                {
                    _diag.Error(vs.Location, "virtual_server", $"Virtual server group {vs.GroupName} specified but not configured - ignoring virtual server {vs}");
                    continue;
                }

                var firstAddress = group.Entries.FirstOrDefault(e => e.First is not null)?.First;
                vs = vs with { Family = firstAddress?.AddressFamily ?? group.Entries[0].Family ?? AddressFamily.InterNetwork };
            }

            if (vs.RealServers.IsEmpty && vs.SorryServer is null)
            {
                _diag.Error(vs.Location, "virtual_server", $"Virtual server {vs} has no real servers - ignoring");
                continue;
            }

            // Protocol, scheduler and method have no silent default in keepalived 2.2.7: it reports each one.
            var fwmarkOnly = vs.Kind == VirtualServerKind.FwMark || (group is not null && group.Entries.All(e => e.IsFwMark));
            if (vs.Kind == VirtualServerKind.FwMark)
            {
                if (x.HasFlag(LbExplicit.Protocol))
                {
                    _diag.Error(vs.Location, "protocol", $"Warning: Virtual server {vs}: protocol specified for fwmark - protocol will be ignored");
                }

                vs = vs with { Protocol = IpvsProtocol.None };
            }
            else if (!x.HasFlag(LbExplicit.Protocol))
            {
                if (group is not null && fwmarkOnly)
                {
                    vs = vs with { Protocol = IpvsProtocol.None };
                }
                else
                {
                    _diag.Error(vs.Location, "protocol", $"Virtual server {vs with { Protocol = IpvsProtocol.None }}: no protocol set - defaulting to UDP", "add 'protocol TCP' (or UDP/SCTP)");
                    vs = vs with { Protocol = IpvsProtocol.Udp };
                }
            }
            else if (group is not null && fwmarkOnly)
            {
                _diag.Error(vs.Location, "protocol", $"Warning: Virtual server {vs}: protocol specified for fwmark - protocol will be ignored");
            }

            if (!x.HasFlag(LbExplicit.Scheduler))
            {
                _diag.Error(vs.Location, "lvs_sched", $"Virtual server {vs}: no scheduler set, setting default 'wlc'");
            }

            if (!x.HasFlag(LbExplicit.Forwarding))
            {
                _diag.Error(vs.Location, "lvs_method", $"Virtual server {vs}: no forwarding method set, setting default NAT");
            }

            if (vs.Kind == VirtualServerKind.Address && vs.Port == 0 && vs.PersistenceTimeout is null)
            {
                _diag.Error(vs.Location, null, $"Virtual server {vs}: zero port only valid for persistent services - setting", "a persistence timeout of 360 s is used");
                vs = vs with { PersistenceTimeout = TimeSpan.FromSeconds(360) };
            }

            if (vs.QuorumUp is { } qu)
            {
                vs = vs with { QuorumUp = CheckNotifyScript(qu, ScriptKind.Checker) };
            }

            if (vs.QuorumDown is { } qd)
            {
                vs = vs with { QuorumDown = CheckNotifyScript(qd, ScriptKind.Checker) };
            }

            vs = vs with { SmtpAlert = x.HasFlag(LbExplicit.SmtpAlert) ? vs.SmtpAlert : g.SmtpAlertChecker ?? g.SmtpAlert ?? false };

            var servers = ImmutableArray.CreateBuilder<RealServerConfig>();
            foreach (var rs0 in vs.RealServers)
            {
                var rs = ResolveRealServer(g, vs, fwmarkOnly, rs0, files);
                if (rs is null)
                {
                    continue;
                }

                if (servers.Any(o => o.Address.Equals(rs.Address) && o.Port == rs.Port))
                {
                    _diag.Error(rs.Location, "real_server", $"VS {vs}: real server {FormatRs(vs, rs)} is duplicated - removing second rs");
                    continue;
                }

                servers.Add(rs);
            }

            vs = vs with { RealServers = servers.ToImmutable() };
            vs = ValidateSorryServer(vs, fwmarkOnly);

            if (vs.Hysteresis > 0 && vs.Hysteresis >= vs.Quorum)
            {
                _diag.Error(vs.Location, "hysteresis", $"Virtual server {vs}: hysteresis {vs.Hysteresis} >= quorum {vs.Quorum}; setting hysteresis to 0");
                vs = vs with { Hysteresis = 0 };
            }

            var total = vs.RealServers.Sum(r => (long)r.Weight);
            if (!vs.RealServers.IsEmpty && vs.Quorum > total)
            {
                _diag.Error(vs.Location, "quorum", $"Warning - quorum {vs.Quorum} for {vs} exceeds total weight of real servers {total}, reducing quorum to {total}");
                vs = vs with { Quorum = (int)Math.Max(1, total) };
            }

            result.Add(vs);
        }

        return result.ToImmutable();
    }

    private static string FormatRs(VirtualServerConfig vs, RealServerConfig rs) =>
        $"[{rs.Address}]:{VirtualServerConfig.ProtocolName(vs.Protocol)}:{rs.Port}";

    private RealServerConfig? ResolveRealServer(GlobalDefsConfig g, VirtualServerConfig vs, bool fwmarkOnly, RealServerConfig rs, ImmutableArray<TrackFileConfig> files)
    {
        var x = rs.Explicit;
        var forwarding = x.HasFlag(LbExplicit.Forwarding) ? rs.Forwarding : vs.Forwarding;
        var tunnelled = forwarding.Method == LvsMethod.Tunnel;
        if (!tunnelled && vs.Kind == VirtualServerKind.Address && rs.Address.AddressFamily != vs.Family)
        {
            _diag.Error(rs.Location, "real_server", $"Address family of virtual server and real server {rs.Address} don't match - skipping real server.");
            return null;
        }

        var port = rs.Port;
        if (fwmarkOnly)
        {
            if (port != 0)
            {
                var message = vs.Kind == VirtualServerKind.FwMark
                    ? $"WARNING - fwmark virtual server {vs}, real server {FormatRs(vs, rs)} has port specified - clearing"
                    : $"WARNING - fwmark virtual server {vs}, real server {FormatRs(vs, rs)} has port specified - port will be ignored";
                _diag.Error(rs.Location, "real_server", message);
                port = 0;
            }
        }
        else if (forwarding.Method != LvsMethod.Nat && port != 0 && port != vs.Port && vs.Kind == VirtualServerKind.Address)
        {
            _diag.Error(rs.Location, "real_server", $"WARNING - virtual server {vs} and real server {FormatRs(vs, rs)} ports don't match - resetting",
                "with DR and TUN the real server must listen on the virtual service's port");
            port = vs.Port;
        }
        else if (port == 0 && !x.HasFlag(LbExplicit.Port))
        {
            port = vs.Port;
        }

        var delayLoop = x.HasFlag(LbExplicit.DelayLoop) ? rs.DelayLoop : vs.DelayLoop;
        var resolved = rs with
        {
            Port = port,
            Forwarding = forwarding,
            Weight = x.HasFlag(LbExplicit.Weight) ? rs.Weight : vs.Weight,
            SmtpAlert = x.HasFlag(LbExplicit.SmtpAlert) ? rs.SmtpAlert : vs.SmtpAlert,
            VirtualHost = x.HasFlag(LbExplicit.VirtualHost) ? rs.VirtualHost : vs.VirtualHost,
            Alpha = x.HasFlag(LbExplicit.Alpha) ? rs.Alpha : vs.Alpha,
            ConnectTimeout = x.HasFlag(LbExplicit.ConnectTimeout) ? rs.ConnectTimeout : vs.ConnectTimeout,
            Retry = x.HasFlag(LbExplicit.Retry) ? rs.Retry : vs.Retry,
            DelayBeforeRetry = x.HasFlag(LbExplicit.DelayBeforeRetry) ? rs.DelayBeforeRetry : vs.DelayBeforeRetry,
            Warmup = x.HasFlag(LbExplicit.Warmup) ? rs.Warmup : vs.Warmup,
            DelayLoop = delayLoop,
            InhibitOnFailure = x.HasFlag(LbExplicit.InhibitOnFailure) ? rs.InhibitOnFailure : vs.InhibitOnFailure,
        };

        if (resolved.NotifyUp is { } up)
        {
            resolved = resolved with { NotifyUp = CheckNotifyScript(up, ScriptKind.Checker) };
        }

        if (resolved.NotifyDown is { } down)
        {
            resolved = resolved with { NotifyDown = CheckNotifyScript(down, ScriptKind.Checker) };
        }

        var checkers = ImmutableArray.CreateBuilder<CheckerConfig>();
        foreach (var c in resolved.Checkers)
        {
            if (ResolveChecker(resolved, c, files) is { } rc)
            {
                checkers.Add(rc);
            }
        }

        return resolved with { Checkers = checkers.ToImmutable() };
    }

    /// <summary>Inheritance RS → checker, then the checker type's own defaults (keepalived.conf(5) "real_server").</summary>
    private CheckerConfig? ResolveChecker(RealServerConfig rs, CheckerConfig c, ImmutableArray<TrackFileConfig> files)
    {
        var x = c.Explicit;
        var rx = rs.Explicit;
        var delayLoop = x.HasFlag(LbExplicit.DelayLoop) ? c.DelayLoop : rs.DelayLoop;
        var typeRetry = c.Kind switch
        {
            CheckerKind.DnsCheck => 3,
            CheckerKind.MiscCheck => 0,
            _ => 1,
        };
        var typeDelayBeforeRetry = c.Kind switch
        {
            CheckerKind.HttpGet or CheckerKind.SslGet => TimeSpan.FromSeconds(3),
            CheckerKind.DnsCheck => delayLoop,
            _ => TimeSpan.FromSeconds(1),
        };
        var resolved = c with
        {
            DelayLoop = delayLoop,
            ConnectTimeout = x.HasFlag(LbExplicit.ConnectTimeout) ? c.ConnectTimeout : rs.ConnectTimeout,
            Retry = x.HasFlag(LbExplicit.Retry) ? c.Retry : rs.Retry ?? typeRetry,
            DelayBeforeRetry = x.HasFlag(LbExplicit.DelayBeforeRetry) ? c.DelayBeforeRetry : rs.DelayBeforeRetry ?? typeDelayBeforeRetry,
            Warmup = x.HasFlag(LbExplicit.Warmup) ? c.Warmup : rs.Warmup ?? delayLoop,
            Alpha = x.HasFlag(LbExplicit.Alpha) ? c.Alpha : rs.Alpha,
            LogAllFailures = x.HasFlag(LbExplicit.LogAllFailures) ? c.LogAllFailures : root.Global.CheckerLogAllFailures,
            ConnectIp = c.ConnectIp ?? rs.Address,
            ConnectPort = c.ConnectPort != 0 ? c.ConnectPort : rs.Port,
        };
        _ = rx;

        switch (resolved)
        {
            case HttpGetCheckConfig http when http.Urls.IsEmpty:
                _diag.Error(http.Location, http.UseTls ? "SSL_GET" : "HTTP_GET", "HTTP/SSL_GET checker has no urls specified - ignoring.");
                return null;
            case HttpGetCheckConfig http:
                return http with { VirtualHost = http.Explicit.HasFlag(LbExplicit.VirtualHost) ? http.VirtualHost : rs.VirtualHost };
            case MiscCheckConfig misc:
                if (misc.Script is null || misc.Script.Arguments.IsEmpty)
                {
                    _diag.Error(misc.Location, "MISC_CHECK", "MISC_CHECK has no misc_path specified - ignoring");
                    return null;
                }

                var script = CheckScript(misc.Script, ScriptKind.Checker,
                    $"Unable to set default user for misc script {Quoted(misc.Script)} - removing",
                    $"Failed to set uid/gid for misc checker script {Quoted(misc.Script)} - removing",
                    null);
                return script is null ? null : misc with { Script = script };
            case FileCheckConfig file:
                if (file.TrackFile is null)
                {
                    _diag.Error(file.Location, "FILE_CHECK", "FILE_CHECK has no track_file specified - ignoring");
                    return null;
                }

                var tf = files.FirstOrDefault(f => f.Name == file.TrackFile);
                if (tf is null)
                {
                    _diag.Error(file.Location, "FILE_CHECK", $"track_file {file.TrackFile} not found");
                    return null;
                }

                return file.WeightConfigured ? file : file with { Weight = tf.Weight, Reverse = tf.Reverse };
            case BfdCheckConfig bfd when bfd.Name is null:
                _diag.Error(bfd.Location, "BFD_CHECK", "BFD_CHECK has no bfd instance name specified - ignoring");
                return null;
            default:
                return resolved;
        }
    }

    private VirtualServerConfig ValidateSorryServer(VirtualServerConfig vs, bool fwmarkOnly)
    {
        if (vs.SorryServer is not { } sorry)
        {
            return vs;
        }

        if (sorry.Address.Equals(System.Net.IPAddress.None))
        {
            // sorry_server_inhibit / sorry_server_lvs_method without a sorry_server.
            return vs with { SorryServer = null };
        }

        if (sorry.Forwarding.Method != LvsMethod.Tunnel && vs.Kind == VirtualServerKind.Address && sorry.Address.AddressFamily != vs.Family)
        {
            _diag.Error(sorry.Location, "sorry_server", "Address family of virtual server and sorry server don't match - skipping sorry server.");
            return vs with { SorryServer = null };
        }

        if (fwmarkOnly && sorry.Port != 0)
        {
            _diag.Error(sorry.Location, "sorry_server", vs.Kind == VirtualServerKind.FwMark
                ? $"WARNING - virtual server {vs}, sorry server has port specified - clearing"
                : $"WARNING - fwmark virtual server {vs}, sorry server has port specified - port will be ignored");
            sorry = sorry with { Port = 0 };
        }
        else if (!fwmarkOnly && sorry.Forwarding.Method != LvsMethod.Nat && sorry.Port != 0 && sorry.Port != vs.Port && vs.Kind == VirtualServerKind.Address)
        {
            _diag.Error(sorry.Location, "sorry_server", $"WARNING - virtual server {vs} and sorry server ports don't match - resetting");
            sorry = sorry with { Port = vs.Port };
        }

        foreach (var rs in vs.RealServers)
        {
            if (rs.Address.Equals(sorry.Address) && rs.Port == sorry.Port && rs.InhibitOnFailure != sorry.Inhibit)
            {
                _diag.Error(rs.Location, "sorry_server", $"Virtual server {vs}: real server {FormatRs(vs, rs)} matches sorry server, but inhibit setting differs, setting on sorry server");
                sorry = sorry with { Inhibit = rs.InhibitOnFailure };
            }
        }

        return vs with { SorryServer = sorry };
    }
}

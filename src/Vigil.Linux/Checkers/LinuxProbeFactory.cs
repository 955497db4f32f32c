using System.Net;
using Vigil.Checkers;
using Vigil.Linux.Scripts;

namespace Vigil.Linux.Checkers;

/// <summary>Creates the socket and script probes for each checker block (FILE_CHECK is driven by <see cref="TrackFileMonitor"/>).</summary>
public sealed class LinuxProbeFactory(TimeProvider time, IScriptRunner scripts, string? defaultHeloName = null) : IHealthProbeFactory
{
    private readonly Lazy<string> _helo = new(() => defaultHeloName ?? Dns.GetHostName());

    public IHealthProbe Create(VirtualServerSettings service, RealServerSettings server, CheckerSettings checker)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(checker);
        var target = ProbeTarget.From(server, checker);
        return checker switch
        {
            TcpCheckSettings => new TcpProbe(target, time),
            HttpGetSettings http => new HttpProbe(http, target, time, server.VirtualHost, service.VirtualHost),
            SmtpCheckSettings smtp => new SmtpProbe(target, smtp.HeloName ?? _helo.Value, time),
            DnsCheckSettings dns => new DnsProbe(target, dns, time),
            MiscCheckSettings misc => new MiscProbe(misc, scripts, time),
            UdpCheckSettings udp => new UdpProbe(target, udp, time),
            PingCheckSettings => new PingProbe(target, time),
            _ => throw new NotSupportedException($"{checker.Keyword} has no polled probe"),
        };
    }
}

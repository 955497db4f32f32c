using System.Collections.Immutable;
using System.Globalization;

namespace Vigil.Checkers;

/// <summary>
/// The pure policy of one virtual service (keepalived.conf(5) and keepalived 2.2.7 as observed, see
/// docs/checkers.md): real-server liveness and weights in, desired destinations and notifications out.
/// <list type="bullet">
/// <item>Quorum: weight sum = Σ weights of alive real servers; gained when ≥ quorum + hysteresis, lost when
/// the sum is 0 or &lt; quorum − hysteresis. At start the service is without quorum and gains it silently
/// except for the notifications (quorum_up, FIFO <c>VS … UP</c>, "Starting with quorum up" mail).</item>
/// <item>Without quorum and with a sorry server, every real server leaves the table (weight 0 with
/// inhibit_on_failure) and the sorry server enters with weight 1; with sorry_server_inhibit it is
/// always present, weight 0 while quorum is up.</item>
/// <item>A failed real server leaves the table, or stays with weight 0 under inhibit_on_failure.</item>
/// <item>omega: at stop, notify_down for every alive real server, then quorum_down.</item>
/// </list>
/// Not thread-safe: the scheduler calls it under its lock.
/// </summary>
public sealed class VirtualServicePolicy
{
    private readonly bool[] _alive;
    private readonly int[] _weight;
    private DesiredService? _published;

    public VirtualServicePolicy(VirtualServerSettings settings, IReadOnlyList<bool> initiallyAlive, IReadOnlyList<int> initialWeights)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(initiallyAlive);
        ArgumentNullException.ThrowIfNull(initialWeights);
        if (initiallyAlive.Count != settings.RealServers.Length || initialWeights.Count != settings.RealServers.Length)
        {
            throw new ArgumentException("one initial state per real server is needed", nameof(initiallyAlive));
        }

        Settings = settings;
        _alive = [.. initiallyAlive];
        _weight = [.. initialWeights];
    }

    public VirtualServerSettings Settings { get; }

    public VirtualServiceKey Key => Settings.Key;

    public bool QuorumUp { get; private set; }

    public bool Started { get; private set; }

    public bool IsAlive(int server) => _alive[server];

    public int WeightOf(int server) => _weight[server];

    /// <summary>Σ weights of alive real servers (keepalived's weight_sum).</summary>
    public int WeightSum
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < _alive.Length; i++)
            {
                if (_alive[i])
                {
                    sum += _weight[i];
                }
            }

            return (int)Math.Min(sum, int.MaxValue);
        }
    }

    /// <summary>Initial evaluation: quorum notifications at startup, then the first desired state.</summary>
    public void Start(ICollection<CheckerEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Started = true;
        if (Settings.InitialNotifies)
        {
            // keepalived 2.2.7 with rs_init_notifies and no alpha: notify_up for every real server (even one with
            // nothing listening, which then goes down at its first check) and "RS ... UP" before "VS ... UP"; with
            // alpha nothing extra (observed in the IPVS lane).
            for (var i = 0; i < Settings.RealServers.Length; i++)
            {
                if (!_alive[i])
                {
                    continue;
                }

                var rs = Settings.RealServers[i];
                if (rs.NotifyUp is { } up)
                {
                    output.Add(new NotifyScriptRequested(up, NotifyKind.RealServerUp, Key, rs.Key));
                }

                output.Add(NotifyFifoLine.RealServer(Key, rs.Key, true));
            }
        }

        EvaluateQuorum(output, atStartup: true);
        PublishDesired(output, force: true);
    }

    /// <summary>A real server's liveness and/or weight changed; <paramref name="kind"/>/<paramref name="cause"/> explain a liveness change.</summary>
    public void UpdateServer(int server, bool alive, int weight, CheckerKind? kind, ProbeResult? cause, ICollection<CheckerEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        weight = Math.Max(0, weight);
        var rs = Settings.RealServers[server];
        var wasAlive = _alive[server];
        var oldWeight = _weight[server];
        _alive[server] = alive;
        _weight[server] = weight;
        if (!Started)
        {
            return;
        }

        if (wasAlive != alive)
        {
            output.Add(new RealServerStateChanged(Key, rs.Key, alive, kind, cause));
            var script = alive ? rs.NotifyUp : rs.NotifyDown;
            if (script is not null)
            {
                output.Add(new NotifyScriptRequested(script, alive ? NotifyKind.RealServerUp : NotifyKind.RealServerDown, Key, rs.Key));
            }

            output.Add(NotifyFifoLine.RealServer(Key, rs.Key, alive));
            if (rs.SmtpAlert)
            {
                output.Add(CheckerAlerts.RealServer(Key, rs.Key, alive, kind, cause));
            }
        }
        else if (alive && oldWeight != weight)
        {
            output.Add(new RealServerWeightChanged(Key, rs.Key, oldWeight, weight));
        }

        EvaluateQuorum(output, atStartup: false);
        PublishDesired(output, force: false);
    }

    /// <summary>Shutdown: with omega, notify_down for alive servers then quorum_down (keepalived order).</summary>
    public void Stop(ICollection<CheckerEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!Started || !Settings.Omega)
        {
            Started = false;
            return;
        }

        for (var i = 0; i < _alive.Length; i++)
        {
            if (!_alive[i])
            {
                continue;
            }

            var rs = Settings.RealServers[i];
            if (rs.NotifyDown is not null)
            {
                output.Add(new NotifyScriptRequested(rs.NotifyDown, NotifyKind.RealServerDown, Key, rs.Key));
            }

            output.Add(NotifyFifoLine.RealServer(Key, rs.Key, up: false));
        }

        if (QuorumUp)
        {
            QuorumUp = false;
            if (Settings.QuorumDown is not null)
            {
                output.Add(new NotifyScriptRequested(Settings.QuorumDown, NotifyKind.QuorumDown, Key, null));
            }

            output.Add(NotifyFifoLine.VirtualServer(Key, up: false));
        }

        Started = false;
    }

    /// <summary>The destinations the service should have in its current state.</summary>
    public DesiredService Desired()
    {
        var list = ImmutableArray.CreateBuilder<DesiredDestination>(Settings.RealServers.Length + 1);
        var sorry = Settings.SorryServer;
        var sorryMode = !QuorumUp && sorry is not null;
        for (var i = 0; i < _alive.Length; i++)
        {
            var rs = Settings.RealServers[i];
            var inhibit = rs.InhibitOnFailure ?? Settings.InhibitOnFailure;
            int? weight;
            if (sorryMode)
            {
                // "Removing alive servers from the pool": with inhibit they stay at weight 0.
                weight = inhibit ? 0 : null;
            }
            else
            {
                weight = _alive[i] ? _weight[i] : inhibit ? 0 : null;
            }

            if (weight is int w)
            {
                list.Add(new DesiredDestination(rs.Address, rs.Port, w, rs.Forwarding ?? Settings.Forwarding, rs.UpperThreshold, rs.LowerThreshold));
            }
        }

        if (sorry is not null && (sorryMode || Settings.SorryServerInhibit))
        {
            list.Add(new DesiredDestination(sorry.Address, sorry.Port, sorryMode ? 1 : 0, sorry.Forwarding ?? Settings.Forwarding, Role: DestinationRole.SorryServer));
        }

        return new DesiredService(Key, list.ToImmutable());
    }

    private void EvaluateQuorum(ICollection<CheckerEvent> output, bool atStartup)
    {
        var sum = WeightSum;
        var quorum = Settings.Quorum;
        var hysteresis = Settings.Hysteresis;
        if (!QuorumUp)
        {
            if (sum < (long)quorum + hysteresis)
            {
                return;
            }

            QuorumUp = true;
            var text = string.Create(CultureInfo.InvariantCulture, $"Gained quorum {quorum}+{hysteresis}={quorum + hysteresis} <= {sum} for VS {Key}");
            output.Add(new QuorumChanged(Key, true, sum, atStartup, text));
            if (Settings.QuorumUp is not null)
            {
                output.Add(new NotifyScriptRequested(Settings.QuorumUp, NotifyKind.QuorumUp, Key, null));
            }

            output.Add(NotifyFifoLine.VirtualServer(Key, up: true));
            if (Settings.SmtpAlert)
            {
                output.Add(CheckerAlerts.Quorum(Key, true, atStartup, quorum, hysteresis, sum));
            }

            return;
        }

        if (sum != 0 && sum >= (long)quorum - hysteresis)
        {
            return;
        }

        QuorumUp = false;
        var lost = string.Create(CultureInfo.InvariantCulture, $"Lost quorum {quorum}-{hysteresis}={quorum - hysteresis} > {sum} for VS {Key}");
        output.Add(new QuorumChanged(Key, false, sum, atStartup, lost));
        if (Settings.QuorumDown is not null)
        {
            output.Add(new NotifyScriptRequested(Settings.QuorumDown, NotifyKind.QuorumDown, Key, null));
        }

        output.Add(NotifyFifoLine.VirtualServer(Key, up: false));
        if (Settings.SmtpAlert)
        {
            output.Add(CheckerAlerts.Quorum(Key, false, atStartup, quorum, hysteresis, sum));
        }
    }

    private void PublishDesired(ICollection<CheckerEvent> output, bool force)
    {
        var desired = Desired();
        if (!force && desired.Equals(_published))
        {
            return;
        }

        _published = desired;
        output.Add(new DesiredServiceChanged(desired));
    }
}

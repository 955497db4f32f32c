using System.Collections.Immutable;

namespace Vigil.Vrrp.Tracking;

/// <summary>A <c>vrrp_track_process</c> block (keepalived.conf(5) "VRRP track processes").</summary>
/// <param name="Name">The block's name (as in <c>track_process</c>).</param>
/// <param name="Process">Process name (<c>/proc/PID/comm</c>), or argv[0] when parameters are matched, or the whole
/// command line with <see cref="FullCommand"/>.</param>
public sealed record VrrpTrackProcessSettings(string Name, string Process)
{
    /// <summary>Parameters to match (argv[1..]).</summary>
    public ImmutableArray<string> Parameters { get; init; } = [];

    /// <summary>Match argv instead of the name (parameters given or <c>param_match</c> set).</summary>
    public bool MatchParameters { get; init; }

    /// <summary><c>param_match partial</c>: the first n parameters match, more may follow.</summary>
    public bool PartialMatch { get; init; }

    /// <summary><c>param_match initial</c>: like partial, and the last configured parameter may be a prefix.</summary>
    public bool InitialMatch { get; init; }

    /// <summary><c>full_command</c>: the command line (argv joined by spaces) equals <see cref="Process"/> and the parameters.</summary>
    public bool FullCommand { get; init; }

    /// <summary>Minimum matching processes for OK.</summary>
    public int Quorum { get; init; } = 1;

    /// <summary>Maximum matching processes for OK.</summary>
    public int QuorumMax { get; init; } = int.MaxValue;

    /// <summary>How long the quorum must hold before the process counts as up.</summary>
    public TimeSpan ForkDelay { get; init; }

    /// <summary>How long the quorum must be lost before the process counts as down.</summary>
    public TimeSpan TerminateDelay { get; init; }

    /// <summary>Whether <paramref name="comm"/>/<paramref name="argv"/> (one running process) matches.</summary>
    public bool Matches(string comm, IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        if (FullCommand)
        {
            var wanted = Parameters.IsEmpty ? Process : Process + " " + string.Join(' ', Parameters);
            return string.Join(' ', argv) == wanted;
        }

        if (!MatchParameters)
        {
            return comm == Process;
        }

        if (argv.Count == 0 || argv[0] != Process)
        {
            return false;
        }

        var args = argv.Count - 1;
        var n = Parameters.Length;
        if (args < n || (!PartialMatch && !InitialMatch && args != n))
        {
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            var last = i == n - 1;
            var ok = InitialMatch && last ? argv[i + 1].StartsWith(Parameters[i], StringComparison.Ordinal) : argv[i + 1] == Parameters[i];
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="count"/> matching processes make the quorum.</summary>
    public bool QuorumMet(int count) => count >= Quorum && count <= QuorumMax;
}

namespace Vigil.Vrrp.Tracking;

/// <summary>A <c>vrrp_script</c> block: what to run, how often, and its hysteresis.</summary>
/// <param name="Name">The block's name (as in <c>track_script</c>).</param>
/// <param name="Command">The command line.</param>
public sealed record VrrpScriptSettings(string Name, string Command)
{
    /// <summary>User to run as (null: <c>script_user</c>).</summary>
    public string? User { get; init; }

    /// <summary>Group to run as.</summary>
    public string? Group { get; init; }

    /// <summary>Time between runs (a run is skipped while the previous one is still active).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A run longer than this is killed and counts as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Successes needed to go OK.</summary>
    public int Rise { get; init; } = 1;

    /// <summary>Failures needed to go KO.</summary>
    public int Fall { get; init; } = 1;
}

namespace Vigil.Vrrp.Tracking;

/// <summary>
/// A <c>vrrp_script</c>'s rise/fall hysteresis, as observed with keepalived 2.2.7: the first result decides at once
/// (the script starts "one result away" in both directions); after that <c>fall</c> consecutive failures turn an OK
/// script KO and <c>rise</c> consecutive successes turn a KO script OK. <c>init_fail</c> made no observable difference
/// in 2.2.7 (the first success still turned the script OK, rise 3 included), so it is not modelled.
/// </summary>
public sealed class ScriptResultCounter
{
    private readonly int _rise;
    private readonly int _fall;
    private int _run;

    /// <param name="rise">Successes needed to go OK (at least 1).</param>
    /// <param name="fall">Failures needed to go KO (at least 1).</param>
    public ScriptResultCounter(int rise, int fall)
    {
        _rise = Math.Max(1, rise);
        _fall = Math.Max(1, fall);
    }

    /// <summary>Current state.</summary>
    public TrackerHealth Health { get; private set; } = TrackerHealth.Unknown;

    /// <summary>Records one run; true when <see cref="Health"/> changed.</summary>
    public bool Record(bool success)
    {
        var before = Health;
        switch (Health)
        {
            case TrackerHealth.Unknown:
                Health = success ? TrackerHealth.Up : TrackerHealth.Down;
                _run = 0;
                break;
            case TrackerHealth.Up:
                _run = success ? 0 : _run + 1;
                if (_run >= _fall)
                {
                    Health = TrackerHealth.Down;
                    _run = 0;
                }

                break;
            case TrackerHealth.Down:
                _run = success ? _run + 1 : 0;
                if (_run >= _rise)
                {
                    Health = TrackerHealth.Up;
                    _run = 0;
                }

                break;
        }

        return Health != before;
    }
}

namespace Vigil.Vrrp.Tracking;

/// <summary>The state of a tracked object.</summary>
public enum TrackerHealth
{
    /// <summary>No result yet (a script that has not run): contributes nothing; holds a weight-0 tracker's instance in INIT.</summary>
    Unknown,

    /// <summary>OK / up.</summary>
    Up,

    /// <summary>Failed / down.</summary>
    Down,
}

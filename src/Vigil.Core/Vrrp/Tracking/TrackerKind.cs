namespace Vigil.Vrrp.Tracking;

/// <summary>What a tracked object is.</summary>
public enum TrackerKind
{
    /// <summary><c>vrrp_script</c> / <c>track_script</c>.</summary>
    Script,

    /// <summary><c>track_interface</c>: link up and running.</summary>
    Interface,

    /// <summary><c>track_file</c>: the file's number times the weight.</summary>
    File,

    /// <summary><c>vrrp_track_process</c> / <c>track_process</c>.</summary>
    Process,
}

using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>The notify scripts of an instance or sync group. The specific script runs first, then the generic
/// <see cref="Notify"/> with 4 extra arguments (INSTANCE|GROUP, name, state, priority).</summary>
public sealed record VrrpNotifyScripts
{
    public ScriptConfig? Master { get; init; }

    public ScriptConfig? Backup { get; init; }

    public ScriptConfig? Fault { get; init; }

    public ScriptConfig? Stop { get; init; }

    /// <summary><c>notify_deleted</c>: send DELETED instead of FAULT for instances removed by a reload.</summary>
    public bool NotifyDeleted { get; init; }

    public ScriptConfig? Deleted { get; init; }

    public ScriptConfig? Notify { get; init; }

    public ScriptConfig? MasterRxLowerPriority { get; init; }

    public IEnumerable<ScriptConfig> All =>
        new[] { Master, Backup, Fault, Stop, Deleted, Notify, MasterRxLowerPriority }.OfType<ScriptConfig>();
}

using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary>A notify FIFO (<c>notify_fifo</c>, <c>vrrp_notify_fifo</c>, <c>lvs_notify_fifo</c>) and its optional reader script.</summary>
public sealed record NotifyFifoConfig(string Path)
{
    public string? User { get; init; }

    public string? Group { get; init; }

    /// <summary><c>*_fifo_script</c>: keepalived starts it with the FIFO name as last argument.</summary>
    public ScriptConfig? Script { get; init; }
}

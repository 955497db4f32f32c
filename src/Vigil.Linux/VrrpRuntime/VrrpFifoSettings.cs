namespace Vigil.Linux.VrrpRuntime;

/// <summary>A notify FIFO and its optional reader script (<c>notify_fifo_script</c>, started once with the FIFO path as
/// its last argument and stopped at exit).</summary>
/// <param name="Path">The FIFO.</param>
public sealed record VrrpFifoSettings(string Path)
{
    /// <summary>The <c>*_fifo_script</c> command line.</summary>
    public string? Script { get; init; }

    /// <summary>User the script runs as.</summary>
    public string? ScriptUser { get; init; }

    /// <summary>Group the script runs as.</summary>
    public string? ScriptGroup { get; init; }

    /// <summary>Owner of a FIFO created by us (<c>notify_fifo PATH USER GROUP</c>).</summary>
    public string? User { get; init; }

    /// <summary>Group owner of a FIFO created by us.</summary>
    public string? Group { get; init; }
}

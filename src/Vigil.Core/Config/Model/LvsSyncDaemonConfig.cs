using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary><c>lvs_sync_daemon IF [[inst] VI] [id N] [maxlen N] [port N] [ttl N] [group ADDR]</c>.</summary>
public sealed record LvsSyncDaemonConfig(string Interface)
{
    public string? VrrpInstance { get; init; }

    public int? SyncId { get; init; }

    public int? MaxLength { get; init; }

    public int Port { get; init; } = 8848;

    public int? Ttl { get; init; }

    public IPAddress? Group { get; init; }
}

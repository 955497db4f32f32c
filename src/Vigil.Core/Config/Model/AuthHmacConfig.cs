using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>auth_hmac { ... }</c> (keepalived 2.4 advert authentication).</summary>
public sealed record AuthHmacConfig
{
    public ImmutableArray<AuthHmacKeyConfig> Keys { get; init; } = [];

    public int? ActiveKey { get; init; }

    public string AntiReplay { get; init; } = "time";

    public TimeSpan? TimeWindow { get; init; }

    public string Mode { get; init; } = "enforce";
}

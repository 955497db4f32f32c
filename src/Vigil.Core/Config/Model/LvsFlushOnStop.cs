using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary><c>lvs_flush_on_stop [VS]</c>.</summary>
public enum LvsFlushOnStop
{
    /// <summary>Remove each real and virtual server individually (keepalived's default).</summary>
    None,

    /// <summary>Flush all of IPVS.</summary>
    Full,

    /// <summary>Remove only keepalived's virtual servers; the kernel removes their real servers.</summary>
    VirtualServersOnly,
}

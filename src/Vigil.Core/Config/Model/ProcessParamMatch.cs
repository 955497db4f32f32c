using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>How <c>vrrp_track_process</c> matches parameters.</summary>
public enum ProcessParamMatch
{
    Exact,
    Initial,
    Partial,
}

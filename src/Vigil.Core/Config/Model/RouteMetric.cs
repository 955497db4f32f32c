using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>A route metric (<c>mtu</c>, <c>advmss</c>, <c>rtt</c>, ... optionally <c>lock</c>ed).</summary>
public sealed record RouteMetric(string Name, uint Value, bool Locked);

using System.Net;

namespace Vigil.Lb;

/// <summary>Identity of a real server inside a virtual service: address and port (IPVS keys dests by them).</summary>
public readonly record struct DestinationKey(IPAddress Address, ushort Port)
{
    public override string ToString() => VirtualServiceKey.Endpoint(Address, Port);
}

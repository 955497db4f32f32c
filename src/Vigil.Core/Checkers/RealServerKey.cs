using System.Net;

namespace Vigil.Checkers;

/// <summary>Identity of a <c>real_server ADDR [PORT]</c> inside its virtual service.</summary>
public sealed record RealServerKey(IPAddress Address, int Port)
{
    public override string ToString() => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"[{Address}]:{Port}"
        : $"{Address}:{Port}";
}

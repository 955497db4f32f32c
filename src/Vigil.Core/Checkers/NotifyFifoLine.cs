using System.Text;

namespace Vigil.Checkers;

/// <summary>
/// A line for <c>notify_fifo</c> / <c>lvs_notify_fifo</c>, newline included, exactly as keepalived 2.2.7
/// writes it (observed): <c>VS [192.0.2.100]:tcp:80 UP</c>, <c>VS FWM 7 DOWN</c>, <c>VS [G1]:0 UP</c>,
/// <c>RS [192.0.2.10]:tcp:8080 [192.0.2.100]:tcp:80 DOWN</c>, <c>RS [192.0.2.10]:none:0 FWM 7 UP</c>.
/// 2.2.7 writes no NUL after the newline.
/// </summary>
public sealed record NotifyFifoLine(string Text) : CheckerEvent
{
    public static NotifyFifoLine VirtualServer(VirtualServiceKey service, bool up) =>
        new($"VS {EndpointText.VirtualService(service)} {(up ? "UP" : "DOWN")}\n");

    public static NotifyFifoLine RealServer(VirtualServiceKey service, RealServerKey server, bool up) =>
        new($"RS {EndpointText.RealServer(service, server)} {EndpointText.VirtualService(service)} {(up ? "UP" : "DOWN")}\n");

    /// <summary>The bytes to write to the FIFO (ASCII, one write so concurrent writers cannot interleave).</summary>
    public byte[] ToBytes() => Encoding.ASCII.GetBytes(Text);
}

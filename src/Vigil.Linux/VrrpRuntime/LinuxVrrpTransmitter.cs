using Vigil.Vrrp.Ports;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// Sends adverts on the socket of the instance's channel. keepalived builds the IPv4 header itself with an ID that
/// increments per packet and instance; the TTL is 255 for multicast and <c>unicast_ttl</c> for unicast.
/// </summary>
internal sealed class LinuxVrrpTransmitter(IReadOnlyDictionary<string, VrrpChannel> channels) : IVrrpAdvertTransmitter
{
    private readonly Dictionary<string, ushort> _ipIds = new(StringComparer.Ordinal);

    public void Send(in VrrpTransmitMeta meta, ReadOnlySpan<byte> payload)
    {
        if (!channels.TryGetValue(meta.InstanceName, out var channel))
        {
            throw new InvalidOperationException($"no VRRP channel for {meta.InstanceName}");
        }

        var socket = channel.Socket ?? throw new InvalidOperationException($"no VRRP socket on {channel.Options.InterfaceName}: {channel.LastError ?? "not open yet"}");

        // Called on the engine's logical thread only: no lock needed for the counters.
        _ipIds.TryGetValue(meta.InstanceName, out var id);
        _ipIds[meta.InstanceName] = unchecked((ushort)(id + 1));
        socket.Send(payload, meta.Source, meta.Destination, id, meta.IsUnicast ? meta.Ttl : null);
    }
}

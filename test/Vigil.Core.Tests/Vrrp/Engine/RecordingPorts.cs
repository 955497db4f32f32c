using System.Net;
using Vigil.Testing;
using Vigil.Vrrp.Ports;

namespace Vigil.Vrrp.Engine.Tests;

/// <summary>Ports that record every call as one line ("advert 150 192.0.2.1>224.0.0.18 ttl255 @3.609375").</summary>
internal sealed class RecordingPorts : IVrrpAdvertTransmitter, IVrrpAddressProgrammer, IVrrpAnnouncer, IVrrpNotifier
{
    private readonly ManualTimeProvider _time;

    public RecordingPorts(ManualTimeProvider time) => _time = time;

    public List<string> Calls { get; } = [];

    public List<(VrrpTransmitMeta Meta, byte[] Payload)> Sent { get; } = [];

    public List<VrrpNotification> Notifications { get; } = [];

    public Action<VrrpTransmitMeta>? OnSend { get; set; }

    public Exception? ThrowOnSend { get; set; }

    public Exception? ThrowOnAdd { get; set; }

    public VrrpPorts Ports => new(this, this, this, this);

    public IEnumerable<string> CallsWithout(string prefix) => Calls.Where(c => !c.StartsWith(prefix, StringComparison.Ordinal));

    public void Send(in VrrpTransmitMeta meta, ReadOnlySpan<byte> payload)
    {
        if (ThrowOnSend is not null)
        {
            throw ThrowOnSend;
        }

        Sent.Add((meta, payload.ToArray()));
        Calls.Add($"advert {payload[2]} {meta.Source}>{meta.Destination} ttl{meta.Ttl?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} @{At}");
        OnSend?.Invoke(meta);
    }

    public void Add(VrrpAddressSet set)
    {
        if (ThrowOnAdd is not null)
        {
            throw ThrowOnAdd;
        }

        Calls.Add($"add {set.InstanceName} @{At}");
    }

    public void Remove(VrrpAddressSet set) => Calls.Add($"remove {set.InstanceName} @{At}");

    public void SendGratuitousArp(string interfaceName, IPAddress address) => Calls.Add($"garp {interfaceName} {address} @{At}");

    public void SendUnsolicitedNeighborAdvert(string interfaceName, IPAddress address) => Calls.Add($"na {interfaceName} {address} @{At}");

    public void Notify(VrrpNotification notification)
    {
        Notifications.Add(notification);
        Calls.Add($"notify {notification.FifoLine.TrimEnd()} @{At}");
    }

    private string At => _time.Elapsed.TotalSeconds.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Net;
using Vigil.Linux.Announce;
using Vigil.Linux.Rtnl;
using Vigil.Vrrp.Ports;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// GARP / unsolicited NA through <see cref="AnnouncementSender"/>. The interface (MAC, NOARP, index) is looked up through
/// <paramref name="links"/>, kept current by the runtime's link monitor; the NA Router flag follows the interface's
/// IPv6 forwarding sysctl (reference §3.8).
/// </summary>
internal sealed class LinuxVrrpAnnouncer(AnnouncementSender sender, Func<string, LinkEntry?> links) : IVrrpAnnouncer
{
    public void SendGratuitousArp(string interfaceName, IPAddress address)
    {
        var link = links(interfaceName) ?? throw new InvalidOperationException($"interface {interfaceName} not found");
        sender.SendGratuitousArp(link, address);
    }

    public void SendUnsolicitedNeighborAdvert(string interfaceName, IPAddress address)
    {
        var link = links(interfaceName) ?? throw new InvalidOperationException($"interface {interfaceName} not found");
        sender.SendUnsolicitedNeighborAdvertisement(link, address, IsForwarding(interfaceName));
    }

    private static bool IsForwarding(string interfaceName)
    {
        try
        {
            var text = File.ReadAllText($"/proc/sys/net/ipv6/conf/{interfaceName}/forwarding").Trim();
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

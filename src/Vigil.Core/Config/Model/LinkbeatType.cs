using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>Link polling method; <see cref="Default"/> = MII, falling back to ETHTOOL then IOCTL.</summary>
public enum LinkbeatType
{
    Default,
    Mii,
    Ethtool,
    Ioctl,
}

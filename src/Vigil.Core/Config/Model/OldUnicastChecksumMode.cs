using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>old_unicast_checksum [never]</c>: VRRPv3 unicast checksum compatibility with keepalived ≤ 1.3.6.</summary>
public enum OldUnicastChecksumMode
{
    /// <summary>Use the current algorithm, but accept the old one when seen.</summary>
    Auto,

    /// <summary>Send the old checksum.</summary>
    Old,

    /// <summary>Never auto-detect old checksums.</summary>
    Never,
}

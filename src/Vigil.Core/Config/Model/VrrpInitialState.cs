using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>state MASTER|BACKUP</c>. Only a priority-255 MASTER starts as master at once; see RFC 5798 §6.4.1.</summary>
public enum VrrpInitialState
{
    Backup,
    Master,
}

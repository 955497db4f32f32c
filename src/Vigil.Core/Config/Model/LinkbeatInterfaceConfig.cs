using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>An entry of <c>linkbeat_interfaces</c>: poll this interface's link state instead of trusting netlink.</summary>
public sealed record LinkbeatInterfaceConfig(string Interface, LinkbeatType Type, SourceLocation Location);

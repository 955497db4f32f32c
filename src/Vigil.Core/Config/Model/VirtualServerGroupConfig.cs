using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>virtual_server_group NAME</c>: addresses, ranges, CIDR blocks and fwmarks sharing one real server set.</summary>
public sealed record VirtualServerGroupConfig(string Name, ImmutableArray<VirtualServerGroupEntry> Entries, SourceLocation Location);

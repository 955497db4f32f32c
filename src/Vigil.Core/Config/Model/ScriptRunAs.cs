using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>The account a script runs as.</summary>
public sealed record ScriptRunAs(string User, int Uid, int Gid);

using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>One <c>key ID hex:...|file:...|STRING</c> of <c>auth_hmac</c>.</summary>
public sealed record AuthHmacKeyConfig(int Id, string Source);

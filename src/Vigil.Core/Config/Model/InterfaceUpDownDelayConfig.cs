using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>interface_up_down_delays</c> entry: debounce link changes (up delay defaults to the down delay; max 255 s).</summary>
public sealed record InterfaceUpDownDelayConfig(string Interface, TimeSpan DownDelay, TimeSpan UpDelay, SourceLocation Location);

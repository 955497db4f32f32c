using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>Which inheritable settings were written on a virtual server, real server or checker.</summary>
[Flags]
internal enum LbExplicit
{
    None = 0,
    ConnectTimeout = 1 << 0,
    Retry = 1 << 1,
    DelayBeforeRetry = 1 << 2,
    Warmup = 1 << 3,
    DelayLoop = 1 << 4,
    Alpha = 1 << 5,
    InhibitOnFailure = 1 << 6,
    SmtpAlert = 1 << 7,
    VirtualHost = 1 << 8,
    Protocol = 1 << 9,
    Scheduler = 1 << 10,
    Forwarding = 1 << 11,
    Weight = 1 << 12,
    LogAllFailures = 1 << 13,
    Port = 1 << 14,
}

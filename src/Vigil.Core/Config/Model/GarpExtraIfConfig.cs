using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary><c>garp_extra_if [all] SECS</c>: periodic GARP/NA on other interfaces carrying VIPs.</summary>
public sealed record GarpExtraIfConfig(TimeSpan Interval, bool AllInterfaces);

using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary><c>track_group NAME { group { VI... } }</c>: instances put in FAULT when a static entry naming the group is lost.</summary>
public sealed record TrackGroupConfig(string Name, ImmutableArray<string> Instances, SourceLocation Location);
